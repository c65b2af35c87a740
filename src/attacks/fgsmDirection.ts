// For the live epsilon slider: the FGSM direction computed once (one gradient), so that x + eps * direction can
// be re-evaluated for any eps with one forward pass. applyDirection(x, d, eps) is what FGSM returns for eps
// (exactly for linf; for l2 FGSM's projection may rescale by a factor within float rounding of 1).
import * as tf from '@tensorflow/tfjs';
import { attackDirection } from './pgd.ts';
import type { ModelFn, Norm } from './types.ts';
import { AttackConfigError, validateClasses } from './validate.ts';
import { validateInput } from './validateInput.ts';

export interface FgsmDirection {
  /** sign(grad) for linf, grad/||grad||_2 for l2; pointing against the target's loss when targeted. New tensor. */
  direction: tf.Tensor4D;
  cleanPred: number[];
}

export async function fgsmDirection(
  model: ModelFn,
  x: tf.Tensor4D,
  labels: number[],
  options: { norm: Norm; target?: number[] },
): Promise<FgsmDirection> {
  if (options.norm !== 'linf' && options.norm !== 'l2') throw new AttackConfigError('norm', `must be 'linf' or 'l2' (got ${String(options.norm)})`);
  await validateInput(x, labels);
  const out = tf.tidy(() => {
    const ref = tf.tensor1d(options.target ?? labels, 'int32');
    const { direction, logits } = attackDirection(model, x, ref, options.target !== undefined, options.norm);
    return { direction, logits };
  });
  try {
    validateClasses(labels, options.target, out.logits.shape[1]);
    const pred = tf.argMax(out.logits, 1);
    const cleanPred = Array.from(await pred.data());
    pred.dispose();
    return { direction: out.direction, cleanPred };
  } catch (e) {
    out.direction.dispose();
    throw e;
  } finally {
    out.logits.dispose();
  }
}

/** clip(x + eps * direction, 0, 1): a new tensor. */
export function applyDirection(x: tf.Tensor4D, direction: tf.Tensor4D, eps: number): tf.Tensor4D {
  return tf.tidy(() => tf.clipByValue(tf.add(x, tf.mul(direction, eps)), 0, 1) as tf.Tensor4D);
}

/** Predictions and probabilities at x + eps * direction: one forward pass, no gradient. */
export async function predictAlong(
  model: ModelFn,
  x: tf.Tensor4D,
  direction: tf.Tensor4D,
  eps: number,
): Promise<{ pred: number[]; probs: number[][] }> {
  const { pred, probs } = tf.tidy(() => {
    const z = model(applyDirection(x, direction, eps));
    return { pred: tf.argMax(z, 1), probs: tf.softmax(z) };
  });
  try {
    const [p, pr] = await Promise.all([pred.data(), probs.data()]);
    const c = probs.shape[1]!;
    return { pred: Array.from(p), probs: Array.from({ length: x.shape[0] }, (_, i) => Array.from(pr.subarray(i * c, (i + 1) * c))) };
  } finally {
    pred.dispose();
    probs.dispose();
  }
}
