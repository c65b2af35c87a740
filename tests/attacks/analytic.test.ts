// Exact checks on hand-weighted linear models, where every attack's answer is known in closed form.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { runAttack, type CarliniWagnerConfig } from '../../src/attacks/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { binaryAffine, dot, expectBatchMatchesAlone, linearModel, rng, uniformArray } from './helpers/models.ts';

const SHAPE: [number, number, number] = [2, 2, 3];
const D = 12;

beforeAll(async () => {
  await useBackend('cpu');
});

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** d(cross-entropy of class y)/dx for logits W x + b, in float64. */
function ceGradient(W: number[][], b: number[], x: number[], y: number): number[] {
  const z = W.map((row, k) => row.reduce((s, w, i) => s + w * x[i]!, b[k]!));
  const p = softmax(z);
  return x.map((_, i) => W.reduce((s, row, k) => s + (p[k]! - (k === y ? 1 : 0)) * row[i]!, 0));
}

const norm2 = (a: number[]) => Math.sqrt(dot(a, a));
const norm1 = (a: number[]) => a.reduce((s, v) => s + Math.abs(v), 0);

async function imagesOf(t: tf.Tensor4D): Promise<number[][]> {
  const d = await t.data();
  return Array.from({ length: t.shape[0] }, (_, i) => Array.from(d.subarray(i * D, (i + 1) * D)));
}

describe('FGSM equals its closed form', () => {
  // Weights bounded away from zero so the gradient's sign is unambiguous.
  const r = rng(11);
  const W = Array.from({ length: 3 }, () => uniformArray(r, D, 0.3, 1.5).map((v) => (r() < 0.5 ? -v : v)));
  const b = [0.2, -0.1, 0.05];
  const xs = Array.from({ length: 5 }, () => uniformArray(r, D, 0, 1));

  test.each([
    ['linf', undefined],
    ['l2', undefined],
    ['linf', 'targeted'],
    ['l2', 'targeted'],
  ] as const)('%s %s', async (norm, mode) => {
    const { model, dispose } = linearModel(W, b);
    const x = tf.tensor4d(xs.flat(), [xs.length, ...SHAPE]);
    const labels = xs.map((xi) => {
      const z = W.map((row, k) => dot(row, xi) + b[k]!);
      return z.indexOf(Math.max(...z));
    });
    const target = mode ? labels.map((l) => (l + 1) % 3) : undefined;
    const eps = norm === 'linf' ? 0.1 : 0.7;
    const res = await runAttack(model, x, labels, { kind: 'fgsm', norm, eps }, { target });
    const got = await imagesOf(res.adversarial);
    xs.forEach((xi, n) => {
      const g = ceGradient(W, b, xi, target ? target[n]! : labels[n]!).map((v) => (target ? -v : v));
      const dir = norm === 'linf' ? g.map(Math.sign) : g.map((v) => v / norm2(g));
      const expected = xi.map((v, i) => Math.min(1, Math.max(0, v + eps * dir[i]!)));
      for (let i = 0; i < D; i++) expect(got[n]![i]!).toBeCloseTo(expected[i]!, 5);
    });
    expect(res.steps).toEqual(xs.map(() => 1));
    res.adversarial.dispose();
    x.dispose();
    dispose();
  });
});

describe('DeepFool on affine classifiers', () => {
  // Points in the middle of the box and a boundary close enough that [0,1] clipping never applies.
  const r = rng(5);
  const w = uniformArray(r, D, 0.5, 1.5).map((v) => (r() < 0.5 ? -v : v));
  const xs = Array.from({ length: 6 }, () => uniformArray(r, D, 0.4, 0.6));
  const c = -dot(w, xs[0]!) + 0.15; // f = w.x + c is small for all of them

  test.each([0, 0.02, 0.3])('L2 moves (1 + overshoot) |f(x)| / ||w|| along w, overshoot %s', async (overshoot) => {
    const { model, dispose } = binaryAffine(w, c);
    const x = tf.tensor4d(xs.flat(), [xs.length, ...SHAPE]);
    const f = xs.map((xi) => dot(w, xi) + c);
    const labels = f.map((v) => (v > 0 ? 1 : 0));
    const res = await runAttack(model, x, labels, { kind: 'deepfool', norm: 'l2', steps: 50, overshoot, candidates: 10 });
    const got = await imagesOf(res.adversarial);
    f.forEach((fi, n) => {
      const expected = (1 + overshoot) * (Math.abs(fi) / norm2(w) + 1e-4); // foolbox adds 1e-4 to each step's length
      expect(res.norms[n]!.l2).toBeCloseTo(expected, 5);
      expect(Math.abs(res.norms[n]!.l2 - ((1 + overshoot) * Math.abs(fi)) / norm2(w))).toBeLessThan(2e-4);
      // Along w, towards the other side.
      const delta = got[n]!.map((v, i) => v - xs[n]![i]!);
      expect((dot(delta, w) / (norm2(delta) * norm2(w))) * -Math.sign(fi)).toBeGreaterThan(0.9999);
    });
    expect(res.success.every(Boolean)).toBe(true);
    expect(res.steps).toEqual(xs.map(() => 1));
    res.adversarial.dispose();
    x.dispose();
    dispose();
  });

  test('L-infinity moves (1 + overshoot) |f(x)| / ||w||_1 along sign(w)', async () => {
    const { model, dispose } = binaryAffine(w, c);
    const x = tf.tensor4d(xs.flat(), [xs.length, ...SHAPE]);
    const f = xs.map((xi) => dot(w, xi) + c);
    const labels = f.map((v) => (v > 0 ? 1 : 0));
    const res = await runAttack(model, x, labels, { kind: 'deepfool', norm: 'linf', steps: 50, overshoot: 0.02, candidates: 2 });
    const got = await imagesOf(res.adversarial);
    f.forEach((fi, n) => {
      const size = 1.02 * (Math.abs(fi) / norm1(w) + 1e-4);
      expect(res.norms[n]!.linf).toBeCloseTo(size, 5);
      // Every entry moves by that size, along -sign(f) sign(w).
      got[n]!.forEach((v, i) => expect(v - xs[n]![i]!).toBeCloseTo(-Math.sign(fi) * Math.sign(w[i]!) * size, 5));
    });
    expect(res.success.every(Boolean)).toBe(true);
    res.adversarial.dispose();
    x.dispose();
    dispose();
  });

  test('three classes: it crosses the nearest boundary, into that class', async () => {
    const W = Array.from({ length: 3 }, () => uniformArray(r, D, -1, 1));
    const x0 = uniformArray(r, D, 0.45, 0.55);
    const z = W.map((row) => dot(row, x0));
    const top = z.indexOf(Math.max(...z));
    // Put two boundaries at different, small distances from x0.
    const b = [0, 0, 0];
    const others = [0, 1, 2].filter((k) => k !== top);
    const gaps = [0.06, 0.1];
    others.forEach((k, j) => {
      const wk = W[k]!.map((v, i) => v - W[top]![i]!);
      b[k] = z[top]! - z[k]! - gaps[j]! * norm2(wk);
    });
    const { model, dispose } = linearModel(W, b);
    const x = tf.tensor4d(x0, [1, ...SHAPE]);
    const res = await runAttack(model, x, [top], { kind: 'deepfool', norm: 'l2', steps: 50, overshoot: 0.02, candidates: 3 });
    expect(res.advPred[0]).toBe(others[0]);
    expect(res.norms[0]!.l2).toBeCloseTo(1.02 * (gaps[0]! + 1e-4), 5);
    res.adversarial.dispose();
    x.dispose();
    dispose();
  });
});

describe('C&W L2 approaches the minimal distance |f(x)| / ||w||', () => {
  test('binary affine classifier', async () => {
    const r = rng(8);
    const w = uniformArray(r, D, 0.5, 1.5).map((v) => (r() < 0.5 ? -v : v));
    const xs = Array.from({ length: 4 }, () => uniformArray(r, D, 0.35, 0.65));
    const c = -dot(w, xs[0]!) + 0.3;
    const { model, dispose } = binaryAffine(w, c);
    const x = tf.tensor4d(xs.flat(), [xs.length, ...SHAPE]);
    const f = xs.map((xi) => dot(w, xi) + c);
    const labels = f.map((v) => (v > 0 ? 1 : 0));
    const config: CarliniWagnerConfig = {
      kind: 'cw',
      steps: 300,
      binarySearchSteps: 8,
      initialConst: 0.1,
      confidence: 0,
      learningRate: 0.005,
      abortEarly: true,
    };
    const res = await runAttack(model, x, labels, config);
    f.forEach((fi, n) => {
      const minimal = Math.abs(fi) / norm2(w);
      expect(res.success[n]).toBe(true);
      expect(res.norms[n]!.l2).toBeGreaterThanOrEqual(minimal * (1 - 1e-4));
      expect(res.norms[n]!.l2).toBeLessThan(minimal * 1.01);
    });
    res.adversarial.dispose();
    x.dispose();
    dispose();
  });

  test('confidence kappa pushes the logit margin past kappa', async () => {
    const r = rng(9);
    const w = uniformArray(r, D, 0.5, 1.5);
    const x0 = uniformArray(r, D, 0.4, 0.6);
    const c = -dot(w, x0) - 0.2; // label 0, f = -0.2
    const { model, dispose } = binaryAffine(w, c);
    const x = tf.tensor4d(x0, [1, ...SHAPE]);
    const kappa = 0.5;
    const res = await runAttack(model, x, [0], {
      kind: 'cw',
      steps: 300,
      binarySearchSteps: 6,
      initialConst: 1,
      confidence: kappa,
      learningRate: 0.01,
      abortEarly: true,
    });
    const adv = (await imagesOf(res.adversarial))[0]!;
    expect(res.success[0]).toBe(true);
    expect(dot(w, adv) + c).toBeGreaterThanOrEqual(kappa);
    // ... and not much further than needed: the minimal distance for margin kappa is (kappa + 0.2)/||w||.
    expect(res.norms[0]!.l2).toBeLessThan(((kappa + 0.2) / norm2(w)) * 1.1);
    res.adversarial.dispose();
    x.dispose();
    dispose();
  });
});

describe('C&W abort-early is per image', () => {
  test("an image's result does not depend on the batch it runs in; images stop at their own steps", async () => {
    const r = rng(12);
    const W = Array.from({ length: 3 }, () => uniformArray(r, D, -1, 1));
    const { model, dispose } = linearModel(W, [0, 0, 0]);
    const xs = Array.from({ length: 5 }, () => uniformArray(r, D, 0.2, 0.8));
    const logits = xs.map((xi) => W.map((w) => dot(w, xi)));
    const labels = logits.map((z) => z.indexOf(Math.max(...z)));
    const config: CarliniWagnerConfig = {
      kind: 'cw',
      steps: 60,
      binarySearchSteps: 3,
      initialConst: 0.1,
      confidence: 0,
      learningRate: 0.01,
      abortEarly: true,
    };
    const batch = await expectBatchMatchesAlone(model, xs, labels, config, SHAPE);
    // Abort-early stopped some image before the full budget, and not all at the same step.
    expect(Math.min(...batch.steps)).toBeLessThan(config.steps * config.binarySearchSteps);
    expect(new Set(batch.steps).size).toBeGreaterThan(1);
    // Stopped images leave the computation: the batch used fewer whole-batch passes than steps.
    expect(batch.gradientEvaluations).toBeLessThan(Math.max(...batch.steps));
    dispose();
  });
});

describe('PGD without random start', () => {
  const r = rng(21);
  const W = Array.from({ length: 3 }, () => uniformArray(r, D, -1, 1));
  const xs = Array.from({ length: 6 }, () => uniformArray(r, D, 0, 1));

  test.each(['linf', 'l2'] as const)('%s: moves at most steps * stepSize', async (norm) => {
    const { model, dispose } = linearModel(W, [0, 0, 0]);
    const x = tf.tensor4d(xs.flat(), [xs.length, ...SHAPE]);
    const labels = xs.map(() => 0);
    for (const [steps, stepSize] of [
      [1, 0.03],
      [3, 0.02],
      [7, 0.01],
    ] as const) {
      const res = await runAttack(model, x, labels, { kind: 'pgd', norm, eps: 1, steps, stepSize, randomStart: false, restarts: 1 });
      for (const nrm of res.norms) expect(nrm[norm]).toBeLessThanOrEqual(steps * stepSize + 1e-6);
      res.adversarial.dispose();
    }
    x.dispose();
    dispose();
  });

  test('on a binary linear classifier it moves exactly min(steps * stepSize, eps) along sign(w)', async () => {
    const w = uniformArray(r, D, 0.5, 1).map((v) => (r() < 0.5 ? -v : v));
    const x0 = uniformArray(r, D, 0.4, 0.6);
    const { model, dispose } = binaryAffine(w, -dot(w, x0) - 5); // label 0, far from the boundary
    const x = tf.tensor4d(x0, [1, ...SHAPE]);
    for (const [steps, eps] of [
      [4, 0.1],
      [10, 0.05],
    ] as const) {
      const res = await runAttack(model, x, [0], { kind: 'pgd', norm: 'linf', eps, steps, stepSize: 0.02, randomStart: false, restarts: 1 });
      const adv = (await imagesOf(res.adversarial))[0]!;
      const expected = Math.min(steps * 0.02, eps);
      adv.forEach((v, i) => expect(v - x0[i]!).toBeCloseTo(Math.sign(w[i]!) * expected, 5));
      res.adversarial.dispose();
    }
    x.dispose();
    dispose();
  });
});

describe('C&W when nothing succeeds', () => {
  test('returns x itself, success false', async () => {
    const w = new Array(D).fill(1);
    const x0 = uniformArray(rng(3), D, 0.2, 0.8);
    const { model, dispose } = binaryAffine(w, -100); // f < 0 everywhere in [0,1]^12: class 1 is out of reach
    const x = tf.tensor4d(x0, [1, ...SHAPE]);
    const res = await runAttack(model, x, [0], {
      kind: 'cw',
      steps: 20,
      binarySearchSteps: 3,
      initialConst: 1,
      confidence: 0,
      learningRate: 0.1,
      abortEarly: false,
    });
    expect(res.success).toEqual([false]);
    expect(Array.from(await res.adversarial.data())).toEqual(Array.from(await x.data()));
    expect(res.norms[0]).toEqual({ l0: 0, l2: 0, linf: 0 });
    res.adversarial.dispose();
    x.dispose();
    dispose();
  });
});

describe('C&W on an image that is already adversarial', () => {
  test('returns it at once, unchanged, beside images that search', async () => {
    const r = rng(5);
    const w = uniformArray(r, D, 0.5, 1.5);
    const xs = Array.from({ length: 2 }, () => uniformArray(r, D, 0.4, 0.6));
    // Image 0 is on the label's side (f < 0: class 0); image 1 the model already calls class 1, not its label 0.
    const c = -(dot(w, xs[0]!) + dot(w, xs[1]!)) / 2;
    const [f0, f1] = xs.map((xi) => dot(w, xi) + c);
    expect(f0! < 0 && f1! > 0).toBe(true);
    const { model, dispose } = binaryAffine(w, c);
    const x = tf.tensor4d(xs.flat(), [2, ...SHAPE]);
    const config: CarliniWagnerConfig = {
      kind: 'cw',
      steps: 50,
      binarySearchSteps: 3,
      initialConst: 1,
      confidence: 0,
      learningRate: 0.01,
      abortEarly: false,
    };
    const res = await runAttack(model, x, [0, 0], config);
    expect(res.steps[1]).toBe(0);
    expect(res.steps[0]).toBe(config.steps * config.binarySearchSteps);
    expect(res.success).toEqual([true, true]);
    expect(res.norms[1]).toEqual({ l0: 0, l2: 0, linf: 0 });
    const [, adv1] = await imagesOf(res.adversarial);
    adv1!.forEach((v, i) => expect(v).toBeCloseTo(xs[1]![i]!, 6));
    // Targeted, already the target: the same.
    const targeted = await runAttack(model, x, [0, 0], config, { target: [1, 1] });
    expect(targeted.steps[1]).toBe(0);
    expect(targeted.norms[1]!.l2).toBe(0);
    tf.dispose([res.adversarial, targeted.adversarial, x]);
    dispose();
  });
});
