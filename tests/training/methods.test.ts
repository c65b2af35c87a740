// Every registered training method on a tiny task: the loss falls, and for each method that trains on adversarial
// examples, robust accuracy (PGD-10 at the training eps) rises from the untrained model's. Plus the pieces: the inner
// maximisations stay in the eps-ball and do their job, and a mix ratio of 0 is clean training.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AttackConfig } from '../../src/attacks/index.ts';
import {
  TRAINING_METHODS,
  TRAINING_METHOD_KINDS,
  Trainer,
  adversarialCount,
  inferenceFn,
  klDivergence,
  methodDefaults,
  methodEps,
  pgdExamples,
  readWeights,
  passesPerStep,
  tensorData,
  tradesExamples,
  trainStep,
  type MethodOf,
  type TrainingMethod,
  type TrainingMethodKind,
} from '../../src/training/index.ts';
import { evaluate } from '../../src/evaluation/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { TINY_EPS, disposeSet, tinyModel, tinySet, type TinySet } from './helpers/tinyTask.ts';

const PGD10: AttackConfig = { kind: 'pgd', norm: 'linf', eps: TINY_EPS, steps: 10, stepSize: TINY_EPS / 4, randomStart: true, restarts: 1 };
let train: TinySet;
let test_: TinySet;

beforeAll(async () => {
  await useBackend('cpu');
  train = tinySet(256, 1);
  test_ = tinySet(64, 2);
});
afterAll(() => {
  disposeSet(train);
  disposeSet(test_);
});

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/** What the tiny task changes of each method's defaults (fewer attack steps): a new method needs its entry. */
const TINY: { [K in TrainingMethodKind]: Partial<MethodOf<K>> } = {
  clean: {},
  fast: {},
  pgd: { steps: 3, stepSize: TINY_EPS / 2 },
  trades: { steps: 3, stepSize: TINY_EPS / 2 },
  free: {},
};
const METHODS = TRAINING_METHOD_KINDS.map((k) => ({ ...methodDefaults(k, TINY_EPS), ...TINY[k] }) as TrainingMethod);

describe('every method declares its adversarial share and epsilon', () => {
  test.each(METHODS)('$kind', (method) => {
    const d = TRAINING_METHODS[method.kind] as unknown as {
      adversarialShare(m: TrainingMethod): number;
      trainingEps(m: TrainingMethod): number | null;
    };
    const eps = d.trainingEps(method);
    expect(methodEps(method)).toBe(eps ?? 8 / 255);
    expect(adversarialCount(method, 128)).toBe(eps ? Math.round(d.adversarialShare(method) * 128) : 0);
    // Declared, not read off field names: the share and the eps are the method's own fields where it has them.
    if ('mixRatio' in method) expect(d.adversarialShare({ ...method, mixRatio: 0.25 } as TrainingMethod)).toBe(0.25);
    if ('eps' in method) expect(d.trainingEps({ ...method, eps: 3 / 255 } as TrainingMethod)).toBe(3 / 255);
  });
});

describe.each(METHODS)('$kind training on the tiny task', (method) => {
  const adversarial = adversarialCount(method, 16) > 0;
  test(adversarial ? 'lowers its loss and raises robust accuracy' : 'lowers its loss', async () => {
    const model = tinyModel(7);
    const robustBefore = (await evaluate(model, test_.x, test_.labels, { attack: PGD10 })).accuracy;
    const losses: number[] = [];
    const report = await new Trainer(
      model,
      tensorData(train.x, train.labels),
      {
        method,
        budget: { examples: 1024 },
        batchSize: 16,
        learningRate: 0.1,
        weightDecay: 0,
        evalEvery: 0,
      },
      { onProgress: (p) => losses.push(p.loss) },
    ).start();
    const clean = (await evaluate(model, test_.x, test_.labels)).accuracy;
    const robustAfter = (await evaluate(model, test_.x, test_.labels, { attack: PGD10 })).accuracy;
    model.dispose();
    expect(report.outcome).toBe('completed');
    expect(losses).toHaveLength(64);
    expect(mean(losses.slice(-6))).toBeLessThan(0.6 * mean(losses.slice(0, 6)));
    expect(clean).toBeGreaterThan(0.9);
    if (!adversarial) return;
    expect(robustBefore).toBeLessThan(0.5);
    expect(robustAfter).toBeGreaterThan(0.9);
  });
});

describe('inner maximisation', () => {
  test('PGD and TRADES examples stay in the eps-ball and [0,1], and raise their objectives', async () => {
    const model = tinyModel(3);
    const f = inferenceFn(model);
    const x = tf.slice(test_.x, 0, 32) as tf.Tensor4D;
    const labels = tf.tensor1d(test_.labels.slice(0, 32), 'int32');
    const before = tf.memory().numTensors;
    const pgd = await pgdExamples(f, x, labels, { eps: TINY_EPS, stepSize: TINY_EPS / 4, steps: 5, randomStart: true, seed: 1 });
    const trades = await tradesExamples(f, x, { eps: TINY_EPS, stepSize: TINY_EPS / 4, steps: 5, seed: 1 });
    const stats = tf.tidy(() => {
      const ce = (v: tf.Tensor4D) => tf.losses.softmaxCrossEntropy(tf.oneHot(labels, 2), f(v));
      return tf.stack([
        tf.max(tf.abs(tf.sub(pgd, x))),
        tf.min(pgd),
        tf.max(pgd),
        tf.max(tf.abs(tf.sub(trades, x))),
        tf.min(trades),
        tf.max(trades),
        ce(x),
        ce(pgd),
        tf.mean(klDivergence(f(x), f(x))),
        tf.mean(klDivergence(f(x), f(trades))),
      ]);
    });
    const [pgdDist, pgdMin, pgdMax, tradesDist, tradesMin, tradesMax, ceClean, cePgd, klClean, klTrades] = Array.from(await stats.data());
    tf.dispose([stats, pgd, trades]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, labels]);
    model.dispose();
    for (const d of [pgdDist!, tradesDist!]) expect(d).toBeLessThanOrEqual(TINY_EPS + 1e-6);
    expect(pgdDist!).toBeGreaterThan(TINY_EPS / 2);
    for (const v of [pgdMin!, tradesMin!]) expect(v).toBeGreaterThanOrEqual(0);
    for (const v of [pgdMax!, tradesMax!]) expect(v).toBeLessThanOrEqual(1);
    expect(cePgd!).toBeGreaterThan(ceClean!);
    expect(klClean!).toBeCloseTo(0, 6);
    expect(klTrades!).toBeGreaterThan(1e-4);
  });

  test('with mix ratio 0 an adversarial method is clean training, step for step', async () => {
    const batch = { x: tf.slice(train.x, 0, 32) as tf.Tensor4D, labels: train.labels.slice(0, 32) };
    const weightsAfter = async (method: TrainingMethod) => {
      const model = tinyModel(5);
      const opt = new tf.SGDOptimizer(0.1);
      for (let s = 0; s < 3; s++) await trainStep(model, opt, batch, method, { weightDecay: 5e-4, seed: s });
      const w = await readWeights(model);
      opt.dispose();
      model.dispose();
      return w.map((e) => Array.from(e.values));
    };
    const clean = await weightsAfter(methodDefaults('clean'));
    const mixed0 = await weightsAfter({ ...methodDefaults('fast', TINY_EPS), mixRatio: 0 });
    const full = await weightsAfter(methodDefaults('fast', TINY_EPS));
    batch.x.dispose();
    expect(mixed0).toEqual(clean);
    expect(full).not.toEqual(clean);
    expect(adversarialCount({ ...methodDefaults('pgd'), mixRatio: 0.5 }, 128)).toBe(64);
    expect(adversarialCount(methodDefaults('clean'), 128)).toBe(0);
  });
});

describe('cost of a step', () => {
  test('input-gradient and weight-gradient passes per method', () => {
    expect(passesPerStep(methodDefaults('clean'))).toEqual({ attack: 0, weights: 1 });
    expect(passesPerStep(methodDefaults('fast'))).toEqual({ attack: 1, weights: 1 });
    expect(passesPerStep({ ...methodDefaults('pgd'), steps: 3 })).toEqual({ attack: 3, weights: 1 });
    // TRADES' loss back-propagates through a clean and an adversarial forward pass.
    expect(passesPerStep({ ...methodDefaults('trades'), steps: 4 })).toEqual({ attack: 4, weights: 2 });
  });
});
