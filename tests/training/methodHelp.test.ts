// The sentence the training form shows under the method: it describes the settings chosen, not the method's defaults.
import { expect, test } from 'vitest';
import { TRAINING_METHOD_KINDS, methodDefaults, methodHelp } from '../../src/training/methods.ts';

test('Fast-AT claims a random start only while it has one', () => {
  const fast = methodDefaults('fast', 8 / 255);
  expect(methodHelp(fast)).toMatch(/^FGSM from a random start \(Wong et al\. 2020\)/);
  const fromImage = methodHelp({ ...fast, randomStart: false });
  expect(fromImage).not.toMatch(/random start\b(?! off)/);
  expect(fromImage).toMatch(/^FGSM from the image itself \(random start off\)/);
});

test('PGD-AT names its own number of steps and gradients, and its random start only while it has one', () => {
  const pgd = methodDefaults('pgd', 8 / 255);
  expect(methodHelp(pgd)).toBe('PGD-7 examples (Madry et al. 2018), each from a random start: the classic, 8 gradients per example.');
  expect(methodHelp({ ...pgd, steps: 3, randomStart: false })).toBe('PGD-3 examples (Madry et al. 2018): the classic, 4 gradients per example.');
});

test('Free-AT names its own number of replays; every method has a sentence', () => {
  expect(methodHelp({ ...methodDefaults('free', 4 / 255), replays: 6 })).toMatch(/^Each batch replayed 6 times;/);
  for (const k of TRAINING_METHOD_KINDS) expect(methodHelp(methodDefaults(k)).length).toBeGreaterThan(20);
});
