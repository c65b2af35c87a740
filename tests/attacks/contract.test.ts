// One contract table over every registered attack, on a small classifier trained here on a synthetic task:
// untargeted, accuracy falls; targeted (where defined), success on the target rises.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ATTACKS, ATTACK_KINDS, defaultsFor, runAttack, type AttackConfig, type AttackKind } from '../../src/attacks/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { TINY_CLASSES, agreement, trainTinyClassifier } from './helpers/models.ts';

type Trained = Awaited<ReturnType<typeof trainTinyClassifier>>;
let tiny: Trained;
let cleanAccuracy = 0;
let cleanPred: number[] = [];

beforeAll(async () => {
  await useBackend('cpu'); // train on exact CPU gradients
  tiny = await trainTinyClassifier(1);
  await useBackend('wasm');
  const pred = tf.tidy(() => tf.argMax(tiny.model(tiny.x), 1));
  cleanPred = Array.from(await pred.data());
  pred.dispose();
  cleanAccuracy = agreement(cleanPred, tiny.labels);
});
afterAll(() => tiny.dispose());

/** Configs for this task: the literature defaults with budgets that fit 4x4x3 images (prototypes ~0.2 apart). */
const CONFIGS: [string, AttackConfig][] = [
  ['fgsm linf', { ...defaultsFor('fgsm', 'linf'), eps: 0.15 }],
  ['fgsm l2', { ...defaultsFor('fgsm', 'l2'), eps: 1.0 }],
  ['pgd linf', { ...defaultsFor('pgd', 'linf'), eps: 0.15, stepSize: 0.04 }],
  ['pgd l2', { ...defaultsFor('pgd', 'l2'), eps: 1.0, stepSize: 0.25 }],
  ['apgd-ce linf', { ...defaultsFor('apgd', 'linf'), eps: 0.15, steps: 20 }],
  ['apgd-dlr linf', { ...defaultsFor('apgd', 'linf'), eps: 0.15, steps: 20, loss: 'dlr' } as AttackConfig],
  ['apgd-t linf', { ...defaultsFor('apgd', 'linf'), eps: 0.15, steps: 10, loss: 'dlr-t' } as AttackConfig],
  ['square linf', { ...defaultsFor('square', 'linf'), eps: 0.15, queries: 300 }],
  ['square l2', { ...defaultsFor('square', 'l2'), eps: 1.0, queries: 300 }],
  ['apgd-ce l2', { ...defaultsFor('apgd', 'l2'), eps: 1.0, steps: 20 }],
  ['deepfool l2', defaultsFor('deepfool', 'l2')],
  ['deepfool linf', defaultsFor('deepfool', 'linf')],
  ['cw', { ...defaultsFor('cw'), learningRate: 0.05 }],
];

test('the table covers every registered attack', () => {
  expect(new Set(CONFIGS.map(([, c]) => c.kind))).toEqual(new Set<AttackKind>(ATTACK_KINDS));
});

test('the trained classifier is accurate', () => {
  expect(tiny.trainAccuracy).toBeGreaterThan(0.95);
  expect(cleanAccuracy).toBeGreaterThan(0.9);
});

describe.each(CONFIGS)('%s', (_, config) => {
  test('untargeted: accuracy falls', async () => {
    const res = await runAttack(tiny.model, tiny.x, tiny.labels, config, { seed: 1 });
    const advAccuracy = agreement(res.advPred, tiny.labels);
    if (process.env.ATTACK_FIGURES) console.log(config.kind, 'norm' in config ? config.norm : '', 'clean', cleanAccuracy, 'adv', advAccuracy);
    expect(advAccuracy).toBeLessThan(cleanAccuracy / 2);
    expect(res.success.filter(Boolean).length / res.success.length).toBeGreaterThan(0.5);
    res.adversarial.dispose();
  });
});

describe.each(CONFIGS.filter(([, c]) => ATTACKS[c.kind].targeted))('%s', (_, config) => {
  test('targeted: success on the target rises', async () => {
    const target = tiny.labels.map((l, i) => (l + 1 + (i % (TINY_CLASSES - 1))) % TINY_CLASSES);
    const res = await runAttack(tiny.model, tiny.x, tiny.labels, config, { target, seed: 1 });
    const before = agreement(cleanPred, target);
    const after = agreement(res.advPred, target);
    if (process.env.ATTACK_FIGURES) console.log(config.kind, 'norm' in config ? config.norm : '', 'target before', before, 'after', after);
    expect(after).toBeGreaterThan(before + 0.3);
    expect(res.success).toEqual(res.advPred.map((p, i) => p === target[i]));
    res.adversarial.dispose();
  });
});
