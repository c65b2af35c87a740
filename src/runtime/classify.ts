import * as tf from '@tensorflow/tfjs';
import type { LogitsFn } from '../model/modelFn.ts';

/** Packed 32x32 RGB bytes -> a [1,32,32,3] tensor in [0,1]. */
export function pixelsToTensor(pixels: Uint8Array): tf.Tensor4D {
  return tf.tidy(() => tf.div(tf.tensor4d(pixels, [1, 32, 32, 3], 'int32'), 255));
}

/** Class probabilities for one image. */
export async function classProbabilities(logits: LogitsFn, x: tf.Tensor4D): Promise<Float32Array> {
  const probs = tf.tidy(() => tf.softmax(logits(x)));
  try {
    return (await probs.data()) as Float32Array;
  } finally {
    probs.dispose();
  }
}
