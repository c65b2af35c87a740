// The one 8-bit rounding, as saving a PNG does: round(255 x) / 255.
import * as tf from '@tensorflow/tfjs';

export const QUANTISATION_LEVELS = 256;

export function quantize<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => tf.div(tf.round(tf.mul(x, QUANTISATION_LEVELS - 1)), QUANTISATION_LEVELS - 1) as T);
}
