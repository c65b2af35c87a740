// The corruption sweep on a model whose answer is known: it says class 1 where the image's mean is above one half.
// Contrast keeps each channel's mean, so it never changes that answer; brightness raises the mean, so it turns
// dark images to class 1. Nothing leaks; Cancel stops it.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelFn } from '../../src/attacks/index.ts';
import { CORRUPTIONS } from '../../src/data/corruptions.ts';
import { corruptionSweep } from '../../src/training/index.ts';
import { useBackend } from '../../node/tfBackend.ts';

beforeAll(async () => {
  await useBackend('cpu');
});

const brightModel: ModelFn = (x) => tf.tidy(() => {
  const m = tf.mean(tf.reshape(x, [x.shape[0], -1]), 1);
  return tf.stack([tf.neg(tf.sub(m, 0.5)), tf.sub(m, 0.5)], 1) as tf.Tensor2D;
});

describe('the corruption sweep', () => {
  it('gives clean accuracy and one accuracy per severity; contrast keeps a mean-reading model right, brightness does not', async () => {
    // Two dark images (class 0, mean 0.4) and two bright ones (class 1, mean 0.7).
    const x = tf.concat([tf.fill([2, 32, 32, 3], 0.4), tf.fill([2, 32, 32, 3], 0.7)]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const fractions: number[] = [];
    const contrast = CORRUPTIONS.find((c) => c.id === 'contrast')!;
    const brightness = CORRUPTIONS.find((c) => c.id === 'brightness')!;
    const r = await corruptionSweep(brightModel, x, [0, 0, 1, 1], { corruptions: [contrast, brightness], onProgress: (f) => fractions.push(f) });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.clean).toBe(1);
    expect(r.accuracy.contrast).toEqual([1, 1, 1, 1, 1]);
    // +0.05 and +0.1 leave the dark images below 0.5; +0.15 and more push them over.
    expect(r.accuracy.brightness).toEqual([1, 1, 0.5, 0.5, 0.5]);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toHaveLength(10);
    x.dispose();
  });

  it('stops when cancelled', async () => {
    const x = tf.fill([2, 32, 32, 3], 0.4) as tf.Tensor4D;
    const controller = new AbortController();
    await expect(corruptionSweep(brightModel, x, [0, 0], { signal: controller.signal, onProgress: () => controller.abort() })).rejects.toThrow();
    x.dispose();
  });
});
