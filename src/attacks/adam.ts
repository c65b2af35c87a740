// Adam (Kingma and Ba 2015) for an attack's own variables (C&W's perturbation in tanh space): one
// bias-corrected update. tfjs' optimizers update tf.Variables in place; attacks keep plain tensors per row.
import * as tf from '@tensorflow/tfjs';

const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** The variable, its first and second moment estimates. */
export type AdamState<T extends tf.Tensor> = { param: T; m: T; v: T };

/** The state after update number `step` (1-based) along `grad` (minimising). Call inside tf.tidy. */
export function adamUpdate<T extends tf.Tensor>(s: AdamState<T>, grad: T, step: number, learningRate: number): AdamState<T> {
  const { beta1, beta2, epsilon } = ADAM;
  const m = tf.add(tf.mul(s.m, beta1), tf.mul(grad, 1 - beta1)) as T;
  const v = tf.add(tf.mul(s.v, beta2), tf.mul(tf.square(grad), 1 - beta2)) as T;
  const mHat = tf.div(m, 1 - beta1 ** step);
  const vHat = tf.div(v, 1 - beta2 ** step);
  const param = tf.sub(s.param, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon)), learningRate)) as T;
  return { param, m, v };
}
