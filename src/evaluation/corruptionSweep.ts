// Accuracy under common corruptions (data/corruptions.ts): per corruption and severity 1..5, on one labelled set,
// beside the clean accuracy: where a model generalises beyond the test distribution, and where not. Batch by batch,
// the corrupted images made just before they are classified, with a yield between batches so a page stays
// responsive.
import * as tf from '@tensorflow/tfjs';
import type { ModelFn } from '../attacks/index.ts';
import { throwIfAborted, yieldToEventLoop } from '../lib/index.ts';
import { CORRUPTIONS, corruptImages, type Corruption } from '../data/corruptions.ts';
import { withInferenceFn, type Classifier } from '../model/modelFns.ts';

export interface CorruptionSweep {
  clean: number;
  /** By corruption id: accuracy at severities 1..5. */
  accuracy: Record<string, number[]>;
}

export interface CorruptionSweepOptions {
  corruptions?: readonly Corruption[];
  /** Images per forward pass (default 100). */
  batchSize?: number;
  /** Seed of the noise (default 0: the page's and the README's figures). */
  seed?: number;
  signal?: AbortSignal;
  /** Fraction done, after each batch. */
  onProgress?: (fraction: number) => void;
}

/** How many of these images f classifies as labelled. */
async function correctCount(
  f: ModelFn,
  pixels: Float32Array,
  labels: readonly number[],
  [h, w, c]: readonly [number, number, number],
): Promise<number> {
  const pred = tf.tidy(() => tf.argMax(f(tf.tensor4d(pixels, [labels.length, h, w, c])), 1));
  try {
    const p = await pred.data();
    return labels.reduce((s, l, i) => s + (p[i] === l ? 1 : 0), 0);
  } finally {
    pred.dispose();
  }
}

/** Clean accuracy and accuracy per corruption x severity of one model on x (the caller's) with these labels. */
export async function corruptionSweep(
  model: Classifier,
  x: tf.Tensor4D,
  labels: readonly number[],
  options: CorruptionSweepOptions = {},
): Promise<CorruptionSweep> {
  const { corruptions = CORRUPTIONS, batchSize = 100, seed = 0, signal, onProgress } = options;
  const n = x.shape[0];
  if (labels.length !== n) throw new RangeError(`labels: ${labels.length} for ${n} images`);
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new RangeError(`batchSize must be a positive integer (got ${batchSize})`);
  return withInferenceFn(model, async (f) => {
    const pixels = (await x.data()) as Float32Array;
    const size = pixels.length / Math.max(n, 1);
    const batches = Math.ceil(n / batchSize);
    const total = batches * (1 + corruptions.reduce((s, c) => s + c.levels.length, 0));
    let done = 0;
    /** Accuracy on the whole set, each batch through `make` (the batch's pixels and first index) first. */
    const accuracyOf = async (make: (batch: Float32Array, first: number) => Float32Array) => {
      let correct = 0;
      for (let start = 0; start < n; start += batchSize) {
        throwIfAborted(signal);
        const end = Math.min(n, start + batchSize);
        correct += await correctCount(f, make(pixels.subarray(start * size, end * size), start), labels.slice(start, end), [
          x.shape[1],
          x.shape[2],
          x.shape[3],
        ]);
        onProgress?.(++done / total);
        await yieldToEventLoop();
      }
      return n === 0 ? 0 : correct / n;
    };
    const clean = await accuracyOf((batch) => batch);
    const accuracy: Record<string, number[]> = {};
    for (const c of corruptions) {
      accuracy[c.id] = [];
      for (let severity = 1; severity <= c.levels.length; severity++)
        accuracy[c.id]!.push(await accuracyOf((batch, first) => corruptImages(batch, c, severity, seed, first)));
    }
    return { clean, accuracy };
  });
}
