// Small models for the attack tests: hand-weighted linear classifiers (exact, analytic answers) and a tiny
// classifier trained in the test on a synthetic, separable task.
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { runAttack, type AttackConfig, type AttackResult, type ModelFn } from '../../../src/attacks/index.ts';
import { rng, uniformArray } from '../../helpers/random.ts';

export { rng, uniformArray };

export interface TestModel {
  model: ModelFn;
  dispose(): void;
}

/** logits = W x + b with x flattened. W: [classes][d]. */
export function linearModel(W: number[][], b: number[]): TestModel {
  const d = W[0]!.length;
  const wt = tf.tensor2d(W).transpose() as tf.Tensor2D; // [d, classes]
  const bias = tf.tensor1d(b);
  return {
    model: (x) =>
      tf.tidy(() => {
        if (x.size / x.shape[0] !== d) throw new Error(`linear model expects ${d} inputs per image`);
        return tf.add(tf.matMul(tf.reshape(x, [x.shape[0], d]), wt), bias) as tf.Tensor2D;
      }),
    dispose: () => {
      wt.dispose();
      bias.dispose();
    },
  };
}

/** Two-class affine classifier whose logit difference z1 - z0 is f(x) = w.x + c. */
export function binaryAffine(w: number[], c: number): TestModel {
  return linearModel([w.map((v) => -v / 2), w.map((v) => v / 2)], [-c / 2, c / 2]);
}

/** The dot product of two vectors. */
export const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

export const TINY_SHAPE: [number, number, number] = [4, 4, 3];
export const TINY_CLASSES = 4;

/**
 * A small conv + dense classifier for TINY_CLASSES classes of 4x4x3 images, trained for a few seconds on a
 * synthetic task: each class is a random prototype image, samples are the prototype plus uniform noise.
 * Returns the model, a held-out batch and its labels.
 */
export async function trainTinyClassifier(seed = 1): Promise<TestModel & { x: tf.Tensor4D; labels: number[]; trainAccuracy: number }> {
  const r = rng(seed);
  const d = TINY_SHAPE[0] * TINY_SHAPE[1] * TINY_SHAPE[2];
  const prototypes = Array.from({ length: TINY_CLASSES }, () => uniformArray(r, d, 0.2, 0.8));
  const sample = (count: number) => {
    const labels = Array.from({ length: count }, (_, i) => i % TINY_CLASSES);
    const data = labels.flatMap((l) => prototypes[l]!.map((p) => Math.min(1, Math.max(0, p + (r() - 0.5) * 0.3))));
    return { x: tf.tensor4d(data, [count, ...TINY_SHAPE]), labels };
  };
  const train = sample(512);
  const test = sample(64);
  const net = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: TINY_SHAPE,
        filters: 8,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
      tf.layers.dense({ units: TINY_CLASSES, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }),
    ],
  });
  net.compile({ optimizer: tf.train.adam(0.01), loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred) });
  const y = tf.oneHot(tf.tensor1d(train.labels, 'int32'), TINY_CLASSES);
  await net.fit(train.x, y, { epochs: 15, batchSize: 64, shuffle: false, verbose: 0 });
  const acc = tf.tidy(() =>
    tf.mean(tf.cast(tf.equal(tf.argMax(net.predict(train.x) as tf.Tensor, 1), tf.tensor1d(train.labels, 'int32')), 'float32')),
  );
  const trainAccuracy = (await acc.data())[0]!;
  acc.dispose();
  y.dispose();
  train.x.dispose();
  return {
    model: (x) => net.apply(x, { training: false }) as tf.Tensor2D,
    x: test.x,
    labels: test.labels,
    trainAccuracy,
    dispose: () => {
      net.dispose();
      test.x.dispose();
    },
  };
}

/** Fraction of images whose prediction equals the given classes. */
export function agreement(pred: number[], classes: number[]): number {
  return pred.filter((p, i) => p === classes[i]).length / pred.length;
}

/** The predicted class per image (no tensor left behind). */
export async function predict(model: ModelFn, x: tf.Tensor4D): Promise<number[]> {
  const pred = tf.tidy(() => tf.argMax(model(x), 1));
  try {
    return Array.from(await pred.data());
  } finally {
    pred.dispose();
  }
}

/**
 * Runs the attack on the images `xs` as one batch and on each image alone: each must get the same steps,
 * success and adversarial image either way, and the batch run must leave no tensor behind. Returns the
 * batch's result, less its adversarial images (disposed).
 */
export async function expectBatchMatchesAlone(
  model: ModelFn,
  xs: number[][],
  labels: number[],
  config: AttackConfig,
  shape: [number, number, number],
): Promise<Omit<AttackResult, 'adversarial'>> {
  const d = shape[0] * shape[1] * shape[2];
  const x = tf.tensor4d(xs.flat(), [xs.length, ...shape]);
  const before = tf.memory().numTensors;
  const { adversarial, ...batch } = await runAttack(model, x, labels, config);
  const batchImages = Array.from(await adversarial.data());
  adversarial.dispose();
  expect(tf.memory().numTensors).toBe(before);
  for (let i = 0; i < xs.length; i++) {
    const xi = tf.tensor4d(xs[i]!, [1, ...shape]);
    const alone = await runAttack(model, xi, [labels[i]!], config);
    expect(alone.steps[0], `steps of image ${i}`).toBe(batch.steps[i]);
    expect(alone.success[0], `success of image ${i}`).toBe(batch.success[i]);
    Array.from(await alone.adversarial.data()).forEach((v, k) => expect(v).toBeCloseTo(batchImages[i * d + k]!, 5));
    alone.adversarial.dispose();
    xi.dispose();
  }
  x.dispose();
  return batch;
}
