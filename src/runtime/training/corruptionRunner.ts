// "Common corruptions": the chosen models' accuracy on the held-out images under each corruption and severity,
// one model after another (each shown when done); progress, time estimate, Cancel.
import { corruptionSweep } from '../../training/index.ts';
import { CORRUPTIONS } from '../../data/corruptions.ts';
import { useAppStore } from '../../state/store.ts';
import type { CorruptionSeries } from '../../state/corruptionSlice.ts';
import { getModel } from '../models/index.ts';
import { JOBS } from '../jobs/index.ts';
import { evalImages } from './trainingData.ts';

/** The sweep is not tied to the lab's settings: one key, so only a newer sweep or Cancel stops one. */
const CORRUPTIONS_KEY = 'corruptions';

export async function runCorruptionSweep(modelIds: string[], images: number): Promise<void> {
  const store = useAppStore.getState();
  await JOBS.corruptions.run(CORRUPTIONS_KEY, {
    keyNow: () => CORRUPTIONS_KEY,
    work: async ({ signal, current }) => {
      const kinds = CORRUPTIONS.map(({ id, label }) => ({ id, label }));
      store.setCorruptions({ status: 'running', progress: 0, startedAt: performance.now(), kinds, series: [], message: undefined, n: 0 });
      const held = await evalImages(images);
      try {
        useAppStore.getState().setCorruptions({ n: held.labels.length });
        const series: CorruptionSeries[] = [];
        for (const [i, id] of modelIds.entries()) {
          const { modelFn } = await getModel(id);
          const r = await corruptionSweep(modelFn, held.x, held.labels, {
            signal,
            onProgress: (f) => current() && useAppStore.getState().setCorruptions({ progress: (i + f) / modelIds.length }),
          });
          if (!current()) return;
          series.push({ modelId: id, modelName: store.models.find((m) => m.id === id)?.name ?? id, ...r });
          useAppStore.getState().setCorruptions({ series: [...series] });
        }
      } finally {
        held.x.dispose();
      }
    },
    done: () => useAppStore.getState().setCorruptions({ status: 'done', progress: 1 }),
    cancelled: () => useAppStore.getState().setCorruptions({ status: 'cancelled' }),
    failed: (message) => useAppStore.getState().setCorruptions({ status: 'failed', message: `The sweep stopped: ${message}` }),
  });
}

export function cancelCorruptionSweep(): void {
  JOBS.corruptions.cancel();
}
