// Accuracy under common corruptions (data/corruptions.ts): per corruption and severity 1..5, on one labelled set,
// beside the clean accuracy: where a model generalises beyond the test distribution, and where not.
import * as tf from '@tensorflow/tfjs';
import { throwIfAborted, yieldToEventLoop } from '../attacks/index.ts';
import { CORRUPTIONS, corruptImages, type Corruption } from '../data/corruptions.ts';
import { evaluate } from './evaluate.ts';
import { withInferenceFn, type Classifier } from './modelFns.ts';

export interface CorruptionSweep {
  clean: number;
  /** By corruption id: accuracy at severities 1..5. */
  accuracy: Record<string, number[]>;
}

export interface CorruptionSweepOptions {
  corruptions?: readonly Corruption[];
  batchSize?: number;
  seed?: number;
  signal?: AbortSignal;
  /** Fraction done, after each corruption and severity. */
  onProgress?: (fraction: number) => void;
}

/** Clean accuracy and accuracy per corruption x severity of one model on x (the caller's) with these labels. */
export function corruptionSweep(model: Classifier, x: tf.Tensor4D, labels: readonly number[], options: CorruptionSweepOptions = {}): Promise<CorruptionSweep> {
  return withInferenceFn(model, async (f) => {
    const { corruptions = CORRUPTIONS, batchSize = 100, seed = 0, signal } = options;
    const pixels = (await x.data()) as Float32Array;
    const clean = (await evaluate(f, x, labels, { batchSize, signal })).accuracy;
    const accuracy: Record<string, number[]> = {};
    const total = corruptions.reduce((s, c) => s + c.levels.length, 0);
    let done = 0;
    for (const c of corruptions) {
      accuracy[c.id] = [];
      for (let severity = 1; severity <= c.levels.length; severity++) {
        throwIfAborted(signal);
        const corrupted = tf.tensor4d(corruptImages(pixels, c, severity, seed), x.shape);
        try {
          accuracy[c.id]!.push((await evaluate(f, corrupted, labels, { batchSize, signal })).accuracy);
        } finally {
          corrupted.dispose();
        }
        options.onProgress?.(++done / total);
        await yieldToEventLoop();
      }
    }
    return { clean, accuracy };
  });
}
