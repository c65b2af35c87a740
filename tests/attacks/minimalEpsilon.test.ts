// Minimal L-infinity epsilon by bisection, checked against the exact answer of a linear classifier.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test, beforeAll } from 'vitest';
import { MINIMAL_EPSILON_RESOLUTION, minimalEpsilon } from '../../src/attacks/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { binaryAffine, dot, rng, uniformArray } from './helpers/models.ts';

beforeAll(async () => {
  await useBackend('wasm');
});

describe('minimalEpsilon', () => {
  test.each([0.02, 0.05, 0.09])('finds the L-infinity distance to a linear boundary (%s) to 0.25/255', async (distance) => {
    const r = rng(Math.round(distance * 1000));
    const w = uniformArray(r, 12, 0.5, 1.5).map((v) => (r() < 0.5 ? -v : v));
    const x0 = uniformArray(r, 12, 0.3, 0.7);
    // f(x) = w.x + c with f(x0) = -distance * ||w||_1: the linf distance to the boundary is exactly `distance`.
    const l1 = w.reduce((s, v) => s + Math.abs(v), 0);
    const { model, dispose } = binaryAffine(w, -dot(w, x0) - distance * l1);
    const x = tf.tensor4d(x0, [1, 2, 2, 3]);
    const before = tf.memory().numTensors;
    const res = await minimalEpsilon(model, x, 0, { maxEps: 32 / 255 });
    expect(res.eps).not.toBeNull();
    expect(res.eps!).toBeGreaterThanOrEqual(distance);
    expect(res.eps!).toBeLessThanOrEqual(distance + MINIMAL_EPSILON_RESOLUTION + 1e-9);
    expect(Math.abs(res.eps! / MINIMAL_EPSILON_RESOLUTION - Math.round(res.eps! / MINIMAL_EPSILON_RESOLUTION))).toBeLessThan(1e-6);
    expect(res.probes.length).toBeLessThanOrEqual(2 + Math.ceil(Math.log2(128)));
    expect(res.adversarial).not.toBeNull();
    res.adversarial!.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    dispose();
  });

  test('null when even maxEps fails; 0 when the image is already misclassified', async () => {
    const w = new Array(12).fill(1);
    const x0 = new Array(12).fill(0.5);
    const { model, dispose } = binaryAffine(w, -6 - 12 * 0.2); // boundary 0.2 away in linf
    const x = tf.tensor4d(x0, [1, 2, 2, 3]);
    const far = await minimalEpsilon(model, x, 0, { maxEps: 16 / 255 });
    expect(far.eps).toBeNull();
    expect(far.adversarial).toBeNull();
    const wrong = await minimalEpsilon(model, x, 1);
    expect(wrong.eps).toBe(0);
    wrong.adversarial?.dispose();
    const two = tf.zeros([2, 2, 2, 3]) as tf.Tensor4D;
    await expect(minimalEpsilon(model, two, 0)).rejects.toThrow(/one image/);
    two.dispose();
    x.dispose();
    dispose();
  });
});
