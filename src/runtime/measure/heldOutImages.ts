// The held-out evaluation images (the first n of CIFAR-10's test subset), for the measurements and the training
// checks.
import type * as tf from '@tensorflow/tfjs';
import { imagesFromBytes } from '../../data/bytesToTensor.ts';
import { IMAGE_BYTES } from '../../data/cifar10.ts';
import { loadSubset } from '../loadData.ts';

/** The first `count` images of the evaluation set, 8-bit, row after row. */
export async function evalBytes(count: number): Promise<{ bytes: Uint8Array; labels: number[] }> {
  const { images, manifest } = await loadSubset('eval');
  const n = Math.min(count, images.length);
  const bytes = new Uint8Array(n * IMAGE_BYTES);
  for (let i = 0; i < n; i++) bytes.set(images[i]!, i * IMAGE_BYTES);
  return { bytes, labels: manifest.labels.slice(0, n) };
}

/** The first `count` images of the evaluation set as a tensor (the caller disposes x). */
export async function evalImages(count: number): Promise<{ x: tf.Tensor4D; labels: number[] }> {
  const { bytes, labels } = await evalBytes(count);
  return { x: imagesFromBytes(bytes, labels.length), labels };
}
