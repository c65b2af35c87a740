// Every sentence the training panel says about the game and its price, from the figures it is given.
import { describe, expect, test } from 'vitest';
import { lossGap, priceNotice, whoIsAhead } from '../../src/components/training/gameWords.ts';
import type { GamePoint, TrainingPoint } from '../../src/state/trainingSlice.ts';

const game = (...success: number[]): GamePoint[] =>
  success.map((attackerSuccess, i) => ({ step: i * 5 + 1, examples: (i * 5 + 1) * 32, cleanLoss: 0.4, adversarialLoss: 2.1, attackerSuccess }));
const check = (cleanAccuracy: number): TrainingPoint => ({ step: 1, examples: 32, loss: 1, imagesPerSecond: 10, elapsedMs: 1, cleanAccuracy, robustAccuracy: 0.1, images: 100 });

describe('who is ahead', () => {
  test('nothing before the first watched batch', () => expect(whoIsAhead([])).toBeNull());
  test('the attacker, then the model, by the mean of the last three batches', () => {
    expect(whoIsAhead(game(0.9, 0.8, 0.7))).toBe('The attacker is ahead: it fools the model on 80% of the training images the model gets right.');
    expect(whoIsAhead(game(0.5, 0.4, 0.3))).toMatch(/^Neck and neck: the attacker fools the model on 40%/);
    expect(whoIsAhead(game(0.2, 0.1, 0.15))).toMatch(/^The model is ahead: the attacker fools it on only 15%/);
  });
  test('the trend since the start, once there are four batches', () => {
    expect(whoIsAhead(game(0.9, 0.7, 0.6, 0.5))).toMatch(/At the start it fooled 90%: the model is learning to resist this attack\.$/);
    expect(whoIsAhead(game(0.2, 0.3, 0.4, 0.5))).toMatch(/At the start it fooled 20%: the attack is winning ground\.$/);
    expect(whoIsAhead(game(0.5, 0.5, 0.5, 0.55))).not.toMatch(/At the start/);
  });
});

test('the two losses of the latest batch', () => {
  expect(lossGap([])).toBeNull();
  expect(lossGap(game(0.5))).toMatch(/^Loss on this batch: 2\.10 on its adversarial versions against 0\.40 on the clean images\./);
});

describe('the price notice', () => {
  test('only when clean accuracy has fallen by ten points or more since the start', () => {
    expect(priceNotice([check(0.85)], 0.92, { clean: 0.7, examples: 6400 })).toBeNull();
    expect(priceNotice([check(0.6)], 0.92, { clean: 0.71, examples: 6400 })).toBe(
      'Clean accuracy fell from 92% to 60%: this is the expected price of robustness. The model is giving up the features an attacker ' +
      'can flip with a tiny change, and those features also helped on clean images. In our measurement this recipe climbed back to 71% after 6,400 training images.',
    );
  });
  test('without a known starting figure it compares with the first check; no promise for a recipe of the user\'s own', () => {
    expect(priceNotice([check(0.9)], null, null)).toBeNull();
    expect(priceNotice([check(0.9), check(0.7)], null, null)).toMatch(/fell from 90% to 70%.*clean images\.$/);
    // Already above where the recipe ended: no "climbed back".
    expect(priceNotice([check(0.75)], 0.92, { clean: 0.71, examples: 6400 })).not.toMatch(/climbed back/);
  });
});
