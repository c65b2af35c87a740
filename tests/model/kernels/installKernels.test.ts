// installKernels (src/model/kernels/index.ts), read back from tfjs's own registry: what each backend gets, that a
// second call changes nothing, that ours come back after someone registers over them, and that a small conv ->
// BatchNorm -> max-pool block's input and weight gradients through what it installed are the CPU backend's.
import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { installKernels } from '../../../src/model/kernels/index.ts';
import { fusedBatchNormGradient } from '../../../src/model/kernels/batchNormGradient.ts';
import { unregisterWasmTrainingKernels, WASM_TRAINING_KERNEL_NAMES, wasmTrainingKernelsRegistered } from '../../../src/model/kernels/wasmKernels.ts';
import { useBackend } from '../../../node/tfBackend.ts';
import { rng, uniformArray } from '../../helpers/random.ts';

// Read before anything installs ours (useBackend does).
const tfjsOwnGradient = tf.getGradient('FusedBatchNorm')!;

/** Everything installKernels may register, as the registry holds it now. */
const registered = () => [tf.getGradient('FusedBatchNorm'), ...WASM_TRAINING_KERNEL_NAMES.map((k) => tf.getKernel(k, 'wasm'))];

test('CPU gets the BatchNorm gradient and leaves the WASM kernels alone', () => {
  expect(tfjsOwnGradient).not.toBe(fusedBatchNormGradient);
  installKernels('cpu');
  expect(tf.getGradient('FusedBatchNorm')).toBe(fusedBatchNormGradient);
  expect(wasmTrainingKernelsRegistered()).toBe(false);
});

test('WASM gets the training kernels too; a second call changes nothing; ours replace an impostor', async () => {
  await useBackend('wasm');
  unregisterWasmTrainingKernels(tf.backend());
  tf.registerGradient(tfjsOwnGradient);
  expect(wasmTrainingKernelsRegistered()).toBe(false);

  installKernels(); // the active backend, WASM
  expect(tf.getGradient('FusedBatchNorm')).toBe(fusedBatchNormGradient);
  expect(wasmTrainingKernelsRegistered()).toBe(true);
  const first = registered();
  installKernels();
  const second = registered();
  expect(second.every((entry, i) => entry === first[i])).toBe(true);

  tf.unregisterKernel('MaxPoolGrad', 'wasm');
  tf.registerKernel({
    kernelName: 'MaxPoolGrad',
    backendName: 'wasm',
    kernelFunc: () => {
      throw new Error('impostor');
    },
  });
  tf.registerGradient({ ...tfjsOwnGradient });
  installKernels();
  const third = registered();
  expect(third.every((entry, i) => entry === first[i])).toBe(true);
});

test('a conv -> BatchNorm -> max-pool block on WASM: input and weight gradients as on CPU, no Tile', async () => {
  const rand = rng(29);
  const xs = Float32Array.from(uniformArray(rand, 2 * 6 * 6 * 2, -1, 1));
  const ws = Float32Array.from(uniformArray(rand, 3 * 3 * 2 * 4, -1, 1));
  const gammas = Float32Array.from(uniformArray(rand, 4, 0.5, 1.5));
  const betas = Float32Array.from(uniformArray(rand, 4, -0.5, 0.5));
  // Training-mode BatchNorm (batch statistics); no ReLU, so many pooling windows have a negative maximum, where
  // tfjs-wasm's own MaxPoolGrad goes wrong.
  const block = (x: tf.Tensor, w: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => {
    const y = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same');
    const { mean, variance } = tf.moments(y, [0, 1, 2]);
    const normal = tf.batchNorm(y, mean, variance, beta as tf.Tensor1D, gamma as tf.Tensor1D, 1e-3);
    return tf.sum(tf.mul(tf.maxPool(normal as tf.Tensor4D, 2, 2, 'valid'), tf.range(1, 37).reshape([1, 3, 3, 4])));
  };
  const gradients = async (backend: 'cpu' | 'wasm') => {
    await useBackend(backend);
    const inputs = [tf.tensor4d(xs, [2, 6, 6, 2]), tf.tensor4d(ws, [3, 3, 2, 4]), tf.tensor1d(gammas), tf.tensor1d(betas)];
    const start = tf.memory().numTensors;
    const info = await tf.profile(() => tf.grads(block)(inputs));
    const grads = info.result as unknown as tf.Tensor[];
    const values = await Promise.all(grads.map(async (g) => Array.from(await g.data())));
    tf.dispose(grads);
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose(inputs);
    return { values, tiles: info.kernels.filter((k) => k.name === 'Tile').length };
  };
  const cpu = await gradients('cpu');
  const wasm = await gradients('wasm');
  expect(wasm.tiles).toBe(0);
  expect(cpu.tiles).toBe(0);
  expect(wasm.values.map((g) => g.length)).toEqual([144, 72, 4, 4]);
  wasm.values.forEach((g, i) => {
    const scale = Math.max(...cpu.values[i]!.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    expect(Math.max(...g.map((v, k) => Math.abs(v - cpu.values[i]![k]!))) / scale, `gradient ${i}`).toBeLessThan(1e-4);
  });
});
