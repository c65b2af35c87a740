// The corruption sweep: the chosen models' accuracy on the held-out images under each corruption and severity,
// one model after another (each shown when done).
import { corruptionSweep } from '../../evaluation/index.ts';
import { CORRUPTIONS } from '../../data/corruptions.ts';
import type { CorruptionResult, CorruptionSeries } from '../../state/measurementResults.ts';
import { JOBS } from '../jobs/index.ts';
import { pageSlot, runMeasurement, type Measurement } from './runMeasurement.ts';

const sweep = (): Measurement<CorruptionResult> => ({
  slot: pageSlot('corruptions'),
  job: JOBS.corruptions,
  start: () => ({ kinds: CORRUPTIONS.map(({ id, label }) => ({ id, label })), series: [] }),
  failure: 'The sweep stopped',
  work: async ({ signal, images, models, show, progress }) => {
    const series: CorruptionSeries[] = [];
    for (const [i, { id, name, model }] of models.entries()) {
      const r = await corruptionSweep(model, images.x, images.labels, { signal, onProgress: (f) => progress((i + f) / models.length) });
      series.push({ modelId: id, modelName: name, ...r });
      show({ series: [...series] });
    }
  },
});

export const runCorruptionSweep = (modelIds: string[], images: number): Promise<void> => runMeasurement(sweep(), modelIds, images);

export const cancelCorruptionSweep = (): void => JOBS.corruptions.cancel();
