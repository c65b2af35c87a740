// Where a training job's images come from: any source that hands out a batch for a list of indices, read in
// a seeded shuffled order, epoch after epoch, always in full batches (fixed shapes: no shader recompiles).
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../lib/index.ts';
import { imagesFromBytes } from '../data/bytesToTensor.ts';
import type { LabeledBatch } from './trainStep.ts';

export interface TrainingData {
  readonly size: number;
  /** The images at these indices: new tensors, owned (and disposed) by the caller. */
  batch(indices: readonly number[]): LabeledBatch | Promise<LabeledBatch>;
}

/** Images already in a tensor (kept and owned by the caller). */
export function tensorData(x: tf.Tensor4D, labels: readonly number[]): TrainingData {
  if (labels.length !== x.shape[0]) throw new RangeError(`labels: ${labels.length} for ${x.shape[0]} images`);
  return {
    size: x.shape[0],
    batch: (indices) => ({
      x: tf.tidy(() => tf.gather(x, tf.tensor1d(Array.from(indices), 'int32'))),
      labels: indices.map((i) => labels[i]!),
    }),
  };
}

/** 8-bit images stored row after row (HWC each), as the CIFAR sprites and caches hold them. */
export function uint8ImageData(images: Uint8Array, labels: ArrayLike<number>, shape: [number, number, number]): TrainingData {
  const per = shape[0] * shape[1] * shape[2];
  const size = Math.floor(images.length / per);
  if (labels.length < size) throw new RangeError(`labels: ${labels.length} for ${size} images`);
  return {
    size,
    batch(indices) {
      const bytes = new Uint8Array(indices.length * per);
      indices.forEach((i, k) => bytes.set(images.subarray(i * per, (i + 1) * per), k * per));
      return {
        x: imagesFromBytes(bytes, indices.length, shape),
        labels: indices.map((i) => labels[i]!),
      };
    },
  };
}

/** A seeded permutation of 0..size-1 (Fisher-Yates). */
export function shuffled(size: number, seed: number): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length: size }, (_, i) => i);
  for (let i = size - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Index batches over successive shuffled epochs; a batch may straddle two epochs. */
export class BatchOrder {
  private order: number[] = [];
  private pos = 0;
  private epochsStarted = 0;

  constructor(
    private readonly size: number,
    private readonly seed: number,
  ) {
    if (size < 1) throw new RangeError('the training data holds no images');
  }

  next(batchSize: number): number[] {
    const out: number[] = [];
    while (out.length < batchSize) {
      if (this.pos >= this.order.length) {
        this.order = shuffled(this.size, this.seed + this.epochsStarted++);
        this.pos = 0;
      }
      out.push(this.order[this.pos++]!);
    }
    return out;
  }
}
