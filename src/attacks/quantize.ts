// 8-bit quantisation, as saving a PNG does: does the attack survive round(255 x) / 255?
import * as tf from '@tensorflow/tfjs';
import { isAdversarial } from './isAdversarial.ts';
import type { ModelFn } from './types.ts';

export function quantize(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.div(tf.round(tf.mul(x, 255)), 255) as tf.Tensor4D);
}

/** Per image: is the quantised adversarial example still adversarial? One forward pass. */
export async function survivesQuantization(
  model: ModelFn, adversarial: tf.Tensor4D, labels: number[], target?: number[],
): Promise<boolean[]> {
  const adv = tf.tidy(() => isAdversarial(model(quantize(adversarial)), tf.tensor1d(target ?? labels, 'int32'), target !== undefined));
  try {
    return Array.from(await adv.data(), (v) => v !== 0);
  } finally {
    adv.dispose();
  }
}
