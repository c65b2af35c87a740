import { test, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from './helpers/tfNode.ts';
test('wasm', async () => {
  await useBackend('wasm');
  const g = tf.grad((x: tf.Tensor) => x.square().sum())(tf.tensor([1, 2]));
  expect(Array.from(await g.data())).toEqual([2, 4]);
  expect(tf.getBackend()).toBe('wasm');
});
