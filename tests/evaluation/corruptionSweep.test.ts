// The corruption sweep on a model whose answer is known: it says class 1 where the image's mean is above one half.
// Contrast keeps each channel's mean, so it never changes that answer; brightness raises the mean, so it turns
// dark images to class 1. The batch size changes nothing (each image keeps its own noise); nothing leaks across
// repeated runs; Cancel stops it; wrong input is named.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelFn } from '../../src/attacks/index.ts';
import { isAbortError } from '../../src/lib/index.ts';
import { CORRUPTIONS } from '../../src/data/corruptions.ts';
import { corruptionSweep } from '../../src/evaluation/index.ts';
import { useBackend } from '../../node/tfBackend.ts';

beforeAll(async () => {
  await useBackend('cpu');
});

const brightModel: ModelFn = (x) =>
  tf.tidy(() => {
    const m = tf.mean(tf.reshape(x, [x.shape[0], -1]), 1);
    return tf.stack([tf.neg(tf.sub(m, 0.5)), tf.sub(m, 0.5)], 1) as tf.Tensor2D;
  });
const byId = (id: string) => CORRUPTIONS.find((c) => c.id === id)!;

describe('the corruption sweep', () => {
  it('gives clean accuracy and one accuracy per severity; contrast keeps a mean-reading model right, brightness does not', async () => {
    // Two dark images (class 0, mean 0.4) and two bright ones (class 1, mean 0.7).
    const x = tf.concat([tf.fill([2, 32, 32, 3], 0.4), tf.fill([2, 32, 32, 3], 0.7)]) as tf.Tensor4D;
    const fractions: number[] = [];
    const r = await corruptionSweep(brightModel, x, [0, 0, 1, 1], {
      corruptions: [byId('contrast'), byId('brightness')],
      onProgress: (f) => fractions.push(f),
    });
    expect(r.clean).toBe(1);
    expect(r.accuracy).toEqual({
      contrast: [1, 1, 1, 1, 1],
      // +0.05 and +0.1 leave the dark images below 0.5; +0.15 and more push them over.
      brightness: [1, 1, 0.5, 0.5, 0.5],
    });
    // One batch each: the clean pass and ten conditions.
    expect(fractions).toEqual(Array.from({ length: 11 }, (_, i) => (i + 1) / 11));
    x.dispose();
  });

  it('gives the same figures whatever the batch size, and leaks no tensor across repeated runs', async () => {
    const x = tf.tidy(() => tf.linspace(0.35, 0.65, 7).reshape([7, 1, 1, 1]).tile([1, 32, 32, 3])) as tf.Tensor4D;
    const labels = [0, 0, 0, 1, 1, 1, 1];
    const options = { corruptions: [byId('gaussian-noise'), byId('fog')], seed: 3 };
    const whole = await corruptionSweep(brightModel, x, labels, options);
    const before = tf.memory().numTensors;
    for (const batchSize of [1, 3]) expect(await corruptionSweep(brightModel, x, labels, { ...options, batchSize })).toEqual(whole);
    expect(tf.memory().numTensors).toBe(before);
    // Fog lifts the dark images (mean 0.35..0.45) into class 1 at the top severity.
    expect(whole.accuracy.fog![4]).toBeLessThan(1);
    x.dispose();
  });

  it('stops when cancelled, and leaves nothing behind', async () => {
    const x = tf.fill([2, 32, 32, 3], 0.4) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    await expect(corruptionSweep(brightModel, x, [0, 0], { signal: controller.signal, onProgress: () => controller.abort() })).rejects.toSatisfy(
      isAbortError,
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('names labels that do not fit the images and a bad batch size', async () => {
    const x = tf.fill([2, 32, 32, 3], 0.4) as tf.Tensor4D;
    await expect(corruptionSweep(brightModel, x, [0])).rejects.toThrow(/labels: 1 for 2 images/);
    await expect(corruptionSweep(brightModel, x, [0, 0], { batchSize: 0 })).rejects.toThrow(/batchSize/);
    x.dispose();
  });
});
