// Keeps the lab's derived results in step with what the user chose: the runtime side of the lab.
import { useAppStore, type AppState } from '../state/store.ts';
import { modelKey } from '../state/modelSlice.ts';
import { currentImage } from '../state/gallerySlice.ts';
import { toPrediction } from '../state/labSlice.ts';
import { getModel } from './modelRegistry.ts';
import { classProbabilities, pixelsToTensor } from './classify.ts';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function cleanKey(s: AppState): string | null {
  const img = currentImage(s);
  return img && s.backend.status === 'ready' ? `${img.key}|${modelKey(s)}` : null;
}

async function classifyCurrent(key: string): Promise<void> {
  const s = useAppStore.getState();
  const img = currentImage(s);
  if (!img) return;
  try {
    const { logits } = await getModel(s.selectedModelId);
    const x = pixelsToTensor(img.pixels);
    try {
      const probs = await classProbabilities(logits, x);
      if (cleanKey(useAppStore.getState()) === key) useAppStore.getState().setClean({ for: key, prediction: toPrediction(probs) });
    } finally {
      x.dispose();
    }
  } catch (e) {
    if (cleanKey(useAppStore.getState()) === key) useAppStore.getState().setClean({ for: key, error: message(e) });
  }
}

/** Starts watching the store. Returns the unsubscribe function. */
export function startLabController(): () => void {
  let last: string | null = null;
  const onChange = (s: AppState) => {
    const key = cleanKey(s);
    if (key !== last) {
      last = key;
      if (key) void classifyCurrent(key);
    }
  };
  onChange(useAppStore.getState());
  return useAppStore.subscribe(onChange);
}
