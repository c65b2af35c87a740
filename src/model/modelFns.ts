// A LayersModel seen as a function of pixels: inference mode (moving BatchNorm statistics) for attacks and
// evaluation, training mode (batch statistics, moving averages updated) for the weight update.
import type * as tf from '@tensorflow/tfjs';
import type { ModelFn } from '../attacks/index.ts';
import { foldInference } from './foldedModel.ts';

/** A LayersModel whose output is logits, or a logits function already. */
export type Classifier = tf.LayersModel | ModelFn;

export function inferenceFn(model: Classifier): ModelFn {
  if (typeof model === 'function') return model;
  return (x) => model.apply(x, { training: false }) as tf.Tensor2D;
}

export function trainingFn(model: tf.LayersModel): ModelFn {
  return (x) => model.apply(x, { training: true }) as tf.Tensor2D;
}

/**
 * Runs `body` with the fastest inference-mode function of the model: BatchNorm folded into the convolutions
 * when the model allows it (the same function, cheaper input gradients), else the model itself. The weights
 * must not change while `body` runs.
 */
export async function withInferenceFn<T>(model: Classifier, body: (f: ModelFn) => Promise<T>): Promise<T> {
  const folded = typeof model === 'function' ? null : foldInference(model);
  try {
    return await body(folded?.modelFn ?? inferenceFn(model));
  } finally {
    folded?.dispose();
  }
}
