// Cancellation, progress reports, yielding to the event loop and reproducible random starts.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ATTACK_DESCRIPTORS, ATTACK_KINDS, defaultsFor, runAttack, type AttackConfig, type AttackStep } from '../../src/attacks/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { rng, uniformArray, type TestModel } from './helpers/models.ts';
import { randomConvModel } from './helpers/randomModel.ts';

const SHAPE: [number, number, number] = [4, 4, 3];
let net: TestModel;
let x: tf.Tensor4D;
const labels = [0, 1, 2];

beforeAll(async () => {
  await useBackend('wasm');
  net = randomConvModel(SHAPE, 4, 9);
  x = tf.tensor4d(uniformArray(rng(4), 3 * 48, 0, 1), [3, ...SHAPE]);
  tf.tidy(() => net.model(x));
});
afterAll(() => {
  net.dispose();
  x.dispose();
});

/** Enough steps that an attack is still running when it is cancelled. */
function longConfig(kind: (typeof ATTACK_KINDS)[number]): AttackConfig {
  const c = defaultsFor(kind) as AttackConfig;
  if (c.kind === 'pgd') return { ...c, steps: 20, restarts: 3 };
  if (c.kind === 'deepfool') return { ...c, overshoot: 0, steps: 50 };
  if (c.kind === 'cw') return { ...c, steps: 50, binarySearchSteps: 3, abortEarly: false };
  return c;
}

describe.each(ATTACK_KINDS.filter((k) => k !== 'fgsm'))('%s', (kind) => {
  test('cancels between steps with an AbortError and leaks nothing', async () => {
    const controller = new AbortController();
    let seen = 0;
    const before = tf.memory().numTensors;
    const run = runAttack(net.model, x, labels, longConfig(kind), {
      signal: controller.signal,
      onStep: () => {
        seen++;
        if (seen === 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeGreaterThanOrEqual(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(x.isDisposed).toBe(false);
  });

  test('reports every step of every image, with progress up to 1', async () => {
    const steps: AttackStep[] = [];
    const res = await runAttack(net.model, x, labels, longConfig(kind), { onStep: (s) => steps.push(s) });
    expect(steps.length).toBe(res.trajectory.flat().length);
    expect(steps.length).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) expect(steps.filter((s) => s.image === i)).toEqual(res.trajectory[i]);
    const progress = steps.map((s) => s.progress);
    expect(Math.min(...progress)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...progress)).toBeLessThanOrEqual(1);
    res.adversarial.dispose();
  });
});

test('an already aborted signal rejects before any work', async () => {
  const controller = new AbortController();
  controller.abort();
  const before = tf.memory().numTensors;
  await expect(runAttack(net.model, x, labels, defaultsFor('fgsm'), { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  expect(tf.memory().numTensors).toBe(before);
});

test('the event loop runs between steps', async () => {
  let stepsWhenTimerFired = -1;
  let steps = 0;
  setTimeout(() => (stepsWhenTimerFired = steps), 0);
  const res = await runAttack(net.model, x, labels, { ...defaultsFor('pgd'), steps: 30 }, { onStep: (s) => s.image === 0 && steps++ });
  expect(stepsWhenTimerFired).toBeGreaterThanOrEqual(0);
  expect(stepsWhenTimerFired).toBeLessThan(steps);
  res.adversarial.dispose();
});

describe('seeded random starts', () => {
  const config = { ...defaultsFor('pgd'), steps: 2, randomStart: true } as AttackConfig;
  test.each(['linf', 'l2'] as const)('%s: the same seed gives the same result, another seed another', async (norm) => {
    const c = { ...config, ...defaultsFor('pgd', norm), steps: 2 } as AttackConfig;
    const a = await runAttack(net.model, x, labels, c, { seed: 42 });
    const b = await runAttack(net.model, x, labels, c, { seed: 42 });
    const d = await runAttack(net.model, x, labels, c, { seed: 43 });
    const [da, db, dd] = await Promise.all([a.adversarial.data(), b.adversarial.data(), d.adversarial.data()]);
    expect(Array.from(db)).toEqual(Array.from(da));
    expect(Array.from(dd)).not.toEqual(Array.from(da));
    [a, b, d].forEach((r) => r.adversarial.dispose());
  });
});

test('every registered attack reports what it used', async () => {
  for (const kind of ATTACK_KINDS) {
    const res = await runAttack(net.model, x, labels, longConfig(kind));
    expect(res.elapsedMs).toBeGreaterThan(0);
    const most = Math.max(...res.steps);
    if (ATTACK_DESCRIPTORS[kind].counts === 'queries') {
      // Square sees no gradient: its steps are queries (forward passes).
      expect(res.gradientEvaluations).toBe(0);
    } else if (kind === 'deepfool') {
      // Candidates' gradients on copies of the images still moving, in units of the whole batch.
      expect(res.gradientEvaluations).toBeGreaterThan(0);
      expect(res.gradientEvaluations).toBeLessThanOrEqual(3 * most); // 4 classes: 3 candidates beside c0
    } else {
      // In units of one pass over the whole batch: the mean of the images' steps (C&W skips an image already
      // adversarial; the others take every step).
      const mean = res.steps.reduce((a, b) => a + b, 0) / res.steps.length;
      expect(res.gradientEvaluations).toBeCloseTo(kind === 'fgsm' ? 1 : mean, 9);
    }
    expect(most).toBeGreaterThan(0);
    res.adversarial.dispose();
  }
});
