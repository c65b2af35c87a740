// 8-bit pixels -> model input. The one conversion from bytes to a tensor: the app, the training code, the
// scripts and the tests all read images through it, so they all see the same [0,1] values.
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from './cifar10.ts';

/** A CIFAR-10 image: height, width, channels. */
export const IMAGE_SHAPE: readonly [number, number, number] = [IMAGE_SIZE, IMAGE_SIZE, 3];

/** `count` 8-bit images stored row after row (HWC each) as a [count, ...shape] tensor of pixels in [0,1]. */
export function imagesFromBytes(bytes: Uint8Array, count: number, shape: readonly [number, number, number] = IMAGE_SHAPE): tf.Tensor4D {
  return tf.tidy(() => tf.div(tf.tensor4d(Int32Array.from(bytes), [count, ...shape], 'int32'), 255) as tf.Tensor4D);
}
