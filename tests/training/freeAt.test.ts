// Free-AT (Shafahi et al. 2019) on a toy model: one forward and backward pass per step gives both the weight
// update and the input gradient that moves the carried perturbation; replays reuse the batch and the perturbation.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  Trainer,
  createOptimizer,
  methodDefaults,
  passesPerStep,
  readWeights,
  replaysOf,
  tensorData,
  trainStep,
  type StepCarry,
} from '../../src/training/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { TINY_EPS, disposeSet, tinyModel, tinySet, type TinySet } from './helpers/tinyTask.ts';

let data: TinySet;
beforeAll(async () => {
  await useBackend('cpu');
  data = tinySet(8, 3);
});
afterAll(() => disposeSet(data));

const FREE = { ...methodDefaults('free', TINY_EPS), stepSize: TINY_EPS / 2, replays: 3 };

/** The gradients of the training-mode cross-entropy at x' with respect to the weights and to x', computed apart. */
function reference(model: tf.LayersModel, xAdv: tf.Tensor4D, labels: number[]) {
  return tf.tidy(() => {
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const y = tf.tensor1d(labels, 'int32');
    const loss = (input: tf.Tensor4D) => tf.losses.softmaxCrossEntropy(tf.oneHot(y, 2), model.apply(input, { training: true }) as tf.Tensor2D);
    const { grads } = tf.variableGrads(() => loss(xAdv) as tf.Scalar, vars);
    const inputGrad = tf.grad((input: tf.Tensor) => loss(input as tf.Tensor4D))(xAdv);
    return { weightGrads: vars.map((v) => tf.keep(grads[v.name]!)), inputGrad: tf.keep(inputGrad) };
  });
}

describe('Free-AT', () => {
  test('declares one pass per step, no attack pass, and its replays', () => {
    expect(passesPerStep(FREE)).toEqual({ attack: 0, weights: 1 });
    expect(replaysOf(FREE)).toBe(3);
    expect(replaysOf(methodDefaults('fast'))).toBe(1);
  });

  test('one backward pass: the weights move by the gradient at x + delta, and delta by the sign of the input gradient there', async () => {
    const model = tinyModel(5);
    const carry: StepCarry = {
      delta: tf.tidy(() => tf.mul(tf.sign(tf.randomNormal(data.x.shape, 0, 1, 'float32', 9)), TINY_EPS / 2) as tf.Tensor4D),
    };
    const xAdv = tf.tidy(() => tf.clipByValue(tf.add(data.x, carry.delta!), 0, 1) as tf.Tensor4D);
    // The reference gradients first: the step changes the BatchNorm statistics and the weights.
    const before = await readWeights(model);
    const ref = reference(model, xAdv, data.labels);
    const expectedDelta = tf.tidy(() =>
      tf.sub(
        tf.clipByValue(
          tf.minimum(tf.maximum(tf.add(xAdv, tf.mul(tf.sign(ref.inputGrad), FREE.stepSize)), tf.sub(data.x, TINY_EPS)), tf.add(data.x, TINY_EPS)),
          0,
          1,
        ),
        data.x,
      ),
    );
    const apply = vi.spyOn(model, 'apply');
    const lr = 0.1;
    const opt = createOptimizer('sgd', lr, 0);
    await trainStep(model, opt.optimizer, { x: data.x, labels: data.labels }, FREE, { weightDecay: 0, seed: 1, carry });
    // One forward pass in training mode, no attack pass (the tfjs Layers call the model's apply once).
    expect(apply.mock.calls.filter((c) => (c[1] as { training?: boolean } | undefined)?.training === true)).toHaveLength(1);
    expect(apply.mock.calls.filter((c) => (c[1] as { training?: boolean } | undefined)?.training !== true)).toHaveLength(0);
    const after = await readWeights(model);
    const trainable = model.trainableWeights.map((w) => w.originalName);
    for (const [i, name] of trainable.entries()) {
      const b = before.find((w) => w.name === name)!.values;
      const a = after.find((w) => w.name === name)!.values;
      const g = await ref.weightGrads[i]!.data();
      a.forEach((v, j) => expect(v).toBeCloseTo(b[j]! - lr * g[j]!, 5));
    }
    expect(Array.from(await carry.delta!.data())).toEqual(Array.from(await expectedDelta.data()));
    tf.dispose([xAdv, ref.inputGrad, ...ref.weightGrads, expectedDelta, carry.delta!]);
    opt.dispose();
    model.dispose();
  });

  test('replays train on the same batch, each starting from the perturbation the one before left', async () => {
    const model = tinyModel(6);
    const seen: number[][] = [];
    const batchFn = vi.fn(async (idx: number[]) => {
      seen.push(idx);
      return { x: tf.gather(data.x, idx) as tf.Tensor4D, labels: idx.map((i) => data.labels[i]!) };
    });
    const set = { size: 8, batch: batchFn };
    const inputs: Float32Array[] = [];
    const apply = model.apply.bind(model);
    vi.spyOn(model, 'apply').mockImplementation((x, kwargs) => {
      if ((kwargs as { training?: boolean } | undefined)?.training) inputs.push((x as tf.Tensor).dataSync() as Float32Array);
      return apply(x, kwargs);
    });
    await new Trainer(model, set, { method: FREE, budget: { examples: 24 }, batchSize: 4, learningRate: 0.05, evalEvery: 0, flip: false }).start();
    // 6 steps, 3 replays each: two batches drawn.
    expect(seen).toHaveLength(2);
    expect(inputs).toHaveLength(6);
    // The first replay starts from delta = 0 (the clean batch); each next replay differs by at most one step per pixel.
    const first = tf.gather(data.x, seen[0]!);
    const clean = (await first.data()) as Float32Array;
    first.dispose();
    expect(Array.from(inputs[0]!)).toEqual(Array.from(clean));
    for (const r of [1, 2]) {
      const moved = inputs[r]!.map((v, j) => Math.abs(v - inputs[r - 1]![j]!));
      expect(Math.max(...moved)).toBeLessThanOrEqual(FREE.stepSize + 1e-6);
      expect(Math.max(...moved)).toBeGreaterThan(0);
      inputs[r]!.forEach((v, j) => expect(Math.abs(v - clean[j]!)).toBeLessThanOrEqual(TINY_EPS + 1e-6));
    }
    model.dispose();
  });

  test('leaves no tensor behind across steps (its carried perturbation is freed at the end)', async () => {
    const model = tinyModel(7);
    const before = tf.memory().numTensors;
    await new Trainer(model, tensorData(data.x, data.labels), { method: FREE, budget: { examples: 24 }, batchSize: 4, evalEvery: 0 }).start();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
