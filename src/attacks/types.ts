// The attack contract's types: the tfjs-free ones (catalogTypes.ts) and those that hold tensors. index.ts re-exports them.
import type * as tf from '@tensorflow/tfjs';
import type { AttackStep, PerturbationNorms } from './catalogTypes.ts';

export type * from './catalogTypes.ts';

/** Pixels in [0,1], NHWC -> logits [n, classes]. */
export type ModelFn = (x: tf.Tensor4D) => tf.Tensor2D;

export interface AttackOptions {
  /** One target class per image: makes the attack targeted. */
  target?: number[];
  /** Checked between steps; the promise then rejects with an AbortError and nothing leaks. */
  signal?: AbortSignal;
  /** Called for every image after every step. */
  onStep?: (s: AttackStep) => void;
  /** Makes random starts reproducible. */
  seed?: number;
}

export interface AttackResult {
  /** New tensor, owned (and to be disposed) by the caller. */
  adversarial: tf.Tensor4D;
  success: boolean[];
  cleanPred: number[];
  advPred: number[];
  /** Softmax of the logits, per image. */
  cleanProbs: number[][];
  advProbs: number[][];
  norms: PerturbationNorms[];
  /** Updates the attack made to each image (all restarts / searches counted). */
  steps: number[];
  trajectory: AttackStep[][];
  elapsedMs: number;
  /**
   * Forward+backward passes the attack used, in units of one pass over the whole batch (the cost unit of the
   * benchmark). DeepFool runs its candidates on copies of the images not yet adversarial: its count is fractional.
   */
  gradientEvaluations: number;
}
