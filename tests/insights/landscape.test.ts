// The landscape's geometry and the gradient maps, on small hand-weighted models.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useBackend } from '../../node/tfBackend.ts';
import {
  adaptedBatch,
  computeLandscape,
  gridOffsets,
  gridPoint,
  inputGradient,
  magnitudeRgb,
  nearestCell,
  planeDirections,
  planePoints,
  signedRgb,
} from '../../src/insights/index.ts';
import { landscapeRgb } from '../../src/insights/classPalette.ts';
import { rng, uniformArray } from '../helpers/random.ts';

const SHAPE = [1, 4, 4, 3] as const;
const D = 48;

/** logits = W x + b: a 10-class linear model on 4x4x3 images with seeded weights. */
function tenClass(seed: number) {
  const r = rng(seed);
  const w = tf.tensor2d(uniformArray(r, D * 10, -1, 1), [D, 10]);
  const b = tf.tensor1d(uniformArray(r, 10, -0.1, 0.1));
  return {
    model: (x: tf.Tensor4D) => tf.tidy(() => tf.add(tf.matMul(tf.reshape(x, [x.shape[0], D]), w), b) as tf.Tensor2D),
    dispose: () => tf.dispose([w, b]),
  };
}

const signs = (seed: number) => tf.tidy(() => tf.sign(tf.tensor4d(uniformArray(rng(seed), D, -1, 1), [...SHAPE])) as tf.Tensor4D);
const image = (seed: number) => tf.tensor4d(uniformArray(rng(seed), D, 0.2, 0.8), [...SHAPE]);
const vec = async (t: tf.Tensor) => Array.from(await t.data());
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

beforeAll(() => useBackend('cpu'));
let before = 0;
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before);
});

describe('the grid', () => {
  it('is symmetric around 0 with 0 in the middle', () => {
    const o = gridOffsets(41, 16 / 255);
    expect(o).toHaveLength(41);
    expect(o[20]).toBe(0);
    expect(o[0]).toBeCloseTo(-16 / 255, 12);
    expect(o[40]).toBeCloseTo(16 / 255, 12);
    for (let i = 0; i < 41; i++) expect(o[40 - i]! + o[i]!).toBe(0);
  });

  it('puts the image at the centre cell and reads like a plot (top row is +b, left column is -a)', () => {
    const o = gridOffsets(5, 1);
    expect(gridPoint(o, 2, 2)).toEqual({ a: 0, b: 0 });
    expect(gridPoint(o, 0, 0)).toEqual({ a: -1, b: 1 });
    expect(gridPoint(o, 4, 4)).toEqual({ a: 1, b: -1 });
    for (let row = 0; row < 5; row++) for (let col = 0; col < 5; col++) expect(nearestCell(o, gridPoint(o, row, col))).toEqual({ row, col });
    expect(nearestCell(o, { a: 2, b: 0 })).toBeNull();
  });

  it('rejects a grid that cannot be drawn', () => {
    expect(() => gridOffsets(1, 1)).toThrow(RangeError);
    expect(() => gridOffsets(5, 0)).toThrow(RangeError);
  });
});

describe('the plane', () => {
  it('has two orthogonal directions of L-infinity norm 1, the first along the attack', async () => {
    const attack = tf.tensor4d(uniformArray(rng(3), D, -0.05, 0.05), [...SHAPE]);
    const { d1, d2 } = planeDirections(attack, 7);
    const [a, u, v] = await Promise.all([vec(attack), vec(d1), vec(d2)]);
    expect(Math.abs(dot(u, v)) / Math.sqrt(dot(u, u) * dot(v, v))).toBeLessThan(1e-5);
    expect(Math.max(...u.map(Math.abs))).toBeCloseTo(1, 6);
    expect(Math.max(...v.map(Math.abs))).toBeCloseTo(1, 6);
    // d1 is the attack rescaled: same direction.
    expect(dot(a, u) / Math.sqrt(dot(a, a) * dot(u, u))).toBeCloseTo(1, 6);
    tf.dispose([attack, d1, d2]);
  });

  it('draws the same random direction for the same seed', async () => {
    const attack = signs(4);
    const p = planeDirections(attack, 11);
    const q = planeDirections(attack, 11);
    expect(await vec(p.d2)).toEqual(await vec(q.d2));
    tf.dispose([attack, p.d1, p.d2, q.d1, q.d2]);
  });

  it('its centre point is the image, and points stay in [0,1]', async () => {
    const x = image(5);
    const attack = signs(6);
    const plane = planeDirections(attack, 1);
    const pts = tf.tidy(() => planePoints(x, plane, [0, 0.5, -0.5], [0, 0.5, 0.5]));
    const flat = await vec(pts);
    expect(flat.slice(0, D)).toEqual(await vec(x));
    for (const v of flat) expect(v >= 0 && v <= 1).toBe(true);
    tf.dispose([x, attack, plane.d1, plane.d2, pts]);
  });
});

describe('the landscape', () => {
  it('classifies its centre as the model classifies the image, and reports progress once per batch', async () => {
    const m = tenClass(8);
    const x = image(9);
    const clean = tf.tidy(() => tf.argMax(m.model(x), 1));
    const cleanPred = (await clean.data())[0]!;
    const attack = signs(10);
    const plane = planeDirections(attack, 2);
    const progress: number[] = [];
    const l = await computeLandscape(m.model, x, plane, {
      size: 9,
      radius: 0.1,
      reference: cleanPred,
      batch: 10,
      onProgress: (p) => progress.push(p),
    });
    expect(l.pred[4 * 9 + 4]).toBe(cleanPred);
    expect(progress).toHaveLength(9); // 81 points in batches of 10
    expect(progress.at(-1)).toBe(1);
    for (const c of l.confidence) expect(c > 0 && c <= 1).toBe(true);
    // The loss at the centre of the b = 0 row is the clean cross-entropy.
    const ce = tf.tidy(() => tf.neg(tf.gather(tf.logSoftmax(m.model(x)).squeeze(), cleanPred)));
    expect(l.lossAlong[4]).toBeCloseTo((await ce.data())[0]!, 4);
    expect(landscapeRgb(l.pred, l.confidence)).toHaveLength(81 * 3);
    tf.dispose([clean, attack, plane.d1, plane.d2, x, ce]);
    m.dispose();
  });

  it('grows the loss along a loss-ascending direction', async () => {
    const m = tenClass(12);
    const x = image(13);
    const g = await inputGradient(m.model, x, 3);
    const attack = tf.tidy(() => tf.sign(tf.tensor4d(g, [...SHAPE])) as tf.Tensor4D);
    const plane = planeDirections(attack, 3);
    const l = await computeLandscape(m.model, x, plane, { size: 5, radius: 0.05, reference: 3, batch: 3 });
    expect(l.lossAlong[4]).toBeGreaterThan(l.lossAlong[2]!);
    expect(l.lossAlong[2]).toBeGreaterThan(l.lossAlong[0]!);
    tf.dispose([x, attack, plane.d1, plane.d2]);
    m.dispose();
  });

  it('gives the same answers with batches that adapt to a time per batch', async () => {
    const m = tenClass(18);
    const x = image(19);
    const attack = signs(20);
    const plane = planeDirections(attack, 5);
    const fixed = await computeLandscape(m.model, x, plane, { size: 9, radius: 0.1, reference: 1 });
    const progress: number[] = [];
    const adapted = await computeLandscape(m.model, x, plane, {
      size: 9,
      radius: 0.1,
      reference: 1,
      batch: 1,
      batchMs: 1e-6,
      onProgress: (p) => progress.push(p),
    });
    expect(Array.from(adapted.pred)).toEqual(Array.from(fixed.pred));
    expect(Array.from(adapted.lossAlong)).toEqual(Array.from(fixed.lossAlong));
    expect(progress).toHaveLength(81); // a tiny budget: one point per batch
    tf.dispose([x, attack, plane.d1, plane.d2]);
    m.dispose();
  });

  it('adapts its batch to powers of two within the grid', () => {
    expect(adaptedBatch(40, 1, 41)).toBe(32);
    expect(adaptedBatch(40, 10, 41)).toBe(4);
    expect(adaptedBatch(40, 1000, 41)).toBe(1);
    expect(adaptedBatch(40, 0, 41)).toBe(32);
  });

  it('stops with an AbortError when cancelled, leaking nothing', async () => {
    const m = tenClass(14);
    const x = image(15);
    const attack = tf.onesLike(x) as tf.Tensor4D;
    const plane = planeDirections(attack, 4);
    const ctl = new AbortController();
    const run = computeLandscape(m.model, x, plane, {
      size: 7,
      radius: 0.1,
      reference: 0,
      signal: ctl.signal,
      onProgress: (p) => p > 0.3 && ctl.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    tf.dispose([x, attack, plane.d1, plane.d2]);
    m.dispose();
  });
});

describe('the gradient maps', () => {
  it("is the gradient of the cross-entropy at the given class (checked against tfjs's own loss)", async () => {
    const m = tenClass(16);
    const x = image(17);
    const g = await inputGradient(m.model, x, 2);
    expect(g).toHaveLength(D);
    const expected = tf.tidy(() => {
      const xv = tf.variable(x);
      const grad = tf.grad((v: tf.Tensor) => tf.losses.softmaxCrossEntropy(tf.oneHot([2], 10), m.model(v as tf.Tensor4D)))(xv);
      xv.dispose();
      return grad;
    });
    const e = await vec(expected);
    for (let i = 0; i < D; i++) expect(g[i]).toBeCloseTo(e[i]!, 5);
    tf.dispose([x, expected]);
    m.dispose();
  });

  it('draws magnitude and sign as bytes, saturating above the percentile', () => {
    const grad = new Float32Array(300 * 3);
    for (let i = 0; i < grad.length; i++) grad[i] = Math.sin(i) * 1e-3;
    grad[0] = grad[1] = grad[2] = 1; // one huge pixel must not wash out the others
    const mag = magnitudeRgb(grad);
    const signed = signedRgb(grad);
    expect(mag).toHaveLength(grad.length);
    expect(signed).toHaveLength(grad.length);
    expect(mag[0]).toBe(255);
    const greys = Array.from({ length: 300 }, (_, p) => mag[3 * p]!);
    expect(greys.filter((v) => v > 64).length).toBeGreaterThan(100);
    // Pixel 0 pushes the loss up when brightened: pure red.
    expect([signed[0], signed[1], signed[2]]).toEqual([255, 0, 0]);
    const zero = signedRgb(new Float32Array(12));
    expect(Array.from(zero)).toEqual(new Array(12).fill(255));
  });
});
