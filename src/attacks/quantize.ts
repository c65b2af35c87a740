// Does the attack survive 8-bit quantisation, as saving a PNG does (src/lib/quantize.ts)?
import * as tf from '@tensorflow/tfjs';
import { quantize, readFlags } from '../lib/index.ts';
import { isAdversarial } from './isAdversarial.ts';
import type { ModelFn } from './types.ts';

/** Per image: is the quantised adversarial example still adversarial? One forward pass. */
export async function survivesQuantization(model: ModelFn, adversarial: tf.Tensor4D, labels: number[], target?: number[]): Promise<boolean[]> {
  const adv = tf.tidy(() => isAdversarial(model(quantize(adversarial)), tf.tensor1d(target ?? labels, 'int32'), target !== undefined));
  return readFlags(adv);
}
