// evaluate() and robustnessCurve() on a tiny trained model: eps 0 is clean accuracy, accuracy falls as eps
// grows (monotone by construction, and the raw FGSM figures agree with the engine's FGSM), progress reaches 1,
// an abort rejects, nothing leaks.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Trainer, methodDefaults, tensorData } from '../../src/training/index.ts';
import { evaluate, robustnessCurve } from '../../src/evaluation/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { disposeSet, tinyModel, tinySet, type TinySet } from '../training/helpers/tinyTask.ts';

const EPSILONS = [0, 0.05, 0.1, 0.2, 0.3];
let held: TinySet;
let trained: tf.LayersModel;
let untrained: tf.LayersModel;

beforeAll(async () => {
  await useBackend('cpu');
  held = tinySet(48, 12);
  const train = tinySet(128, 11);
  trained = tinyModel(21);
  untrained = tinyModel(22);
  await new Trainer(trained, tensorData(train.x, train.labels), {
    method: methodDefaults('clean'),
    budget: { examples: 512 },
    batchSize: 16,
    learningRate: 0.1,
    evalEvery: 0,
  }).start();
  disposeSet(train);
  tf.tidy(() => untrained.predict(held.x));
});
afterAll(() => {
  disposeSet(held);
  trained.dispose();
  untrained.dispose();
});

describe('evaluate', () => {
  test('clean accuracy in chunks equals accuracy in one pass; an attack lowers it', async () => {
    const whole = await evaluate(trained, held.x, held.labels, { batchSize: 1000 });
    const chunked = await evaluate(trained, held.x, held.labels, { batchSize: 7 });
    expect(chunked).toEqual(whole);
    expect(whole.accuracy).toBeGreaterThan(0.9);
    const attacked = await evaluate(trained, held.x, held.labels, { attack: { kind: 'fgsm', norm: 'linf', eps: 0.3 } });
    expect(attacked.accuracy).toBeLessThan(whole.accuracy);
    attacked.correct.forEach((c, i) => c && expect(whole.correct[i]).toBe(true));
  });
});

describe.each(['fgsm', 'pgd'] as const)('robustness curve, %s', (attack) => {
  test('starts at clean accuracy, never rises, ends lower; progress reaches 1', async () => {
    const clean = await evaluate(trained, held.x, held.labels);
    const cleanUntrained = await evaluate(untrained, held.x, held.labels);
    const fractions: number[] = [];
    const before = tf.memory().numTensors;
    const curve = await robustnessCurve(
      [
        { name: 'trained', model: trained },
        { name: 'untrained', model: untrained },
      ],
      held,
      {
        attack,
        epsilons: EPSILONS,
        steps: 5,
        batchSize: 20,
        onProgress: (p) => fractions.push(p.fraction),
      },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(curve.epsilons).toEqual(EPSILONS);
    expect(curve.curves.map((c) => c.name)).toEqual(['trained', 'untrained']);
    const [t, u] = curve.curves;
    expect(t!.accuracy[0]).toBe(clean.accuracy);
    expect(t!.rawAccuracy[0]).toBe(clean.accuracy);
    expect(u!.accuracy[0]).toBe(cleanUntrained.accuracy);
    for (const c of curve.curves) {
      c.accuracy.slice(1).forEach((a, i) => expect(a).toBeLessThanOrEqual(c.accuracy[i]!));
      c.accuracy.forEach((a, i) => expect(a).toBeLessThanOrEqual(c.rawAccuracy[i]!));
    }
    expect(t!.accuracy.at(-1)!).toBeLessThan(t!.accuracy[0]! - 0.3);
    expect(fractions.at(-1)).toBe(1);
    fractions.slice(1).forEach((f, i) => expect(f).toBeGreaterThan(fractions[i]!));
    if (attack === 'fgsm') {
      // One gradient re-used along eps gives exactly the engine's FGSM at each eps.
      const at = await evaluate(trained, held.x, held.labels, { attack: { kind: 'fgsm', norm: 'linf', eps: 0.1 } });
      expect(t!.rawAccuracy[2]).toBe(at.accuracy);
    }
  });
});

test('an aborted curve rejects with an AbortError and leaks nothing', async () => {
  const controller = new AbortController();
  const before = tf.memory().numTensors;
  const run = robustnessCurve([{ name: 'trained', model: trained }], held, {
    attack: 'pgd',
    epsilons: EPSILONS,
    steps: 5,
    batchSize: 16,
    signal: controller.signal,
    onProgress: (p) => p.fraction > 0.2 && controller.abort(),
  });
  await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  expect(tf.memory().numTensors).toBe(before);
});
