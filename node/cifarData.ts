// CIFAR-10 from the decoded cache as tfjs tensors, for tests, benchmarks and CLIs in Node.
import type * as tf from '@tensorflow/tfjs';
import { CACHE_DIR } from './paths.ts';
import { imagesFromBytes } from '../src/data/bytesToTensor.ts';
import { ensureCache, readSplit, type CifarSplit, type Split } from './cifarCache.ts';

const loaded = new Map<Split, CifarSplit>();

export async function cifarSplit(split: Split): Promise<CifarSplit> {
  if (!loaded.has(split)) {
    await ensureCache(CACHE_DIR);
    loaded.set(split, readSplit(CACHE_DIR, split));
  }
  return loaded.get(split)!;
}

/** Images start..start+count of a split as a [count,32,32,3] float tensor in [0,1], plus labels. */
export async function cifarBatch(split: Split, start: number, count: number): Promise<{ x: tf.Tensor4D; labels: number[] }> {
  const data = await cifarSplit(split);
  const bytes = data.images.subarray(start * 3072, (start + count) * 3072);
  const x = imagesFromBytes(bytes, count);
  return { x, labels: Array.from(data.labels.subarray(start, start + count)) };
}
