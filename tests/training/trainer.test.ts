// The Trainer as a page drives it: pause, resume, stop and abort land on the right step; no tensor leaks over
// 50 steps with evaluations; a NaN loss and a collapse of PGD accuracy stop the job and restore the last good
// weights; progress and evaluation reports add up.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import {
  Trainer,
  isCollapse,
  methodDefaults,
  readWeights,
  tensorData,
  type TrainingConfig,
  type TrainingData,
  type TrainingProgress,
} from '../../src/training/index.ts';
import { TINY_EPS, tinyModel, useTinySets } from './helpers/tinyTask.ts';

const sets = useTinySets([64, 8], [16, 9]);

const FAST: Partial<TrainingConfig> = { method: methodDefaults('fast', TINY_EPS), batchSize: 8, learningRate: 0.05, evalEvery: 0 };
const macrotasks = async (k: number) => {
  for (let i = 0; i < k; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('control', () => {
  test('the budget is an upper bound: whole batches within it, one at the least', () => {
    const model = tinyModel(1);
    const steps = (examples: number) => new Trainer(model, tensorData(sets.train.x, sets.train.labels), { ...FAST, budget: { examples } }).totalSteps;
    expect(steps(80)).toBe(10);
    expect(steps(87)).toBe(10);
    expect(steps(3)).toBe(1);
    model.dispose();
  });

  test('pause holds the job at the step it was asked at; resume finishes it', async () => {
    const model = tinyModel(1);
    const steps: number[] = [];
    const trainer: Trainer = new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      { ...FAST, budget: { examples: 80 } },
      {
        onProgress: (p) => {
          steps.push(p.step);
          if (p.step === 4) trainer.pause();
        },
      },
    );
    expect(trainer.totalSteps).toBe(10);
    const done = trainer.start();
    while (trainer.status !== 'paused' || steps.length < 4) await macrotasks(1);
    await macrotasks(20);
    expect(trainer.step).toBe(4);
    expect(steps).toEqual([1, 2, 3, 4]);
    trainer.resume();
    const report = await done;
    expect(report.outcome).toBe('completed');
    expect(report.steps).toBe(10);
    expect(report.examplesSeen).toBe(80);
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(trainer.status).toBe('finished');
    await expect(trainer.start()).rejects.toThrow(/one job/);
    model.dispose();
  });

  test('stop ends the job after the current step; stop while paused ends it too', async () => {
    const model = tinyModel(2);
    const trainer: Trainer = new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      { ...FAST, budget: { examples: 800 } },
      {
        onProgress: (p) => p.step === 3 && trainer.stop(),
      },
    );
    const report = await trainer.start();
    expect(report.outcome).toBe('stopped');
    expect(report.steps).toBe(3);

    const second: Trainer = new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      { ...FAST, budget: { examples: 800 } },
      {
        onProgress: (p) => p.step === 2 && second.pause(),
      },
    );
    const done = second.start();
    while (second.status !== 'paused') await macrotasks(1);
    await macrotasks(5);
    second.stop();
    const r2 = await done;
    expect(r2.outcome).toBe('stopped');
    expect(r2.steps).toBe(2);
    model.dispose();
  });

  test('an AbortSignal stops it between steps, and while paused', async () => {
    const model = tinyModel(3);
    const controller = new AbortController();
    const report = await new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      { ...FAST, budget: { examples: 800 } },
      {
        signal: controller.signal,
        onProgress: (p) => p.step === 5 && controller.abort(),
      },
    ).start();
    expect(report.outcome).toBe('aborted');
    expect(report.steps).toBe(5);

    const c2 = new AbortController();
    const paused: Trainer = new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      { ...FAST, budget: { examples: 800 } },
      {
        signal: c2.signal,
        onProgress: (p) => p.step === 1 && paused.pause(),
      },
    );
    const done = paused.start();
    while (paused.status !== 'paused') await macrotasks(1);
    c2.abort();
    expect((await done).outcome).toBe('aborted');
    model.dispose();
  });

  test('reports add up: examples, epochs, learning rates, evaluation steps, ETA reaching 0', async () => {
    const model = tinyModel(4);
    const progress: TrainingProgress[] = [];
    const evalSteps: number[] = [];
    const report = await new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      {
        ...FAST,
        budget: { epochs: 2 },
        evalEvery: 6,
        warmupFraction: 0.25,
      },
      {
        evalSet: sets.held,
        onProgress: (p) => progress.push(p),
        onEvaluation: (e) => evalSteps.push(e.step),
      },
    ).start();
    model.dispose();
    expect(report.outcome).toBe('completed');
    expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(progress.at(-1)!.epoch).toBe(2);
    expect(progress.at(-1)!.etaMs).toBe(0);
    expect(progress[3]!.learningRate).toBeCloseTo(0.05, 10);
    expect(progress[0]!.learningRate).toBeCloseTo(0.0125, 10);
    progress.forEach((p) => {
      expect(p.imagesPerSecond).toBeGreaterThan(0);
      expect(p.examplesSeen).toBe(8 * p.step);
    });
    // Before the first step, every 6 steps, and after the last.
    expect(evalSteps).toEqual([0, 6, 12, 16]);
    expect(report.evaluations.map((e) => e.step)).toEqual(evalSteps);
    report.evaluations.forEach((e) => {
      expect(e.cleanAccuracy).toBeGreaterThanOrEqual(e.robustAccuracy);
      expect(e.bestRobustAccuracy).toBeGreaterThanOrEqual(e.robustAccuracy);
    });
  });
});

describe('resources', () => {
  test('no tensor leaks across 50 steps with evaluations', async () => {
    const model = tinyModel(5);
    tf.tidy(() => model.predict(sets.held.x)); // build the model first
    const before = tf.memory().numTensors;
    const during: Record<number, number> = {};
    const report = await new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      {
        ...FAST,
        method: { ...methodDefaults('pgd', TINY_EPS), steps: 2 },
        budget: { examples: 400 },
        evalEvery: 10,
        flip: true,
      },
      {
        evalSet: sets.held,
        evalAttack: { kind: 'pgd', norm: 'linf', eps: TINY_EPS, steps: 2, stepSize: TINY_EPS / 2, randomStart: true, restarts: 1 },
        onProgress: (p) => (during[p.step] = tf.memory().numTensors),
      },
    ).start();
    expect(report.steps).toBe(50);
    // Flat while running (optimizer state and the last-good snapshot are fixed in size) ...
    expect(during[50]).toBe(during[10]);
    expect(during[30]).toBe(during[10]);
    // ... and back to the start once the job has freed them.
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('safety', () => {
  /** The training images, with NaN pixels from the `poisonAt`-th batch on. */
  function poisoned(poisonAt: number): TrainingData {
    const clean = tensorData(sets.train.x, sets.train.labels);
    let calls = 0;
    return {
      size: clean.size,
      batch(indices) {
        const b = clean.batch(indices) as { x: tf.Tensor4D; labels: number[] };
        if (++calls < poisonAt) return b;
        const x = tf.tidy(() => tf.mul(b.x, NaN) as tf.Tensor4D);
        b.x.dispose();
        return { x, labels: b.labels };
      },
    };
  }

  test('a NaN loss stops the job and restores the weights of the last good evaluation', async () => {
    const model = tinyModel(6);
    let atStep4: Awaited<ReturnType<typeof readWeights>> | null = null;
    const report = await new Trainer(
      model,
      poisoned(7),
      { ...FAST, budget: { examples: 800 }, evalEvery: 4 },
      {
        evaluator: async (m, step) => {
          if (step === 4) atStep4 = await readWeights(m);
          return { cleanAccuracy: 0.9, robustAccuracy: 0.5 };
        },
      },
    ).start();
    expect(report.outcome).toBe('nan');
    expect(report.steps).toBe(7);
    expect(report.restoredStep).toBe(4);
    expect(report.message).toMatch(/NaN at step 7/);
    expect(report.advice).toMatch(/learning rate/);
    expect(await readWeights(model)).toEqual(atStep4);
    model.dispose();
  });

  test('a huge learning rate blows the loss up: caught, and the starting weights come back', async () => {
    const model = tinyModel(7);
    const start = await readWeights(model);
    const report = await new Trainer(model, tensorData(sets.train.x, sets.train.labels), {
      ...FAST,
      budget: { examples: 800 },
      learningRate: 1e30,
      warmupFraction: 0,
    }).start();
    expect(report.outcome).toBe('nan');
    expect(report.steps).toBeLessThan(100);
    expect(report.restoredStep).toBe(0);
    expect(await readWeights(model)).toEqual(start);
    model.dispose();
  });

  test('a collapse of PGD accuracy (stub evaluation) stops the job and restores the weights before it', async () => {
    const model = tinyModel(8);
    const robust: Record<number, number> = { 0: 0, 3: 0.3, 6: 0.4, 9: 0.35, 12: 0.02 };
    let atStep9: Awaited<ReturnType<typeof readWeights>> | null = null;
    const report = await new Trainer(
      model,
      tensorData(sets.train.x, sets.train.labels),
      { ...FAST, budget: { examples: 800 }, evalEvery: 3 },
      {
        evaluator: async (m, step) => {
          if (step === 9) atStep9 = await readWeights(m);
          return { cleanAccuracy: 0.8, robustAccuracy: robust[step] ?? 0.4 };
        },
      },
    ).start();
    expect(report.outcome).toBe('collapse');
    expect(report.steps).toBe(12);
    expect(report.restoredStep).toBe(9);
    expect(report.message).toMatch(/Catastrophic overfitting at step 12/);
    expect(report.advice).toMatch(/smaller FGSM step/);
    expect(report.evaluations.map((e) => e.robustAccuracy)).toEqual([0, 0.3, 0.4, 0.35, 0.02]);
    expect(await readWeights(model)).toEqual(atStep9);
    model.dispose();
  });

  test('the collapse rule: a fall below half the best and below the floor, once the best reached the floor', () => {
    expect(isCollapse(0.02, 0.4)).toBe(true);
    expect(isCollapse(0.15, 0.4)).toBe(false); // above the floor
    expect(isCollapse(0.09, 0.15)).toBe(false); // not below half the best
    expect(isCollapse(0.01, 0.08)).toBe(false); // the best never reached the floor: noise
  });
});
