// The inner maximisation of adversarial training, on the attack engine's pieces: its loss-ascent direction
// (attackDirection: sign of the cross-entropy gradient) and its L-infinity random start and projection. Unlike
// runAttack these loops read nothing back and keep no trajectory: a training step needs only the examples.
import * as tf from '@tensorflow/tfjs';
import { normStrategy } from '../attacks/norms.ts';
import { attackDirection } from '../attacks/pgd.ts';
import type { ModelFn } from '../attacks/types.ts';
import { klDivergence } from './losses.ts';

const LINF = normStrategy('linf');

export interface PerturbParams {
  eps: number;
  stepSize: number;
  steps: number;
  randomStart: boolean;
  /** Seed of the random start (tfjs random ops are deterministic given a seed). */
  seed: number;
}

/** Repeats cur <- step(cur) `steps` times, each step in its own scope so only the current iterate lives. */
function iterate(start: tf.Tensor4D, steps: number, step: (cur: tf.Tensor4D) => tf.Tensor4D): tf.Tensor4D {
  let cur = start;
  for (let t = 0; t < steps; t++) {
    const c = cur;
    cur = tf.tidy(() => step(c));
    if (c !== start) c.dispose();
  }
  return cur === start ? tf.clone(start) : cur;
}

/**
 * Untargeted L-infinity PGD on the cross-entropy of `labels` (PGD-AT; Fast-AT is one step from a random start).
 * A new tensor in the eps-ball around x and in [0,1]; x is not disposed.
 */
export function pgdExamples(model: ModelFn, x: tf.Tensor4D, labels: tf.Tensor1D, p: PerturbParams): tf.Tensor4D {
  if (p.eps === 0 || p.steps === 0) return tf.clone(x);
  const start = p.randomStart ? LINF.randomStart(x, p.eps, p.seed) : x;
  const out = iterate(start, p.steps, (cur) => {
    const { direction } = attackDirection(model, cur, labels, false, 'linf');
    return LINF.project(tf.add(cur, tf.mul(direction, p.stepSize)) as tf.Tensor4D, x, p.eps);
  });
  if (start !== x) start.dispose();
  return out;
}

/**
 * TRADES' inner loop (Zhang et al. 2019): from x + 0.001 * N(0,1), L-infinity PGD ascending
 * KL(softmax(f(x)) || softmax(f(x'))). No labels: it pushes the prediction away from the clean one.
 */
export function tradesExamples(model: ModelFn, x: tf.Tensor4D, p: Omit<PerturbParams, 'randomStart'>): tf.Tensor4D {
  if (p.eps === 0 || p.steps === 0) return tf.clone(x);
  const cleanLogits = tf.tidy(() => model(x));
  const start = tf.tidy(() => LINF.project(tf.add(x, tf.mul(tf.randomNormal(x.shape, 0, 1, 'float32', p.seed), 0.001)) as tf.Tensor4D, x, p.eps));
  const grad = tf.grad((v: tf.Tensor) => tf.sum(klDivergence(cleanLogits, model(v as tf.Tensor4D))));
  const out = iterate(start, p.steps, (cur) => LINF.project(tf.add(cur, tf.mul(tf.sign(grad(cur)), p.stepSize)) as tf.Tensor4D, x, p.eps));
  tf.dispose([cleanLogits, start]);
  return out;
}
