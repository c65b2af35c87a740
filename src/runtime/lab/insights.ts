// On-demand measurements around the current image: distance to the boundary, and transfer to other models.
import * as tf from '@tensorflow/tfjs';
import { ATTACK_DEFAULTS, minimalEpsilon, runAttack, type AttackConfig, type ModelFn } from '../../attacks/index.ts';
import { useAppStore } from '../../state/store.ts';
import { currentImage } from '../../state/gallerySlice.ts';
import { cleanKeyOf, toPrediction } from '../../state/labSlice.ts';
import type { BoundaryReadout } from '../../state/insightSlice.ts';
import { classProbabilities, getModel } from '../models/index.ts';
import { errorMessage } from '../../lib/index.ts';
import { IMAGE_SHAPE, imagesFromBytes } from '../../data/bytesToTensor.ts';
import { JOBS, keyedReadout } from '../jobs/index.ts';
import { referenceClass } from './attackOutcome.ts';
import { NUM_CLASSES } from '../../data/cifar10.ts';
import { isSuccess, verdictOf } from '../../state/verdict.ts';

/** L2 of a successful attack, or null when it failed. */
async function l2Of(
  model: ModelFn,
  x: tf.Tensor4D,
  label: number,
  config: AttackConfig,
  signal: AbortSignal,
  onProgress: (p: number) => void,
): Promise<number | null> {
  const r = await runAttack(model, x, [label], config, { signal, onStep: (s) => onProgress(s.progress) });
  r.adversarial.dispose();
  return r.success[0] ? r.norms[0]!.l2 : null;
}

export async function measureBoundary(): Promise<void> {
  const s = useAppStore.getState();
  const key = cleanKeyOf(s);
  const img = currentImage(s);
  if (!key || !img) return;
  const keyNow = () => cleanKeyOf(useAppStore.getState());
  const update = keyedReadout<BoundaryReadout>({ for: key, status: 'running', progress: 0 }, key, keyNow, (r) =>
    useAppStore.getState().setBoundary(r),
  );
  await JOBS.boundary.run(key, {
    keyNow,
    work: async ({ signal }) => {
      update({});
      const x = imagesFromBytes(img.pixels, 1);
      try {
        const { modelFn } = await getModel(s.selectedModelId);
        const label = await referenceClass(modelFn, x, img.label);
        // Three stages, a third of the progress bar each.
        const min = await minimalEpsilon(modelFn, x, label, {
          signal,
          randomStart: true,
          seed: 0,
          onProbe: () => {
            const { progress } = update({});
            update({ progress: Math.min(0.33, progress + 0.04) });
          },
        });
        min.adversarial?.dispose();
        update({ minimalEps: min.eps, progress: 0.34 });
        update({ deepfoolL2: await l2Of(modelFn, x, label, ATTACK_DEFAULTS.deepfool, signal, (p) => update({ progress: 0.34 + 0.32 * p })) });
        return await l2Of(modelFn, x, label, ATTACK_DEFAULTS.cw, signal, (p) => update({ progress: 0.66 + 0.34 * p }));
      } finally {
        x.dispose();
      }
    },
    done: (cwL2) => update({ cwL2, status: 'done', progress: 1 }),
    cancelled: () => update({ status: 'cancelled' }),
    failed: (message) => update({ status: 'failed', message }),
  });
}

export function cancelBoundary(): void {
  JOBS.boundary.cancel();
}

/** Classifies the adversarial image on screen with every model that loads; a newer attack's outcome drops the rows. */
export async function measureTransfer(): Promise<void> {
  const s = useAppStore.getState();
  const outcome = s.outcome;
  const img = currentImage(s);
  if (!outcome || !img) return;
  // The same key is the same attack (its draw included), so the same image: a re-run for it keeps these rows.
  await JOBS.transfer.run(outcome.for, {
    keyNow: () => useAppStore.getState().outcome?.for ?? null,
    work: async (run) => {
      // Clean and adversarial image in one batch: each model's verdict needs its own answer on the clean image.
      const x = tf.tidy(() => tf.concat([imagesFromBytes(img.pixels, 1), tf.tensor4d(outcome.adversarial, [1, ...IMAGE_SHAPE])]) as tf.Tensor4D);
      try {
        const rows = [];
        for (const m of s.models) {
          if (!run.wanted()) break;
          try {
            const { modelFn } = await getModel(m.id);
            const p = await classProbabilities(modelFn, x);
            const [clean, adv] = [toPrediction(Array.from(p.subarray(0, NUM_CLASSES))), toPrediction(Array.from(p.subarray(NUM_CLASSES)))];
            const verdict = verdictOf({ label: img.label, cleanPred: clean.pred, advPred: adv.pred, target: outcome.target });
            rows.push({
              modelId: m.id,
              name: m.name,
              pred: adv.pred,
              prob: adv.probs[adv.pred]!,
              verdict,
              fooled: isSuccess(verdict),
              attacked: m.id === s.selectedModelId,
            });
          } catch {
            // A model that cannot load is left out; the picker already says why.
          }
        }
        return rows;
      } finally {
        x.dispose();
      }
    },
    done: (rows) => useAppStore.getState().setTransfer({ for: outcome.for, rows }),
    failed: (error) => useAppStore.getState().setTransfer({ for: outcome.for, error }),
  });
}
