// The training subset (5000 CIFAR-10 train images) and the held-out evaluation images, loaded on first use.
import * as tf from '@tensorflow/tfjs';
import { uint8ImageData, type TrainingData } from '../training/index.ts';
import { IMAGE_BYTES } from '../data/cifar10.ts';
import { loadSubset } from './loadData.ts';

let train: Promise<TrainingData> | null = null;

/** Fetched only when someone trains: it is the largest asset (about 12 MB). */
export function trainingData(): Promise<TrainingData> {
  train ??= loadSubset('train').then(({ images, manifest }) => {
    const all = new Uint8Array(images.length * IMAGE_BYTES);
    images.forEach((img, i) => all.set(img, i * IMAGE_BYTES));
    return uint8ImageData(all, manifest.labels, [32, 32, 3]);
  });
  train.catch(() => (train = null));
  return train;
}

/** The first `count` images of the evaluation set as a tensor (the caller disposes x). */
export async function evalImages(count: number): Promise<{ x: tf.Tensor4D; labels: number[] }> {
  const { images, manifest } = await loadSubset('eval');
  const n = Math.min(count, images.length);
  const bytes = new Uint8Array(n * IMAGE_BYTES);
  for (let i = 0; i < n; i++) bytes.set(images[i]!, i * IMAGE_BYTES);
  const x = tf.tidy(() => tf.div(tf.tensor4d(bytes, [n, 32, 32, 3], 'int32'), 255) as tf.Tensor4D);
  return { x, labels: manifest.labels.slice(0, n) };
}
