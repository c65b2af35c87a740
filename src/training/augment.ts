// Random horizontal flips: cheap augmentation that suits natural images (CIFAR-10), seeded for reproducibility.
import * as tf from '@tensorflow/tfjs';
import { selectImages } from '../lib/index.ts';

/** A new tensor: each image mirrored left-right with probability 1/2. */
export function randomFlip(x: tf.Tensor4D, seed: number): tf.Tensor4D {
  return tf.tidy(() => {
    const flip = tf.less(tf.randomUniform([x.shape[0]], 0, 1, 'float32', seed), 0.5);
    return selectImages(flip, tf.reverse(x, 2), x);
  });
}
