// The robustness curve: accuracy against epsilon for the chosen models and attacks, on held-out images.
import { robustnessCurve, type CurveAttack } from '../../evaluation/index.ts';
import type { CurveResult, CurveSeries } from '../../state/measurementResults.ts';
import { JOBS } from '../jobs/index.ts';
import { pageSlot, runMeasurement, type Measurement } from './runMeasurement.ts';

/** The page's grid: denser where undefended models fall, so the default job takes about a minute on WASM. */
const PAGE_CURVE_EPSILONS: readonly number[] = Object.freeze([0, 1, 2, 3, 4, 6, 8, 12, 16].map((e) => e / 255));
/** PGD steps at each eps on the page (step 2.5 eps / steps). */
export const PAGE_CURVE_PGD_STEPS = 5;

/**
 * Each attack's rough cost on the page's grid, for the progress bar and its time estimate: FGSM one gradient, PGD its
 * steps at every eps, AutoAttack its three stages at every eps on what is left (20 images of the standard and robust
 * models: PGD about 15 s, AutoAttack about 7 minutes).
 */
const CURVE_COST: Record<CurveAttack, number> = { fgsm: 1, pgd: PAGE_CURVE_PGD_STEPS, autoattack: 30 * PAGE_CURVE_PGD_STEPS };

const curve = (attacks: readonly CurveAttack[]): Measurement<CurveResult> => ({
  slot: pageSlot('curve'),
  job: JOBS.curve,
  // The previous curve stays on screen until this job measures its first model.
  start: (previous) => ({ ...previous, seriesIsNew: false }),
  failure: 'The curve could not be drawn',
  work: async ({ signal, images, models, show, progress }) => {
    const series: CurveSeries[] = [];
    const total = attacks.reduce((sum, a) => sum + CURVE_COST[a], 0);
    let before = 0;
    for (const attack of attacks) {
      let k = 0;
      await robustnessCurve(models, images, {
        attack,
        signal,
        batchSize: 50,
        epsilons: PAGE_CURVE_EPSILONS,
        steps: PAGE_CURVE_PGD_STEPS,
        onProgress: (p) => progress((before + CURVE_COST[attack] * p.fraction) / total),
        onCurve: (cv) => {
          series.push({
            modelId: models[k++]!.id,
            modelName: cv.name,
            attack,
            points: PAGE_CURVE_EPSILONS.map((eps, j) => ({ eps, accuracy: cv.accuracy[j]! })),
          });
          show({ series: [...series], seriesIsNew: true });
        },
      });
      before += CURVE_COST[attack];
    }
  },
});

export const runRobustnessCurve = (modelIds: string[], attacks: CurveAttack[], images: number): Promise<void> =>
  runMeasurement(curve(attacks), modelIds, images);

export const cancelRobustnessCurve = (): void => JOBS.curve.cancel();
