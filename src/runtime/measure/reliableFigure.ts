// The reliable figure for a model of the picker: the worst case over AutoAttack's standard order (APGD-CE, APGD-T,
// Square) on the held-out images, beside PGD-20 on the same images.
import { reliableFigure, reliableStages } from '../../evaluation/index.ts';
import type { ReliableFigureResult } from '../../state/measurementResults.ts';
import { JOBS } from '../jobs/index.ts';
import { pageSlot, runMeasurement, type Measurement } from './runMeasurement.ts';

const figure = (eps: number): Measurement<ReliableFigureResult> => ({
  slot: pageSlot('reliable'),
  job: JOBS.reliable,
  start: (_, [model]) => ({
    modelId: model?.id,
    modelName: model?.name,
    eps,
    stages: reliableStages(eps).map(({ label, budget }) => ({ label, budget })),
    rows: [],
  }),
  firstStep: 'clean',
  failure: 'The measurement stopped',
  work: async ({ signal, images, models: [model], result, show, progress }) => {
    await reliableFigure(model!.model, images.x, images.labels, {
      eps,
      signal,
      onProgress: ({ fraction, running }) => progress(fraction, running),
      onRow: (row) => show({ rows: [...result().rows, row] }),
    });
  },
});

export const measureReliableFigure = (modelId: string, images: number, eps = 8 / 255): Promise<void> =>
  runMeasurement(figure(eps), [modelId], images);

export const cancelReliableFigure = (): void => JOBS.reliable.cancel();
