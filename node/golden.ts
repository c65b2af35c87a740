// Golden logits: what PyTorch computed for fixed test images with the shipped weights.
import * as tf from '@tensorflow/tfjs';
import type { ModelFn } from '../src/model/modelFn.ts';

export interface Golden {
  testIndex: number[];
  logits: number[][];
}

/** Largest absolute difference between the model's logits on x and the golden ones. */
export async function goldenMaxAbsDiff(logits: ModelFn, x: tf.Tensor4D, golden: Golden): Promise<number> {
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(logits(x), tf.tensor2d(golden.logits)))));
  const value = (await diff.data())[0]!;
  diff.dispose();
  return value;
}
