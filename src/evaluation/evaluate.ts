// Accuracy of a classifier on a labelled set, clean or under an attack from the engine, in fixed-size chunks.
import * as tf from '@tensorflow/tfjs';
import { runAttack, type AttackConfig, type ModelFn } from '../attacks/index.ts';
import { forEachChunk } from './chunks.ts';
import { withInferenceFn, type Classifier } from '../model/modelFns.ts';

export interface EvaluateOptions {
  /** Attack each chunk first (runAttack); accuracy is then on the adversarial images. */
  attack?: AttackConfig;
  /** Images per forward pass or attack (default 100). */
  batchSize?: number;
  /** Seed of the attack's random starts, for comparable repeated measurements (default 0). */
  seed?: number;
  signal?: AbortSignal;
  /** Called after each chunk with the fraction done. */
  onProgress?: (fraction: number) => void;
}

export interface Evaluation {
  accuracy: number;
  /** Per image: classified correctly (after the attack, when there is one). */
  correct: boolean[];
}

async function predictions(f: ModelFn, x: tf.Tensor4D): Promise<Int32Array> {
  const pred = tf.tidy(() => tf.argMax(f(x), 1));
  try {
    return (await pred.data()) as Int32Array;
  } finally {
    pred.dispose();
  }
}

/** Clean (or adversarial) accuracy of `model` on x (owned by the caller) with these labels. */
export function evaluate(model: Classifier, x: tf.Tensor4D, labels: readonly number[], options: EvaluateOptions = {}): Promise<Evaluation> {
  return withInferenceFn(model, (f) => evaluateFn(f, x, labels, options));
}

async function evaluateFn(f: ModelFn, x: tf.Tensor4D, labels: readonly number[], options: EvaluateOptions): Promise<Evaluation> {
  const n = x.shape[0];
  if (labels.length !== n) throw new RangeError(`labels: ${labels.length} for ${n} images`);
  const correct: boolean[] = [];
  await forEachChunk(x, labels, options.batchSize ?? 100, options.signal, async (chunk, chunkLabels, start) => {
    if (options.attack) {
      const r = await runAttack(f, chunk, chunkLabels, options.attack, { seed: (options.seed ?? 0) + start, signal: options.signal });
      r.adversarial.dispose();
      r.advPred.forEach((p, i) => correct.push(p === chunkLabels[i]));
    } else {
      const pred = await predictions(f, chunk);
      chunkLabels.forEach((l, i) => correct.push(pred[i] === l));
    }
    options.onProgress?.(correct.length / n);
  });
  return { accuracy: n === 0 ? 0 : correct.filter(Boolean).length / n, correct };
}
