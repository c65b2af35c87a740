// The inner maximisation of adversarial training, on the attack engine's PGD loop (pgdLoop in the iterative
// shell) with its L-infinity random start and projection. Unlike runAttack nobody listens: the shell reads
// nothing back, keeps no trajectory and does not pause; a training step needs only the examples.
import * as tf from '@tensorflow/tfjs';
import { crossEntropy, iterate, normStrategy, pgdLoop, type ModelFn, type PgdLoop, type PgdRows } from '../attacks/index.ts';
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

/** `steps` L-infinity steps ascending `loss` from start(): the last iterate, a new tensor. */
async function ascend(
  model: ModelFn,
  x: tf.Tensor4D,
  loss: PgdLoop['loss'],
  start: () => tf.Tensor4D,
  p: Pick<PerturbParams, 'eps' | 'stepSize' | 'steps'>,
): Promise<tf.Tensor4D> {
  const { batch } = await iterate<PgdRows, { adv?: tf.Tensor4D }>(
    {
      rounds: 1,
      steps: p.steps,
      batch: {},
      ...pgdLoop({ model, x, loss, descend: false, norm: 'linf', eps: p.eps, stepSize: p.stepSize, start }),
      endRound: (_, rows) => ({ batch: { adv: rows!.cur } }),
    },
    x.shape[0],
    null,
  );
  return batch.adv!;
}

/**
 * Untargeted L-infinity PGD on the cross-entropy of `labels` (PGD-AT; Fast-AT is one step from a random start).
 * A new tensor in the eps-ball around x and in [0,1]; x is not disposed.
 */
export function pgdExamples(model: ModelFn, x: tf.Tensor4D, labels: tf.Tensor1D, p: PerturbParams): Promise<tf.Tensor4D> {
  if (p.eps === 0 || p.steps === 0) return Promise.resolve(tf.clone(x));
  const start = () => (p.randomStart ? LINF.randomStart(x, p.eps, p.seed) : tf.clone(x));
  return ascend(model, x, (z) => crossEntropy(z, labels), start, p);
}

/**
 * TRADES' inner loop (Zhang et al. 2019): from x + 0.001 * N(0,1), L-infinity PGD ascending
 * KL(softmax(f(x)) || softmax(f(x'))). No labels: it pushes the prediction away from the clean one.
 */
export async function tradesExamples(model: ModelFn, x: tf.Tensor4D, p: Omit<PerturbParams, 'randomStart'>): Promise<tf.Tensor4D> {
  if (p.eps === 0 || p.steps === 0) return tf.clone(x);
  const cleanLogits = tf.tidy(() => model(x));
  try {
    const start = () => LINF.project(tf.add(x, tf.mul(tf.randomNormal(x.shape, 0, 1, 'float32', p.seed), 0.001)) as tf.Tensor4D, x, p.eps);
    return await ascend(model, x, (z) => klDivergence(cleanLogits, z), start, p);
  } finally {
    cleanLogits.dispose();
  }
}
