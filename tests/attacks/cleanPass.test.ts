// runAttack's clean pass: attacks whose first step is the cross-entropy gradient at x take it from the clean
// pass (one model call fewer, the same result), it says which images an attack works on, and a malformed model
// output is still reported clearly.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AttackInputError, runAttack, type AttackConfig, type ModelFn } from '../../src/attacks/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { linearModel, rng, uniformArray, type TestModel } from './helpers/models.ts';

let lin: TestModel;
let x: tf.Tensor4D;
beforeAll(async () => {
  await useBackend('cpu');
  const r = rng(5);
  lin = linearModel(
    Array.from({ length: 3 }, () => uniformArray(r, 12, -1, 1)),
    [0, 0, 0],
  );
  x = tf.tensor4d(uniformArray(r, 24, 0.2, 0.8), [2, 2, 2, 3]);
});
afterAll(() => {
  lin.dispose();
  x.dispose();
});

/** The model, counting its calls. */
function counted(model: ModelFn): { model: ModelFn; calls: () => number } {
  let calls = 0;
  return { model: (v) => (calls++, model(v)), calls: () => calls };
}

test.each<[string, AttackConfig, number]>([
  // The clean pass (with the gradient) and the end point.
  ['FGSM', { kind: 'fgsm', norm: 'linf', eps: 0.05 }, 2],
  ['PGD from x', { kind: 'pgd', norm: 'l2', eps: 0.5, steps: 3, stepSize: 0.2, randomStart: false, restarts: 1 }, 4],
  // A random start does not begin at x: a plain clean pass, then a gradient per step.
  ['PGD from a random start', { kind: 'pgd', norm: 'l2', eps: 0.5, steps: 3, stepSize: 0.2, randomStart: true, restarts: 1 }, 5],
])('%s: %i model calls, and the clean result of a plain forward pass', async (_, config, expected) => {
  const before = tf.memory().numTensors;
  const m = counted(lin.model);
  const res = await runAttack(m.model, x, [0, 1], config, { seed: 3 });
  expect(m.calls()).toBe(expected);
  // The clean logits of the reused pass are those of a plain forward pass.
  const probs = tf.tidy(() => tf.softmax(lin.model(x)));
  expect(res.cleanProbs.flat()).toEqual(Array.from(await probs.data()));
  tf.dispose([probs, res.adversarial]);
  expect(tf.memory().numTensors).toBe(before);
});

test.each<AttackConfig>([
  { kind: 'fgsm', norm: 'linf', eps: 0.05 },
  { kind: 'deepfool', norm: 'l2', steps: 5, overshoot: 0.02, candidates: 3 },
])('a model that does not return [n, classes] logits is an AttackInputError ($kind), leaving no tensor', async (config) => {
  const before = tf.memory().numTensors;
  const flat: ModelFn = (v) => tf.tidy(() => tf.reshape(lin.model(v), [-1]) as unknown as tf.Tensor2D);
  await expect(runAttack(flat, x, [0, 1], config)).rejects.toThrow(AttackInputError);
  expect(tf.memory().numTensors).toBe(before);
});

test("the images an attack works on come from the clean pass, by the attack's rule", async () => {
  // Two classes, z1 - z0 = 0.5 at x: x is already misclassified for label 0, by a margin of 0.5.
  const m = linearModel(
    [
      [0, 0, 0],
      [0, 0, 0],
    ],
    [0, 0.5],
  );
  const one = tf.fill([1, 1, 1, 3], 0.5) as tf.Tensor4D;
  const cw = (confidence: number): AttackConfig => ({
    kind: 'cw',
    steps: 4,
    binarySearchSteps: 1,
    initialConst: 1,
    confidence,
    learningRate: 0.01,
    abortEarly: false,
  });
  const steps = async (config: AttackConfig) => {
    const r = await runAttack(m.model, one, [0], config, { seed: 1 });
    r.adversarial.dispose();
    return r.steps[0];
  };
  // DeepFool and C&W leave an image x already fools; C&W searches on where the margin is short of its confidence.
  expect(await steps({ kind: 'deepfool', norm: 'l2', steps: 4, overshoot: 0.02, candidates: 2 })).toBe(0);
  expect(await steps(cw(0))).toBe(0);
  expect(await steps(cw(1))).toBe(4);
  // PGD works on every image.
  expect(await steps({ kind: 'pgd', norm: 'linf', eps: 0.1, steps: 3, stepSize: 0.05, randomStart: false, restarts: 1 })).toBe(3);
  one.dispose();
  m.dispose();
});
