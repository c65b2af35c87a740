// APGD's losses (Croce and Hein 2020; see apgd.ts): cross-entropy, the difference of logits ratio (DLR), and
// APGD-T's targeted DLR with the classes it aims at, one after another, each for its restarts.
import * as tf from '@tensorflow/tfjs';
import { APGD_T_CLASSES } from './apgdAims.ts';
import { crossEntropy, margin } from './objectives.ts';
import type { ApgdLoss } from './types.ts';

/**
 * The k largest logits per image, largest first, through ops with gradients (tfjs has none for topk): the max,
 * then the max of what is left once it is masked out, and so on. In tf.tidy.
 */
function largestLogits(logits: tf.Tensor2D, k: number): (i: number) => tf.Tensor1D {
  const values: tf.Tensor1D[] = [];
  let rest = logits;
  for (let i = 0; i < k; i++) {
    values.push(tf.max(rest, 1) as tf.Tensor1D);
    rest = tf.sub(rest, tf.mul(tf.oneHot(tf.argMax(rest, 1), logits.shape[1]), 1e9)) as tf.Tensor2D;
  }
  return (i) => values[i]!;
}

/** The objective APGD increases, per image (ref: the label, or the target when targeted). In tf.tidy. */
export function apgdObjective(loss: ApgdLoss, logits: tf.Tensor2D, ref: tf.Tensor1D, targeted: boolean): tf.Tensor1D {
  // DLR needs a third (targeted: a fourth) logit for its scale; with fewer classes it is cross-entropy.
  if (loss === 'ce' || logits.shape[1] < (targeted ? 4 : 3)) {
    const ce = crossEntropy(logits, ref);
    return targeted ? tf.neg(ce) : ce;
  }
  const at = largestLogits(logits, targeted ? 4 : 3);
  const scale = targeted ? tf.sub(at(0), tf.mul(tf.add(at(2), at(3)), 0.5)) : tf.sub(at(0), at(2));
  return tf.div(tf.neg(margin(logits, ref, targeted)), tf.add(scale, 1e-12)) as tf.Tensor1D;
}

/**
 * AutoAttack's targeted DLR for an untargeted attack: how far the aim's logit has come up to the label's, scaled by
 * the gap between the largest logit and the mean of the third and fourth. In tf.tidy.
 */
export function apgdAimedObjective(logits: tf.Tensor2D, label: tf.Tensor1D, aim: tf.Tensor1D): tf.Tensor1D {
  const classes = logits.shape[1];
  if (classes < 4) return tf.neg(crossEntropy(logits, aim));
  const at = largestLogits(logits, 4);
  const logitOf = (c: tf.Tensor1D) => tf.sum(tf.mul(tf.oneHot(c, classes), logits), 1);
  const scale = tf.sub(at(0), tf.mul(tf.add(at(2), at(3)), 0.5));
  return tf.div(tf.neg(tf.sub(logitOf(label), logitOf(aim))), tf.add(scale, 1e-12)) as tf.Tensor1D;
}

/** APGD-T's aims per image: the classes of the 2nd to (APGD_T_CLASSES + 1)-th largest clean logits. A new tensor. */
export function apgdAims(cleanLogits: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const k = Math.min(APGD_T_CLASSES + 1, cleanLogits.shape[1]);
    return tf.slice(tf.topk(cleanLogits, k).indices, [0, 1], [-1, k - 1]) as tf.Tensor2D;
  });
}

/** APGD-T's rounds: for each aim in turn, its restarts. */
export function aimedRounds(aims: number, restarts: number): number {
  return aims * restarts;
}

/** Every image's aim in round `round` (of aimedRounds). In tf.tidy. */
export function aimOfRound(aims: tf.Tensor2D, round: number, restarts: number): tf.Tensor1D {
  return tf.squeeze(tf.slice(aims, [0, Math.floor(round / restarts)], [-1, 1]), [1]) as tf.Tensor1D;
}

/** The objective APGD increases with this loss: APGD-T's aimed one when an aim is given. In tf.tidy. */
export function apgdLoss(loss: ApgdLoss, targeted: boolean): (logits: tf.Tensor2D, ref: tf.Tensor1D, aim?: tf.Tensor1D) => tf.Tensor1D {
  // With a goal given, 'dlr-t' aims at it alone: the targeted DLR.
  return (z, ref, aim) => (aim ? apgdAimedObjective(z, ref, aim) : apgdObjective(loss === 'dlr-t' ? 'dlr' : loss, z, ref, targeted));
}
