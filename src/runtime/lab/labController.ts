// Keeps the lab's derived results in step with what the user chose: the runtime side of the lab.
import { useAppStore, type AppState } from '../../state/store.ts';
import { currentImage } from '../../state/gallerySlice.ts';
import { cleanKeyOf, toPrediction } from '../../state/labSlice.ts';
import { classProbabilities, getModel } from '../models/index.ts';
import { errorMessage } from '../../lib/index.ts';
import { imagesFromBytes } from '../../data/bytesToTensor.ts';
import { JOBS } from '../jobs/index.ts';

/** The clean prediction to compute now: none until the backend is ready. */
const wantedCleanKey = (s: AppState) => (s.backend.status === 'ready' ? cleanKeyOf(s) : null);

/** Classifies the image on screen; a newer image or model replaces the run, and its result is never shown. */
function classifyCurrent(key: string): Promise<void> {
  const s = useAppStore.getState();
  const img = currentImage(s);
  if (!img) return Promise.resolve();
  return JOBS.clean.run(key, {
    keyNow: () => wantedCleanKey(useAppStore.getState()),
    work: async () => {
      const { modelFn } = await getModel(s.selectedModelId);
      const x = imagesFromBytes(img.pixels, 1);
      try {
        return await classProbabilities(modelFn, x);
      } finally {
        x.dispose();
      }
    },
    done: (probs) => useAppStore.getState().setClean({ for: key, prediction: toPrediction(probs) }),
    failed: (error) => useAppStore.getState().setClean({ for: key, error }),
  });
}

/** Starts watching the store. Returns the unsubscribe function. */
export function startLabController(): () => void {
  let last: string | null = null;
  const onChange = (s: AppState) => {
    const key = wantedCleanKey(s);
    if (key !== last) {
      last = key;
      if (key) void classifyCurrent(key);
    }
  };
  onChange(useAppStore.getState());
  return useAppStore.subscribe(onChange);
}
