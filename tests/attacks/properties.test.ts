// Properties every attack must keep, over seeded random inputs and configs: output in [0,1], inside the
// eps-ball for the fixed-eps attacks, shapes kept, the input neither changed nor disposed, consistent
// results, no tensor left behind; eps = 0 returns x exactly.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ATTACKS,
  ATTACK_DESCRIPTORS,
  ATTACK_KINDS,
  L0_THRESHOLD,
  defaultsFor,
  parameterList,
  runAttack,
  type AttackConfig,
  type AttackKind,
  type Norm,
  type PgdConfig,
} from '../../src/attacks/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { predict, rng, uniformArray, type TestModel } from './helpers/models.ts';
import { randomConvModel } from './helpers/randomModel.ts';

const SHAPE: [number, number, number] = [4, 4, 3];
const D = 48;
const CLASSES = 5;
/** Small step budgets keep the suite fast; the ranges of everything else come from the parameter table. */
const BUDGET: Record<string, number> = { steps: 4, restarts: 2, binarySearchSteps: 2 };

let net: TestModel;
beforeAll(async () => {
  await useBackend('wasm');
  net = randomConvModel(SHAPE, CLASSES, 3);
  tf.tidy(() => net.model(tf.zeros([1, ...SHAPE]))); // build once, so later counts are stable
});
afterAll(() => net.dispose());

/** A random config of this kind: every number drawn from its UI range (step budgets capped). */
function randomConfig(kind: AttackKind, r: () => number): AttackConfig {
  const norm: Norm = r() < 0.5 ? 'linf' : 'l2';
  const config = defaultsFor(kind, norm) as unknown as Record<string, unknown>;
  for (const [field, spec] of parameterList(config as unknown as AttackConfig)) {
    if (spec.type === 'boolean') config[field] = r() < 0.5;
    if (spec.type !== 'number') continue;
    const max = Math.min(spec.max, BUDGET[field] ?? Infinity);
    let v = spec.min + (max - spec.min) * r();
    if (spec.logScale) v = spec.min * (max / spec.min) ** r();
    config[field] = spec.integer ? Math.round(v) : v;
  }
  return config as unknown as AttackConfig;
}

/** Pixels in [0,1] with some exactly 0 and 1, so clipping is exercised. */
function randomPixels(r: () => number, n: number): number[] {
  return uniformArray(r, n * D, -0.2, 1.2).map((v) => Math.min(1, Math.max(0, v)));
}

describe.each(ATTACK_KINDS)('%s', (kind) => {
  const r = rng(100 + ATTACK_KINDS.indexOf(kind));
  const cases = Array.from({ length: 6 }, (_, i) => ({ i, n: 1 + (i % 3), targeted: ATTACKS[kind].targeted && i % 2 === 1 }));

  test.each(cases)('random case $i (n=$n, targeted=$targeted)', async ({ n, targeted }) => {
    const config = randomConfig(kind, r);
    const pixels = randomPixels(r, n);
    const x = tf.tensor4d(pixels, [n, ...SHAPE]);
    const labels = await predict(net.model, x);
    const target = targeted ? labels.map((l, i) => (l + 1 + (i % (CLASSES - 1))) % CLASSES) : undefined;
    const before = tf.memory().numTensors;
    const res = await runAttack(net.model, x, labels, config, { target, seed: 7 });

    // Shapes and the untouched input.
    expect(res.adversarial.shape).toEqual(x.shape);
    expect(res.adversarial.dtype).toBe('float32');
    expect(x.isDisposed).toBe(false);
    expect(Array.from(await x.data())).toEqual(Array.from(new Float32Array(pixels)));

    // In [0,1] and, for fixed-eps attacks, in the eps-ball.
    const adv = await res.adversarial.data();
    const x32 = new Float32Array(pixels);
    for (const v of adv) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    for (let i = 0; i < n; i++) {
      const delta = Array.from(adv.subarray(i * D, (i + 1) * D), (v, j) => v - x32[i * D + j]!);
      const l2 = Math.sqrt(delta.reduce((s, v) => s + v * v, 0));
      const linf = Math.max(...delta.map(Math.abs));
      const l0 = delta.filter((v) => Math.abs(v) > L0_THRESHOLD).length;
      if (ATTACKS[kind].fixedEps && 'eps' in config) {
        expect(config.norm === 'linf' ? linf : l2).toBeLessThanOrEqual(config.eps + 1e-6);
      }
      // The reported norms are the norms of adversarial - x.
      expect(res.norms[i]!.l2).toBeCloseTo(l2, 5);
      expect(res.norms[i]!.linf).toBeCloseTo(linf, 6);
      expect(Math.abs(res.norms[i]!.l0 - l0)).toBeLessThanOrEqual(1); // an entry exactly at the threshold may round either way
    }

    // Consistent per-image results.
    for (const key of ['success', 'cleanPred', 'advPred', 'cleanProbs', 'advProbs', 'norms', 'steps', 'trajectory'] as const) {
      expect(res[key]).toHaveLength(n);
    }
    expect(res.cleanPred).toEqual(labels);
    res.advPred.forEach((p, i) => expect(res.success[i]).toBe(target ? p === target[i] : p !== labels[i]));
    for (const probs of [...res.cleanProbs, ...res.advProbs]) {
      expect(probs).toHaveLength(CLASSES);
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    for (const t of res.trajectory) {
      for (const s of t) for (const v of [s.loss, s.margin, s.norm, s.pred, s.progress]) expect(Number.isFinite(v)).toBe(true);
    }
    // A gradient-free attack (Square) spends queries, forward passes only; the others gradients.
    if (ATTACK_DESCRIPTORS[kind].counts === 'queries') expect(res.gradientEvaluations).toBe(0);
    else expect(res.gradientEvaluations).toBeGreaterThan(0);

    res.adversarial.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('eps = 0 returns x exactly', () => {
  test.each([
    ['fgsm', 'linf'],
    ['fgsm', 'l2'],
    ['pgd', 'linf'],
    ['pgd', 'l2'],
  ] as const)('%s %s', async (kind, norm) => {
    const r = rng(5);
    const x = tf.tensor4d(randomPixels(r, 3), [3, ...SHAPE]);
    const config = { ...defaultsFor(kind, norm), eps: 0 } as AttackConfig;
    if (config.kind === 'pgd') config.randomStart = true;
    const res = await runAttack(net.model, x, [0, 1, 2], config, { seed: 1 });
    expect(Array.from(await res.adversarial.data())).toEqual(Array.from(await x.data()));
    expect(res.norms.every((m) => m.l0 === 0 && m.l2 === 0 && m.linf === 0)).toBe(true);
    res.adversarial.dispose();
    x.dispose();
  });
});

test('PGD restarts keep the best result per image: never fewer successes than one run', async () => {
  const r = rng(77);
  const n = 24;
  const x = tf.tensor4d(randomPixels(r, n), [n, ...SHAPE]);
  const labels = await predict(net.model, x);
  const config: PgdConfig = { ...defaultsFor('pgd', 'linf'), eps: 0.02, stepSize: 0.02 / 3, steps: 1 };
  const one = await runAttack(net.model, x, labels, config, { seed: 5 });
  const many = await runAttack(net.model, x, labels, { ...config, restarts: 8 }, { seed: 5 });
  // The first restart is the same run (same seed); later ones may only replace an image by a better one.
  one.success.forEach((s, i) => s && expect(many.success[i]).toBe(true));
  const margin = (res: typeof one, i: number) => res.trajectory[i]!.filter((s) => s.step === config.steps).map((s) => s.margin);
  for (let i = 0; i < n; i++) expect(Math.min(...margin(many, i))).toBeLessThanOrEqual(margin(one, i)[0]! + 1e-6);
  expect(many.success.filter(Boolean).length).toBeGreaterThan(one.success.filter(Boolean).length);
  one.adversarial.dispose();
  many.adversarial.dispose();
  x.dispose();
});
