import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '../../node/tfBackend.ts';
import { loadModelDir, modelDir } from '../../node/modelDir.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { goldenMaxAbsDiff, type Golden } from '../../node/golden.ts';

beforeAll(() => useBackend('wasm'));

for (const name of ['standard', 'robust']) {
  describe(`models/${name}`, () => {
    it('loads as [n,32,32,3] -> 10 logits, within the size budget', async () => {
      const { model } = await loadModelDir(name);
      expect(model.inputs[0]!.shape).toEqual([null, 32, 32, 3]);
      expect(model.outputs[0]!.shape).toEqual([null, 10]);
      expect(model.countParams()).toBeLessThanOrEqual(500_000);
      expect(statSync(join(modelDir(name), 'weights.bin')).size).toBeLessThanOrEqual(1_000_000);
      model.dispose();
    });

    it('reproduces the PyTorch golden logits (float16 weights: max difference under 1e-3)', async () => {
      const golden = JSON.parse(readFileSync(join(modelDir(name), 'golden.json'), 'utf8')) as Golden;
      expect(golden.testIndex).toEqual(Array.from({ length: 64 }, (_, i) => i));
      const { model, modelFn } = await loadModelDir(name);
      const { x } = await cifarBatch('test', 0, 64);
      expect(await goldenMaxAbsDiff(modelFn, x, golden)).toBeLessThan(1e-3);
      x.dispose();
      model.dispose();
    });
  });
}

it('the standard model scores at least 89% on a fixed 2000-image test subset', async () => {
  const { model, modelFn } = await loadModelDir('standard');
  let correct = 0;
  // Test images 8000..9999: none of them is in the app's gallery or evaluation set.
  for (let start = 8000; start < 10000; start += 250) {
    const { x, labels } = await cifarBatch('test', start, 250);
    const pred = tf.tidy(() => tf.argMax(modelFn(x), 1));
    const p = await pred.data();
    labels.forEach((l, i) => (correct += p[i] === l ? 1 : 0));
    tf.dispose([x, pred]);
  }
  model.dispose();
  expect(correct / 2000).toBeGreaterThanOrEqual(0.89);
});
