// APGD's step (Croce and Hein 2020; see apgd.ts): the checkpoints at which the step size may halve, the rule that
// halves it, the momentum move, and the per-image bookkeeping between them.
import * as tf from '@tensorflow/tfjs';
import { normStrategy, perImage } from './norms.ts';
import { selectImages } from '../lib/index.ts';
import type { Norm } from './types.ts';

const MOMENTUM = 0.75;
/** A checkpoint halves eta where the loss rose at no more than this share of the steps since the last one. */
const RHO = 0.75;

/**
 * The steps (counted from 1: the points reached) after which APGD checks its progress: the first after 22% of
 * the steps, each interval 3% of them shorter than the one before, but at least 6% (and at least 1 step).
 */
export function apgdCheckpoints(steps: number): number[] {
  const first = Math.max(Math.floor(0.22 * steps), 1);
  const shortest = Math.max(Math.floor(0.06 * steps), 1);
  const shrink = Math.max(Math.floor(0.03 * steps), 1);
  const at: number[] = [];
  for (let k = first, w = first; w <= steps; k = Math.max(k - shrink, shortest), w += k) at.push(w);
  return at;
}

/**
 * At a checkpoint, per image, whether eta halves: the objective rose at no more than RHO of the `steps` since the
 * last checkpoint (it oscillates or sits at a corner), or eta was kept there and the best objective has not
 * improved since. In tf.tidy.
 */
export function apgdHalves(p: {
  rises: tf.Tensor1D;
  steps: number;
  halvedLast: tf.Tensor1D;
  checkedBest: tf.Tensor1D;
  bestLoss: tf.Tensor1D;
}): tf.Tensor1D {
  const oscillating = tf.lessEqual(p.rises, RHO * p.steps);
  const stalled = tf.logicalAnd(tf.equal(p.halvedLast, 0), tf.greaterEqual(p.checkedBest, p.bestLoss));
  return tf.logicalOr(oscillating, stalled) as tf.Tensor1D;
}

/**
 * One APGD move from cur (prev: the point before it): a projected step of eta along the gradient, then, but for
 * the first move, momentum: P(cur + MOMENTUM (z - cur) + (1 - MOMENTUM) (cur - prev)). In tf.tidy.
 */
export function apgdMove(p: {
  cur: tf.Tensor4D;
  prev: tf.Tensor4D;
  grad: tf.Tensor4D;
  eta: tf.Tensor1D;
  x: tf.Tensor4D;
  eps: number;
  norm: Norm;
  first: boolean;
}): tf.Tensor4D {
  const strategy = normStrategy(p.norm);
  const z = strategy.project(tf.add(p.cur, tf.mul(strategy.normalizeStep(p.grad), perImage(p.eta))) as tf.Tensor4D, p.x, p.eps);
  if (p.first) return z;
  const moved = tf.add(tf.add(p.cur, tf.mul(tf.sub(z, p.cur), MOMENTUM)), tf.mul(tf.sub(p.cur, p.prev), 1 - MOMENTUM));
  return strategy.project(moved as tf.Tensor4D, p.x, p.eps);
}

/** One image's search: its clean image and reference, where it is, and the bookkeeping of its step size. */
export type ApgdRows = {
  x: tf.Tensor4D;
  ref: tf.Tensor1D;
  /** APGD-T: the class this round aims at; absent for the other losses. */
  aim?: tf.Tensor1D;
  cur: tf.Tensor4D;
  prev: tf.Tensor4D;
  eta: tf.Tensor1D;
  /** The objective at the previous point, for counting the steps that raised it. */
  lastLoss: tf.Tensor1D;
  /** The highest objective so far, where it was reached and the gradient there. */
  bestLoss: tf.Tensor1D;
  bestX: tf.Tensor4D;
  bestGrad: tf.Tensor4D;
  /** Steps since the last checkpoint that raised the objective. */
  rises: tf.Tensor1D;
  /** At the last checkpoint: the best objective, and whether eta was halved (1) or not (0). */
  checkedBest: tf.Tensor1D;
  halvedLast: tf.Tensor1D;
};

/** A search from `cur` (a start in the ball around x0) with eta = 2 eps. In tf.tidy. */
export function apgdStart(x0: tf.Tensor4D, ref: tf.Tensor1D, aim: tf.Tensor1D | undefined, cur: tf.Tensor4D, eps: number): ApgdRows {
  const r = x0.shape[0];
  return {
    x: x0,
    ref,
    ...(aim ? { aim } : {}),
    cur,
    prev: tf.clone(cur),
    eta: tf.fill([r], 2 * eps) as tf.Tensor1D,
    lastLoss: tf.fill([r], -Infinity) as tf.Tensor1D,
    bestLoss: tf.fill([r], -Infinity) as tf.Tensor1D,
    bestX: tf.clone(cur),
    bestGrad: tf.zerosLike(cur),
    rises: tf.zeros([r]) as tf.Tensor1D,
    checkedBest: tf.fill([r], -Infinity) as tf.Tensor1D,
    halvedLast: tf.ones([r]) as tf.Tensor1D,
  };
}

/** The point reached after t steps, with its objective and gradient: a rise counted, the point kept if the highest yet. In tf.tidy. */
export function apgdReached(
  s: ApgdRows,
  t: number,
  loss: tf.Tensor1D,
  grad: tf.Tensor4D,
): Pick<ApgdRows, 'rises' | 'bestLoss' | 'bestX' | 'bestGrad'> {
  const higher = tf.greater(loss, s.bestLoss);
  return {
    rises: t > 0 ? (tf.add(s.rises, tf.cast(tf.greater(loss, s.lastLoss), 'float32')) as tf.Tensor1D) : s.rises,
    bestLoss: tf.where(higher, loss, s.bestLoss) as tf.Tensor1D,
    bestX: selectImages(higher, s.cur, s.bestX),
    bestGrad: selectImages(higher, grad, s.bestGrad),
  };
}

/** Where the next move starts: a point, the gradient there, and the step size's bookkeeping. */
export type ApgdMoveFrom = Pick<ApgdRows, 'cur' | 'eta' | 'rises' | 'checkedBest' | 'halvedLast'> & { grad: tf.Tensor4D };

/**
 * A checkpoint `since` steps after the last: where apgdHalves says so, eta halves and the search goes back to its
 * highest point, with the gradient there; the count of rises starts again. In tf.tidy.
 */
function apgdCheckpoint(s: ApgdRows, grad: tf.Tensor4D, since: number): ApgdMoveFrom {
  const halve = apgdHalves({ rises: s.rises, steps: since, halvedLast: s.halvedLast, checkedBest: s.checkedBest, bestLoss: s.bestLoss });
  return {
    eta: tf.where(halve, tf.mul(s.eta, 0.5), s.eta) as tf.Tensor1D,
    cur: selectImages(halve, s.bestX, s.cur),
    grad: selectImages(halve, s.bestGrad, grad),
    halvedLast: tf.cast(halve, 'float32') as tf.Tensor1D,
    checkedBest: s.bestLoss,
    rises: tf.zerosLike(s.rises),
  };
}

/** Where the move after step t starts: at a checkpoint (apgdCheckpoints), apgdCheckpoint; else where the search is. In tf.tidy. */
export function apgdMoveFrom(s: ApgdRows, grad: tf.Tensor4D, t: number, checkpoints: number[]): ApgdMoveFrom {
  const check = checkpoints.indexOf(t);
  if (check >= 0) return apgdCheckpoint(s, grad, t - (check > 0 ? checkpoints[check - 1]! : 0));
  return { cur: s.cur, grad, eta: s.eta, rises: s.rises, checkedBest: s.checkedBest, halvedLast: s.halvedLast };
}
