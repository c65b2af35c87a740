// "Measure robustness" for a model of the picker: the worst case over AutoAttack's standard order (APGD-CE,
// APGD-T, Square) on the held-out images, beside PGD-20 on the same images; progress, time estimate, Cancel.
import { reliableRobustness, reliableStages } from '../../training/index.ts';
import { useAppStore } from '../../state/store.ts';
import { getModel } from '../models/index.ts';
import { JOBS } from '../jobs/index.ts';
import { evalImages } from './trainingData.ts';

/** One key: only a newer measurement or Cancel stops one (it is not tied to the lab's settings). */
const RELIABLE_KEY = 'reliable';

export async function measureRobustness(modelId: string, images: number, eps = 8 / 255): Promise<void> {
  const store = useAppStore.getState();
  const modelName = store.models.find((m) => m.id === modelId)?.name ?? modelId;
  await JOBS.reliable.run(RELIABLE_KEY, {
    keyNow: () => RELIABLE_KEY,
    work: async ({ signal }) => {
      store.setReliable({
        status: 'running', progress: 0, running: 'clean', startedAt: performance.now(), modelId, modelName, eps, message: undefined,
        stages: reliableStages(eps).map(({ label, budget }) => ({ label, budget })), figures: [], n: 0,
      });
      const held = await evalImages(images);
      try {
        useAppStore.getState().setReliable({ n: held.labels.length });
        const { modelFn } = await getModel(modelId);
        await reliableRobustness(modelFn, held.x, held.labels, {
          eps,
          signal,
          onProgress: ({ fraction, running }) => useAppStore.getState().setReliable({ progress: fraction, running }),
          onFigure: (f) => useAppStore.getState().setReliable({ figures: [...useAppStore.getState().reliable.figures, f] }),
        });
      } finally {
        held.x.dispose();
      }
    },
    done: () => useAppStore.getState().setReliable({ status: 'done', progress: 1, running: undefined }),
    cancelled: () => useAppStore.getState().setReliable({ status: 'cancelled', running: undefined }),
    failed: (message) => useAppStore.getState().setReliable({ status: 'failed', running: undefined, message: `The measurement stopped: ${message}` }),
  });
}

export function cancelMeasureRobustness(): void {
  JOBS.reliable.cancel();
}
