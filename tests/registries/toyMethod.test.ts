// A new training method needs its descriptor and its step, keyed by the same kind: a toy method added to copies of
// the app's tables meets the same derivations the app uses (form fields, validation, flags, the bench) and runs.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  METHOD_STEPS,
  TRAINING_METHODS,
  adversarialCount,
  methodEps,
  methodParametersIn,
  passesPerStep,
  trainStep,
  validateMethod,
  type MethodDescriptor,
  type MethodStep,
  type MethodTable,
  type StepTable,
} from '../../src/training/index.ts';
import { methodFromFlags, methodToFlags } from '../../src/training/flags.ts';
import { benchTraining } from '../../src/bench/trainingBench.ts';
import { useBackend } from '../../node/tfBackend.ts';

/** Training on uniformly noisy copies of the images: a method the app does not have. */
interface NoiseMethod {
  kind: 'noise';
  eps: number;
  mixRatio: number;
}

const NOISE: MethodDescriptor<NoiseMethod> = {
  kind: 'noise',
  name: 'Noise augmentation',
  help: () => 'Uniform noise in the eps-ball: no gradient, so no robustness to speak of.',
  defaults: (eps) => ({ kind: 'noise', eps, mixRatio: 0.5 }),
  parameters: {
    eps: TRAINING_METHODS.pgd.parameters.eps,
    mixRatio: TRAINING_METHODS.pgd.parameters.mixRatio,
  },
  passesPerStep: () => ({ attack: 0, weights: 1 }),
  adversarialShare: (m) => m.mixRatio,
  trainingEps: (m) => m.eps,
  replays: () => 1,
};

const NOISE_STEP: MethodStep<NoiseMethod> = {
  inputs: async (_, m, x, __, count, seed) =>
    tf.tidy(() => {
      const noise = tf.randomUniform([count, ...x.shape.slice(1)], -m.eps, m.eps, 'float32', seed);
      const head = tf.clipByValue(tf.add(tf.slice(x, 0, count), noise), 0, 1);
      return (count === x.shape[0] ? head : tf.concat([head, tf.slice(x, count)])) as tf.Tensor4D;
    }),
  objective: METHOD_STEPS.pgd.objective as unknown as MethodStep<NoiseMethod>['objective'],
};

// The two entries.
const TABLE: MethodTable = { ...TRAINING_METHODS, noise: NOISE };
const STEPS: StepTable = { ...METHOD_STEPS, noise: NOISE_STEP as MethodStep<never> };

/** 10 classes on 4x4x1 images: the bench's reference passes assume 10 logits. */
function tenClassModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [4, 4, 1] }), tf.layers.dense({ units: 10, kernelInitializer: 'glorotUniform' })],
  });
  return model;
}

let x: tf.Tensor4D;
const labels = [0, 1, 2, 3, 4, 5, 6, 7];
beforeAll(async () => {
  await useBackend('cpu');
  x = tf.randomUniform([8, 4, 4, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
});
afterAll(() => x.dispose());

describe('a toy training method added to the tables', () => {
  it('gets form fields from its specs', () => {
    const fields = methodParametersIn(TABLE, NOISE.defaults(8 / 255));
    expect(fields.map(([f, s]) => [f, s.label])).toEqual([
      ['eps', 'Epsilon'],
      ['mixRatio', 'Adversarial share of each batch'],
    ]);
  });

  it('is validated against its specs', () => {
    expect(() => validateMethod(NOISE.defaults(8 / 255), TABLE)).not.toThrow();
    expect(() => validateMethod({ kind: 'noise', eps: 2, mixRatio: 1 }, TABLE)).toThrow(/^eps: must be <= 1/);
    expect(() => validateMethod({ kind: 'noise', eps: 0.1, mixRatio: 1, beta: 6 }, TABLE)).toThrow(/^beta: not a parameter of noise/);
    expect(() => validateMethod({ kind: 'noise', eps: 0.1, mixRatio: 1 })).toThrow(/^method: unknown method "noise"/);
  });

  it('reads and writes its flags in shown units', () => {
    const method = methodFromFlags('noise', { eps: '4', mixRatio: '25' }, TABLE);
    expect(method).toEqual({ kind: 'noise', eps: 4 / 255, mixRatio: 0.25 });
    const flags = methodToFlags(method, TABLE);
    expect(flags).toEqual(['--method', 'noise', '--eps', '4', '--mixRatio', '25']);
    const back: Record<string, string> = {};
    for (let i = 2; i < flags.length; i += 2) back[flags[i]!.slice(2)] = flags[i + 1]!;
    expect(methodFromFlags('noise', back, TABLE)).toEqual(method);
    expect(() => methodFromFlags('noise', { steps: '3' }, TABLE)).toThrow(/^--steps: not a parameter of noise/);
    expect(() => methodFromFlags('noise', { mixRatio: '150' }, TABLE)).toThrow(/^--mixRatio: /);
  });

  it('trains through trainStep without leaking, and the bench times it', async () => {
    const model = tenClassModel();
    const optimizer = new tf.SGDOptimizer(0.1);
    const method = NOISE.defaults(0.1);
    await trainStep(model, optimizer, { x, labels }, method, { weightDecay: 0, seed: 0, steps: STEPS, methods: TABLE }); // first uses of ops
    const before = tf.memory().numTensors;
    const r = await trainStep(model, optimizer, { x, labels }, method, { weightDecay: 0, seed: 1, steps: STEPS, methods: TABLE });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.adversarial).toBe(4);
    expect(passesPerStep(method, TABLE)).toEqual({ attack: 0, weights: 1 });
    expect(adversarialCount(method, 8, TABLE)).toBe(4);
    expect(methodEps(method, TABLE)).toBe(0.1);
    const rows = await benchTraining(model, x, labels, { steps: 1, methods: [method], table: TABLE, stepTable: STEPS });
    expect(rows.map((row) => [row.method, row.batch, row.attackPasses, row.weightPasses])).toEqual([['noise', 8, 0, 1]]);
    expect(rows[0]!.imagesPerSecond).toBeGreaterThan(0);
    optimizer.dispose();
    model.dispose();
  });
});
