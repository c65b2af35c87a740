// Draws the robustness curve: accuracy against epsilon for the chosen models, on held-out images.
import { robustnessCurve, type CurveAttack, type NamedClassifier } from '../../training/index.ts';
import { useAppStore } from '../../state/store.ts';
import type { CurveSeries } from '../../state/trainingSlice.ts';
import { getModel } from '../models/index.ts';
import { JOBS } from '../jobs/index.ts';
import { evalImages } from './trainingData.ts';

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

/** The curve is not tied to the lab's settings: one key, so only a newer curve or Cancel stops one. */
const CURVE_KEY = 'curve';

export async function runRobustnessCurve(modelIds: string[], attacks: CurveAttack[], images: number): Promise<void> {
  const store = useAppStore.getState();
  await JOBS.curve.run(CURVE_KEY, {
    keyNow: () => CURVE_KEY,
    work: async ({ signal }) => {
      // The previous curve stays on screen until this job measures its first model.
      store.setCurve({ status: 'running', progress: 0, seriesIsNew: false, startedAt: performance.now(), message: undefined });
      const held = await evalImages(images);
      try {
        const models: (NamedClassifier & { id: string })[] = [];
        for (const id of modelIds) {
          const { modelFn } = await getModel(id);
          models.push({ id, name: store.models.find((m) => m.id === id)?.name ?? id, model: modelFn });
        }
        const series: CurveSeries[] = [];
        const total = attacks.reduce((sum, a) => sum + CURVE_COST[a], 0);
        let before = 0;
        for (const attack of attacks) {
          let k = 0;
          await robustnessCurve(models, held, {
            attack,
            signal,
            batchSize: 50,
            epsilons: PAGE_CURVE_EPSILONS,
            steps: PAGE_CURVE_PGD_STEPS,
            onProgress: (p) => useAppStore.getState().setCurve({ progress: (before + CURVE_COST[attack] * p.fraction) / total }),
            onCurve: (cv) => {
              series.push({ modelId: models[k++]!.id, modelName: cv.name, attack, points: PAGE_CURVE_EPSILONS.map((eps, j) => ({ eps, accuracy: cv.accuracy[j]! })) });
              useAppStore.getState().setCurve({ series: [...series], seriesIsNew: true });
            },
          });
          before += CURVE_COST[attack];
        }
      } finally {
        held.x.dispose();
      }
    },
    done: () => useAppStore.getState().setCurve({ status: 'done', progress: 1 }),
    cancelled: () => useAppStore.getState().setCurve({ status: 'cancelled' }),
    failed: (message) => useAppStore.getState().setCurve({ status: 'failed', message: `The curve could not be drawn: ${message}` }),
  });
}

export function cancelRobustnessCurve(): void {
  JOBS.curve.cancel();
}
