// The weight update itself: BatchNorm learns its moving statistics in training mode (and inference leaves them
// alone), weight decay shrinks the kernels, Adam trains too, and the learning-rate schedule has its shape.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOptimizer, learningRateAt, methodDefaults, readWeights, trainStep } from '../../src/training/index.ts';
import { evaluate } from '../../src/evaluation/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { TINY_EPS, disposeSet, tinyModel, tinySet, type TinySet } from './helpers/tinyTask.ts';

let data: TinySet;
let batch: { x: tf.Tensor4D; labels: number[] };
beforeAll(async () => {
  await useBackend('cpu');
  data = tinySet(32, 4);
  batch = { x: data.x, labels: data.labels };
});
afterAll(() => disposeSet(data));

async function weight(model: tf.LayersModel, suffix: string): Promise<Float32Array> {
  const w = (await readWeights(model)).find((e) => e.name.endsWith(suffix));
  if (!w) throw new Error(`no weight ${suffix}`);
  return w.values;
}

describe('BatchNorm during training', () => {
  test('a train step moves the moving mean and variance towards the batch statistics; evaluation does not', async () => {
    const model = tinyModel(1);
    const mean0 = await weight(model, 'moving_mean');
    const var0 = await weight(model, 'moving_variance');
    await evaluate(model, data.x, data.labels, { attack: { kind: 'fgsm', norm: 'linf', eps: TINY_EPS } });
    expect(await weight(model, 'moving_mean')).toEqual(mean0);
    expect(await weight(model, 'moving_variance')).toEqual(var0);
    // The batch statistics of the conv outputs, under the weights before the step (the ones the forward used):
    // per channel, over images and positions, with the biased variance of tf.moments, as tfjs' BatchNorm has it.
    // Clean training, so the forward pass sees the batch itself.
    const stats = tf.tidy(() => {
      const { mean, variance } = tf.moments(model.layers[0]!.apply(data.x) as tf.Tensor4D, [0, 1, 2]);
      return tf.stack([mean, variance]);
    });
    const [batchMean, batchVar] = (await stats.array()) as number[][];
    stats.dispose();
    const momentum = model.layers[1]!.getConfig().momentum as number;
    expect(momentum).toBe(0.8);
    const opt = createOptimizer('sgd', 0.01);
    await trainStep(model, opt.optimizer, batch, methodDefaults('clean'), { weightDecay: 0, seed: 1 });
    const mean1 = await weight(model, 'moving_mean');
    const var1 = await weight(model, 'moving_variance');
    expect(Array.from(mean0)).toEqual([0, 0, 0, 0]);
    expect(Array.from(var0)).toEqual([1, 1, 1, 1]);
    for (let c = 0; c < 4; c++) {
      expect(mean1[c]).not.toBe(0);
      // momentum 0.8: moving = 0.8 * old + 0.2 * batch, and the batch variance of 4x4 grey images is far below 1.
      expect(mean1[c]!).toBeCloseTo(momentum * mean0[c]! + (1 - momentum) * batchMean![c]!, 6);
      expect(var1[c]!).toBeCloseTo(momentum * var0[c]! + (1 - momentum) * batchVar![c]!, 6);
      expect(var1[c]!).toBeLessThan(0.81);
      expect(var1[c]!).toBeGreaterThan(0.79);
    }
    opt.dispose();
    model.dispose();
  });
});

describe('the optimisers', () => {
  test('weight decay shrinks the kernels', async () => {
    const kernelNorm = async (weightDecay: number) => {
      const model = tinyModel(2);
      const opt = createOptimizer('sgd', 0.05);
      for (let s = 0; s < 5; s++) await trainStep(model, opt.optimizer, batch, methodDefaults('clean'), { weightDecay, seed: s });
      const k = await weight(model, 'kernel');
      opt.dispose();
      model.dispose();
      return Math.hypot(...k);
    };
    expect(await kernelNorm(0.5)).toBeLessThan(0.97 * (await kernelNorm(0)));
  });

  test('Adam follows its learning rate and lowers the loss', async () => {
    const model = tinyModel(3);
    const opt = createOptimizer('adam', 0.05);
    const first = await trainStep(model, opt.optimizer, batch, methodDefaults('clean'), { weightDecay: 0, seed: 0 });
    let last = first;
    for (let s = 1; s < 15; s++) last = await trainStep(model, opt.optimizer, batch, methodDefaults('clean'), { weightDecay: 0, seed: s });
    expect(last.loss).toBeLessThan(0.7 * first.loss);
    // A zero learning rate freezes the trainable weights.
    opt.setLearningRate(0);
    const before = await weight(model, 'kernel');
    await trainStep(model, opt.optimizer, batch, methodDefaults('clean'), { weightDecay: 0, seed: 99 });
    expect(await weight(model, 'kernel')).toEqual(before);
    opt.dispose();
    model.dispose();
  });
});

describe('learning-rate schedule', () => {
  const s = { peak: 0.02, warmupSteps: 10, totalSteps: 100 };
  test('linear warm-up to the peak, then cosine or linear decay towards 0', () => {
    expect(learningRateAt(0, { ...s, decay: 'cosine' })).toBeCloseTo(0.002, 10);
    expect(learningRateAt(9, { ...s, decay: 'cosine' })).toBeCloseTo(0.02, 10);
    expect(learningRateAt(10, { ...s, decay: 'cosine' })).toBeCloseTo(0.02, 10);
    expect(learningRateAt(55, { ...s, decay: 'cosine' })).toBeCloseTo(0.01, 10);
    expect(learningRateAt(55, { ...s, decay: 'linear' })).toBeCloseTo(0.01, 10);
    expect(learningRateAt(99, { ...s, decay: 'cosine' })).toBeLessThan(0.0001);
    expect(learningRateAt(50, { ...s, decay: 'constant' })).toBe(0.02);
    const lrs = Array.from({ length: 90 }, (_, i) => learningRateAt(10 + i, { ...s, decay: 'cosine' }));
    lrs.slice(1).forEach((v, i) => expect(v).toBeLessThan(lrs[i]!));
  });
});
