// The training subset (5000 CIFAR-10 train images) and the held-out evaluation images, loaded on first use.
import type * as tf from '@tensorflow/tfjs';
import { uint8ImageData, type TrainingData } from '../../training/index.ts';
import { imagesFromBytes } from '../../data/bytesToTensor.ts';
import { IMAGE_BYTES } from '../../data/cifar10.ts';
import { fetchOnce, loadSubset } from '../loadData.ts';
import { IMAGE_SHAPE } from '../../data/bytesToTensor.ts';

/** The training subset as 8-bit images row after row (HWC), with labels. Fetched only when someone trains: it
 * is the largest asset (about 12 MB). Callers must not change the bytes (copy them to hand them off). */
export function trainingBytes(): Promise<{ bytes: Uint8Array; labels: number[] }> {
  return fetchOnce('train', () =>
    loadSubset('train').then(({ images, manifest }) => {
      const bytes = new Uint8Array(images.length * IMAGE_BYTES);
      images.forEach((img, i) => bytes.set(img, i * IMAGE_BYTES));
      return { bytes, labels: manifest.labels };
    }));
}

export async function trainingData(): Promise<TrainingData> {
  const { bytes, labels } = await trainingBytes();
  return uint8ImageData(bytes, labels, [...IMAGE_SHAPE]);
}

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
