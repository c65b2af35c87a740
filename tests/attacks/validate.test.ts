// Entry validation, the defaults table and the registry.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ATTACKS,
  ATTACK_DEFAULTS,
  ATTACK_KINDS,
  AttackInputError,
  PARAMETERS,
  defaultsFor,
  formatParameter,
  parameterList,
  parameterSpec,
  runAttack,
  validateConfig,
  type AttackConfig,
  type NumberParameter,
} from '../../src/attacks/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { linearModel, type TestModel } from './helpers/models.ts';

let lin: TestModel;
let x: tf.Tensor4D;
beforeAll(async () => {
  await useBackend('wasm');
  // 10 classes on 2x2x3 images.
  lin = linearModel(
    Array.from({ length: 10 }, (_, k) => Array.from({ length: 12 }, (_, i) => Math.sin(k * 12 + i))),
    new Array(10).fill(0),
  );
  x = tf.fill([2, 2, 2, 3], 0.5) as tf.Tensor4D;
});
afterAll(() => {
  lin.dispose();
  x.dispose();
});

const bad = (config: object) => config as unknown as AttackConfig;

describe('a bad config throws a RangeError naming the field', () => {
  test.each([
    ['eps', { ...ATTACK_DEFAULTS.fgsm, eps: -0.1 }],
    ['eps', { ...ATTACK_DEFAULTS.pgd, eps: Number.NaN }],
    ['eps', { ...ATTACK_DEFAULTS.pgd, eps: Infinity }],
    ['eps', { ...ATTACK_DEFAULTS.pgd, eps: 2 }], // linf eps beyond the [0,1] box
    ['steps', { ...ATTACK_DEFAULTS.pgd, steps: 0 }],
    ['steps', { ...ATTACK_DEFAULTS.cw, steps: 2.5 }],
    ['steps', { ...ATTACK_DEFAULTS.deepfool, steps: Number.NaN }],
    ['stepSize', { ...ATTACK_DEFAULTS.pgd, stepSize: -1 }],
    ['restarts', { ...ATTACK_DEFAULTS.pgd, restarts: 0 }],
    ['randomStart', { ...ATTACK_DEFAULTS.pgd, randomStart: 'yes' }],
    ['overshoot', { ...ATTACK_DEFAULTS.deepfool, overshoot: -0.5 }],
    ['candidates', { ...ATTACK_DEFAULTS.deepfool, candidates: 1 }],
    ['binarySearchSteps', { ...ATTACK_DEFAULTS.cw, binarySearchSteps: 0 }],
    ['initialConst', { ...ATTACK_DEFAULTS.cw, initialConst: 0 }],
    ['confidence', { ...ATTACK_DEFAULTS.cw, confidence: -1 }],
    ['learningRate', { ...ATTACK_DEFAULTS.cw, learningRate: Number.NaN }],
    ['abortEarly', { ...ATTACK_DEFAULTS.cw, abortEarly: 1 }],
    ['norm', { ...ATTACK_DEFAULTS.pgd, norm: 'l1' }],
    ['kind', { ...ATTACK_DEFAULTS.pgd, kind: 'jsma' }],
    ['epsilon', { ...ATTACK_DEFAULTS.fgsm, epsilon: 0.1 }],
  ])('%s', async (field, config) => {
    expect(() => validateConfig(bad(config))).toThrow(RangeError);
    expect(() => validateConfig(bad(config))).toThrow(new RegExp(`^${field}: `));
    const before = tf.memory().numTensors;
    await expect(runAttack(lin.model, x, [0, 0], bad(config))).rejects.toThrow(RangeError);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a missing field is named', () => {
    const { eps: _, ...rest } = ATTACK_DEFAULTS.fgsm;
    expect(() => validateConfig(bad(rest))).toThrow(/^eps: /);
  });
});

describe('targets', () => {
  test.each([
    ['equal to the label', [3, 5], [3, 4], /target\[0\]: .*equals the label/],
    ['outside 0..9', [3, 5], [4, 10], /target\[1\]: .*0\.\.9/],
    ['negative', [3, 5], [-1, 4], /target\[0\]/],
    ['not an integer', [3, 5], [1.5, 4], /target\[0\]/],
    ['one per image', [3, 5], [4], /target: /],
  ])('%s', async (_, labels, target, message) => {
    const before = tf.memory().numTensors;
    await expect(runAttack(lin.model, x, labels, ATTACK_DEFAULTS.pgd, { target })).rejects.toThrow(RangeError);
    await expect(runAttack(lin.model, x, labels, ATTACK_DEFAULTS.pgd, { target })).rejects.toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('DeepFool is untargeted only', async () => {
    await expect(runAttack(lin.model, x, [0, 0], ATTACK_DEFAULTS.deepfool, { target: [1, 1] })).rejects.toThrow(/^target: /);
  });

  test('a label outside the classes', async () => {
    await expect(runAttack(lin.model, x, [0, 12], ATTACK_DEFAULTS.fgsm)).rejects.toThrow(/labels\[1\]/);
  });
});

describe('bad inputs throw a clear error', () => {
  test.each([
    ['values above 1', () => tf.fill([2, 2, 2, 3], 255), /\[0,1\].*255/],
    ['values below 0', () => tf.fill([2, 2, 2, 3], -0.5), /\[0,1\]/],
    ['NaN pixels', () => tf.fill([2, 2, 2, 3], Number.NaN), /\[0,1\]/],
    ['rank 3', () => tf.fill([2, 2, 3], 0.5), /shape/],
    ['int32 pixels', () => tf.fill([2, 2, 2, 3], 0, 'int32'), /float32/],
  ])('%s', async (_, make, message) => {
    const bad = make() as tf.Tensor4D;
    const before = tf.memory().numTensors;
    await expect(runAttack(lin.model, bad, [0, 0], ATTACK_DEFAULTS.fgsm)).rejects.toThrow(AttackInputError);
    await expect(runAttack(lin.model, bad, [0, 0], ATTACK_DEFAULTS.fgsm)).rejects.toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    bad.dispose();
  });

  test('labels must match the batch', async () => {
    await expect(runAttack(lin.model, x, [0], ATTACK_DEFAULTS.fgsm)).rejects.toThrow(/one class per image/);
  });

  test('a disposed input', async () => {
    const gone = tf.fill([2, 2, 2, 3], 0.5) as tf.Tensor4D;
    gone.dispose();
    await expect(runAttack(lin.model, gone, [0, 0], ATTACK_DEFAULTS.fgsm)).rejects.toThrow(/disposed/);
  });
});

describe('defaults and parameter table', () => {
  test('literature defaults', () => {
    expect(ATTACK_DEFAULTS.fgsm).toEqual({ kind: 'fgsm', norm: 'linf', eps: 8 / 255 });
    expect(ATTACK_DEFAULTS.pgd).toMatchObject({ norm: 'linf', eps: 8 / 255, stepSize: 2 / 255, steps: 10, randomStart: true });
    expect(defaultsFor('pgd', 'l2')).toMatchObject({ norm: 'l2', eps: 0.5, stepSize: 0.1, steps: 10 });
    expect(ATTACK_DEFAULTS.deepfool).toMatchObject({ steps: 50, overshoot: 0.02, candidates: 10 });
    expect(ATTACK_DEFAULTS.cw).toMatchObject({ learningRate: 0.01, confidence: 0, abortEarly: true, binarySearchSteps: 5, steps: 100 });
  });

  test.each(
    ATTACK_KINDS.flatMap(
      (k) =>
        [
          [k, 'linf'],
          [k, 'l2'],
        ] as const,
    ),
  )('%s %s: defaults validate and lie in their ranges', (kind, norm) => {
    const config = defaultsFor(kind, norm);
    expect(() => validateConfig(config)).not.toThrow();
    expect(Object.keys(PARAMETERS[kind]).sort()).toEqual(
      Object.keys(config)
        .filter((k) => k !== 'kind')
        .sort(),
    );
    for (const [field, spec] of parameterList(config)) {
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.description.length).toBeGreaterThan(0);
      if (spec.type !== 'number') continue;
      const v = (config as unknown as Record<string, number>)[field]!;
      expect(v).toBeGreaterThanOrEqual(spec.min);
      expect(v).toBeLessThanOrEqual(spec.max);
      expect(spec.step).toBeGreaterThan(0);
      // The UI range is accepted by validation.
      const lim = spec.limit ?? { min: spec.min, max: spec.max };
      expect(spec.min).toBeGreaterThanOrEqual(lim.min);
      expect(spec.max).toBeLessThanOrEqual(lim.max);
      for (const bound of [spec.min, spec.max]) {
        expect(() => validateConfig({ ...config, [field]: bound } as AttackConfig), `${field} = ${bound}`).not.toThrow();
      }
    }
  });

  test('L-infinity eps is shown in /255, L2 eps as a plain number', () => {
    const linf = parameterSpec('pgd', 'eps', 'linf') as NumberParameter;
    const l2 = parameterSpec('pgd', 'eps', 'l2') as NumberParameter;
    expect(linf.unit).toBe('/255');
    expect(formatParameter(linf, 8 / 255)).toBe('8/255');
    expect(formatParameter(linf, 0.25 / 255)).toBe('0.25/255');
    expect(formatParameter(l2, 0.5)).toBe('0.5');
  });
});

describe('registry', () => {
  test('every kind with defaults has an attack, and each attack runs', async () => {
    expect([...ATTACK_KINDS].sort()).toEqual(Object.keys(ATTACK_DEFAULTS).sort());
    for (const kind of ATTACK_KINDS) {
      expect(ATTACKS[kind].kind).toBe(kind);
      const config = { ...defaultsFor(kind), ...(kind === 'cw' ? { steps: 3, binarySearchSteps: 1 } : {}) } as AttackConfig;
      const res = await runAttack(lin.model, x, [0, 0], config);
      expect(res.adversarial.shape).toEqual(x.shape);
      res.adversarial.dispose();
    }
  });
});
