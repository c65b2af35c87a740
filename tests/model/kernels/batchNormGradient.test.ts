// BatchNorm's gradient without the Tile (batchNormGradient.ts, put in by installKernels): a training-mode weight gradient of
// Epsilon's CNN must be what tfjs's own gradient gives, bit for bit, on WASM (the page's backend without a GPU),
// with no Tile kernel left in the pass.
import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { buildEpsilonCnn } from '../../../src/model/architecture.ts';
import { installKernels } from '../../../src/model/kernels/index.ts';
import { useBackend } from '../../../node/tfBackend.ts';

// Read before anything installs ours (useBackend does).
const tfjsOwn = tf.getGradient('FusedBatchNorm')!;

async function weightGradients(model: tf.LayersModel, x: tf.Tensor4D, labels: tf.Tensor2D) {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const info = await tf.profile(() => {
    const { value, grads } = tf.variableGrads(
      () => tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor2D) as tf.Scalar,
      variables,
    );
    value.dispose();
    return variables.map((v) => grads[v.name]!);
  });
  const tensors = info.result as unknown as tf.Tensor[];
  const values = await Promise.all(tensors.map(async (t) => Array.from(await t.data())));
  tf.dispose(tensors);
  return { values, tiles: info.kernels.filter((k) => k.name === 'Tile').length };
}

test("WASM: the broadcasting BatchNorm gradient equals tfjs's bit for bit, without a Tile", async () => {
  await useBackend('wasm');
  const model = buildEpsilonCnn();
  // BatchNorm's scale and shift away from 1 and 0, so each term of the gradient carries weight.
  for (const w of model.trainableWeights.filter((w) => /bn\d+\/(gamma|beta)/.test(w.name))) {
    w.write(tf.randomUniform(w.shape as number[], 0.5, 1.5, 'float32', w.name.length));
  }
  const x = tf.randomUniform([4, 32, 32, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
  const labels = tf.oneHot(tf.tensor1d([0, 3, 5, 9], 'int32'), 10) as tf.Tensor2D;
  const start = tf.memory().numTensors;
  tf.registerGradient(tfjsOwn);
  const own = await weightGradients(model, x, labels);
  installKernels();
  const ours = await weightGradients(model, x, labels);
  expect(own.tiles).toBeGreaterThan(0);
  expect(ours.tiles).toBe(0);
  expect(ours.values).toEqual(own.values);
  expect(ours.values.every((g) => g.some((v) => v !== 0))).toBe(true);
  expect(tf.memory().numTensors).toBe(start);
  tf.dispose([x, labels]);
  model.dispose();
});
