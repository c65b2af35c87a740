// What runAttack hands an attack, and what an attack hands back.
import type * as tf from '@tensorflow/tfjs';
import type { Progress } from './progress.ts';
import type { SeededRandom } from '../lib/index.ts';
import type { ModelFn } from './types.ts';

export interface AttackContext {
  model: ModelFn;
  /** The caller's batch: never disposed or changed. */
  x: tf.Tensor4D;
  n: number;
  numClasses: number;
  /** int32 [n]: the targets when targeted, else the labels. */
  ref: tf.Tensor1D;
  targeted: boolean;
  /** Logits of x, computed once by runAttack (owned by it). */
  cleanLogits: tf.Tensor2D;
  /**
   * d(sum of the cross-entropy of ref)/dx at x, from the same pass as cleanLogits (owned by runAttack): there
   * when the attack's definition says its first step needs it (startsAtX).
   */
  cleanGradient?: tf.Tensor4D;
  /**
   * Per image: not fooled by x itself (by the attack's own rule, AttackDefinition.fooled), so the attack works on it;
   * every image for an attack that works on fooled ones too (attacksEveryImage).
   */
  standing: boolean[];
  progress: Progress;
  random: SeededRandom;
}

export interface AttackOutput {
  /** New tensor; ownership passes to the result. */
  adversarial: tf.Tensor4D;
  /** Logits of `adversarial` when the attack computed them anyway (ownership passes too). */
  advLogits?: tf.Tensor2D;
  steps: number[];
  gradientEvaluations: number;
}
