// The folded model's stride-1 convolutions take their input gradient with a filter turned once (stride1Conv):
// on WASM, the backend the page picks without a GPU, that must be exactly what the backend's own input gradient
// (wasmKernels.ts) computes, so attacks find the same images, only sooner.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { buildEpsilonCnn } from '../../src/model/architecture.ts';
import { foldInference } from '../../src/model/foldedModel.ts';
import { turnedFilter } from '../../src/model/kernels/turnedFilter.ts';
import { useBackend } from '../../node/tfBackend.ts';

beforeAll(() => useBackend('wasm'));

test('turnedFilter turns the taps by 180 degrees and swaps the channels, exactly', async () => {
  const w = tf.randomNormal([3, 2, 4, 5], 0, 1, 'float32', 3) as tf.Tensor4D;
  const turned = turnedFilter(w);
  const expected = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]);
  expect(turned.shape).toEqual([3, 2, 5, 4]);
  expect(Array.from(await turned.data())).toEqual(Array.from(await expected.data()));
  tf.dispose([w, turned, expected]);
});

test("Epsilon's CNN on WASM: the prepared input gradient equals the backend's bit for bit, with fewer kernels", async () => {
  const model = buildEpsilonCnn();
  const x = tf.randomUniform([2, 32, 32, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
  const start = tf.memory().numTensors;
  const gradient = async (prepared: boolean) => {
    const folded = foldInference(model, { preparedInputGradient: prepared })!;
    const weights = tf.range(1, 11);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(folded.modelFn(v as tf.Tensor4D), weights)));
    const info = await tf.profile(() => g(x));
    const values = Array.from(await (info.result as tf.Tensor).data());
    tf.dispose([info.result as tf.Tensor, weights]);
    folded.dispose();
    return { values, backpropKernels: info.kernels.filter((k) => k.name === 'Conv2DBackpropInput').length };
  };
  const prepared = await gradient(true);
  const backend = await gradient(false);
  expect(prepared.values).toEqual(backend.values);
  expect(prepared.values.some((v) => v !== 0)).toBe(true);
  expect(backend.backpropKernels).toBe(6);
  expect(prepared.backpropKernels).toBe(0);
  expect(tf.memory().numTensors).toBe(start);
  x.dispose();
  model.dispose();
});
