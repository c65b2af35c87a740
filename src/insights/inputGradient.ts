// The input gradient of the cross-entropy at one class: what FGSM's sign comes from, shown as an image.
import * as tf from '@tensorflow/tfjs';
import { crossEntropy, valueAndGradient, type ModelFn } from '../attacks/index.ts';

/** d CE(model(x), ref) / dx for one image x [1,32,32,3], as HWC floats. */
export async function inputGradient(model: ModelFn, x: tf.Tensor4D, ref: number): Promise<Float32Array> {
  const grad = tf.tidy(() => {
    const r = tf.tensor1d([ref], 'int32');
    return valueAndGradient(x, (v) => ({ objective: crossEntropy(model(v), r) })).grad;
  });
  try {
    return (await grad.data()) as Float32Array;
  } finally {
    grad.dispose();
  }
}
