// The gradient view: each compared model's input gradient for the image on screen, computed when the view is
// shown and when the image or your own model's weights change (two or three gradients: cheap enough not to need a
// button).
import { inputGradient, magnitudeRgb, signedRgb } from '../../insights/index.ts';
import { useAppStore } from '../../state/store.ts';
import { currentImage } from '../../state/gallerySlice.ts';
import { comparedModels, insightKeyOf, type GradientMaps } from '../../state/insightSlice.ts';
import { getModel } from '../models/index.ts';
import { imagesFromBytes } from '../../data/bytesToTensor.ts';
import { referenceClass } from '../lab/index.ts';
import { JOBS } from '../jobs/index.ts';

/** Computes the maps for the current image unless they are there (or on their way) already. */
export async function showGradients(): Promise<void> {
  const s = useAppStore.getState();
  const img = currentImage(s);
  const key = insightKeyOf(s, true);
  if (!img || key === null || s.backend.status !== 'ready') return;
  if (s.gradients?.for === key && s.gradients.status !== 'failed') return;
  await JOBS.gradients.run(key, {
    keyNow: () => insightKeyOf(useAppStore.getState(), true),
    work: async (run) => {
      useAppStore.getState().setGradients({ for: key, status: 'running', maps: [] });
      const x = imagesFromBytes(img.pixels, 1);
      try {
        const maps: GradientMaps[] = [];
        for (const m of comparedModels(s)) {
          const { modelFn } = await getModel(m.id);
          if (!run.wanted()) break;
          const reference = await referenceClass(modelFn, x, img.label);
          const grad = await inputGradient(modelFn, x, reference);
          maps.push({ modelId: m.id, name: m.name, reference, magnitude: magnitudeRgb(grad), signed: signedRgb(grad) });
        }
        return maps;
      } finally {
        x.dispose();
      }
    },
    done: (maps) => useAppStore.getState().setGradients({ for: key, status: 'done', maps }),
    failed: (message) => useAppStore.getState().setGradients({ for: key, status: 'failed', maps: [], message }),
  });
}

/** After a backend switch: a computation in flight is dropped (its model's tensors are gone). */
export function cancelGradients(): void {
  JOBS.gradients.cancel();
  const g = useAppStore.getState().gradients;
  if (g?.status === 'running') useAppStore.getState().setGradients(null);
}
