// A model's answer as plain numbers: class probabilities read back from the logits.
import * as tf from '@tensorflow/tfjs';
import type { ModelFn } from '../../model/modelFn.ts';
import { IMAGE_SHAPE } from '../../data/bytesToTensor.ts';

/** Class probabilities for each image of x, row after row (the caller owns x). */
export async function classProbabilities(model: ModelFn, x: tf.Tensor4D): Promise<Float32Array> {
  const probs = tf.tidy(() => tf.softmax(model(x)));
  try {
    return (await probs.data()) as Float32Array;
  } finally {
    probs.dispose();
  }
}

/**
 * Class probabilities of a blank image. Run once after loading, it compiles the shaders so that the first real
 * prediction is not slowed down; on an upload it proves the weights fit the layers.
 */
export async function blankPrediction(model: ModelFn): Promise<Float32Array> {
  const x = tf.zeros([1, ...IMAGE_SHAPE]) as tf.Tensor4D;
  try {
    return await classProbabilities(model, x);
  } finally {
    x.dispose();
  }
}
