// What the Trainer shows of the game and its price: the attacker and the two losses on watched batches, a strip of
// adversarial images with the model's answers, periodic checks held to a share of the running time, and a final
// check with per-class figures that Stop skips.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test, vi } from 'vitest';
import { Trainer, methodDefaults, tensorData, type TrainingConfig, type TrainingEvaluation, type TrainingGame } from '../../src/training/index.ts';
import { TINY_EPS, tinyModel, useTinySets } from './helpers/tinyTask.ts';

const sets = useTinySets([64, 8], [16, 9]);

const FAST: Partial<TrainingConfig> = { method: methodDefaults('fast', TINY_EPS), batchSize: 8, learningRate: 0.05, evalEvery: 0 };

describe('the game on watched batches', () => {
  test('every few steps: both losses, the attacker success rate among images the model got right, and the strip', async () => {
    const model = tinyModel(2);
    const games: TrainingGame[] = [];
    const before = tf.memory().numTensors;
    await new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      { ...FAST, budget: { examples: 80 } },
      {
        watch: { every: 3, strip: 4 },
        onGame: (g) => games.push(g),
      },
    ).start();
    expect(tf.memory().numTensors).toBe(before);
    // Watched before the update of steps 1, 4, 7 and 10 (0-based 0, 3, 6, 9), reported with the step count after it.
    expect(games.map((g) => g.step)).toEqual([1, 4, 7, 10]);
    for (const g of games) {
      expect(g.adversarialLoss).toBeGreaterThan(g.cleanLoss); // the attack raises the loss it ascends
      expect(g.attackerSuccess).toBeGreaterThanOrEqual(0);
      expect(g.attackerSuccess).toBeLessThanOrEqual(1);
      expect(g.cleanCorrect).toBeLessThanOrEqual(8);
      expect(g.strip.images).toHaveLength(4 * 16);
      expect(g.strip.labels).toHaveLength(4);
      expect(g.strip.predictions).toHaveLength(4);
      expect(g.strip.predictions.every((p) => p === 0 || p === 1)).toBe(true);
    }
    // A share of whole images: fooled / right.
    for (const g of games) expect(Math.abs(g.attackerSuccess * g.cleanCorrect - Math.round(g.attackerSuccess * g.cleanCorrect))).toBeLessThan(1e-6);
    model.dispose();
  });
});

describe('held-out checks', () => {
  /** A stub check slow enough that a 20% share of the time holds some checks back. */
  const slow = async () => {
    await new Promise((r) => setTimeout(r, 40));
    return { cleanAccuracy: 0.5, robustAccuracy: 0.2 };
  };

  test('evalTimeShare holds the periodic checks to that share of the running time', async () => {
    const model = tinyModel(3);
    const evals: TrainingEvaluation[] = [];
    // A check that costs about four steps' time: at a 20% share at most one in every ~16 steps fits.
    const report = await new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      { ...FAST, budget: { examples: 8 * 60 }, evalEvery: 1, evalTimeShare: 0.2 },
      {
        evaluator: slow,
        onEvaluation: (e) => evals.push(e),
      },
    ).start();
    expect(report.steps).toBe(60);
    // Without the share, evalEvery 1 would check 61 times; the first and the last check always run.
    expect(evals.length).toBeGreaterThanOrEqual(2);
    expect(evals.length).toBeLessThan(30);
    model.dispose();
  });

  test('"at most every N steps", as the form says: a held-back check comes later, never sooner; the last step is always checked', async () => {
    const model = tinyModel(3);
    const steps: number[] = [];
    await new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      { ...FAST, budget: { examples: 8 * 40 }, evalEvery: 3, evalTimeShare: 0.2 },
      {
        evaluator: slow,
        onEvaluation: (e) => steps.push(e.step),
      },
    ).start();
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(40);
    // Fewer than every 3 steps would give (40 / 3 + 2 checks); each gap before the last check is 3 steps or more.
    expect(steps.length).toBeLessThan(15);
    for (let i = 1; i < steps.length - 1; i++) expect(steps[i]! - steps[i - 1]!).toBeGreaterThanOrEqual(3);
    model.dispose();
  });

  test('the built-in check measures clean, FGSM and PGD and says on how many images with which attack', async () => {
    const model = tinyModel(4);
    const evals: TrainingEvaluation[] = [];
    await new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      { ...FAST, budget: { examples: 16 } },
      { evalSet: sets.held, onEvaluation: (e) => evals.push(e) },
    ).start();
    expect(evals).toHaveLength(2);
    for (const e of evals) {
      expect(e.images).toBe(16);
      expect(e.attack).toBe('PGD-10');
      expect(e.fgsmAccuracy).toBeGreaterThanOrEqual(e.robustAccuracy);
    }
    model.dispose();
  });

  test('a final check after the last step: clean and PGD-10 on the final set, per class; then the job ends', async () => {
    const model = tinyModel(5);
    const evals: TrainingEvaluation[] = [];
    const statuses: string[] = [];
    const progress: number[] = [];
    const report = await new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      { ...FAST, budget: { examples: 16 } },
      {
        finalSet: sets.held,
        onEvaluation: (e) => evals.push(e),
        onStatus: (s) => statuses.push(s),
        onCheckProgress: (f) => progress.push(f),
      },
    ).start();
    expect(statuses).toEqual(['running', 'checking', 'finished']);
    expect(report.outcome).toBe('completed');
    const final = report.evaluations.at(-1)!;
    expect(final.final).toBe(true);
    expect(final.images).toBe(16);
    expect(final.attack).toBe('PGD-10');
    expect(final.perClass!.counts).toEqual([8, 8, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Per-class figures average back to the whole.
    expect((final.perClass!.clean[0]! + final.perClass!.clean[1]!) / 2).toBeCloseTo(final.cleanAccuracy, 10);
    expect((final.perClass!.robust[0]! + final.perClass!.robust[1]!) / 2).toBeCloseTo(final.robustAccuracy, 10);
    expect(progress.at(-1)).toBe(1);
    expect(evals).toEqual(report.evaluations);
    model.dispose();
  });

  test('Stop during the final check skips it: the job ends without the final figure', async () => {
    const model = tinyModel(6);
    const trainer: Trainer = new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      { ...FAST, budget: { examples: 16 } },
      {
        finalSet: sets.held,
        onStatus: (s) => s === 'checking' && trainer.stop(),
      },
    );
    const spy = vi.fn();
    const report = await trainer.start().then((r) => (spy(), r));
    expect(spy).toHaveBeenCalled();
    expect(report.outcome).toBe('completed');
    expect(report.evaluations.some((e) => e.final)).toBe(false);
    model.dispose();
  });
});
