// Every sentence the training panel says about the game and its price, from the figures it is given.
import { describe, expect, test } from 'vitest';
import { lossGap, priceNotice, whoIsAhead, type PriceFigures } from '../../src/components/training/gameWords.ts';
import type { GamePoint, TrainingPoint } from '../../src/state/trainingSlice.ts';

const game = (...success: number[]): GamePoint[] =>
  success.map((attackerSuccess, i) => ({ step: i * 5 + 1, examples: (i * 5 + 1) * 32, cleanLoss: 0.4, adversarialLoss: 2.1, attackerSuccess }));
const check = (cleanAccuracy: number): TrainingPoint => ({
  step: 1,
  examples: 32,
  loss: 1,
  imagesPerSecond: 10,
  elapsedMs: 1,
  cleanAccuracy,
  robustAccuracy: 0.1,
  images: 100,
});

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
  const CLASS = { clean: 0.71, examples: 6400 };
  const notice = (history: TrainingPoint[], startClean: number | null, more: Partial<PriceFigures> = {}) =>
    priceNotice({ history, startClean, final: null, measured: null, budget: 5000, ...more });

  test('only when clean accuracy has fallen by ten points or more since the start', () => {
    expect(notice([check(0.85)], 0.922, { measured: CLASS })).toBeNull();
    expect(notice([check(0.6)], 0.922, { measured: CLASS, budget: 6400 })).toBe(
      'Clean accuracy fell from 92.2% (the starting model) to 60.0% (the latest check): this is the expected price of robustness. The model is ' +
        'giving up the features an attacker can flip with a tiny change, and those features also helped on clean images. In our measurement a run ' +
        'of this recipe over 6,400 training images ended at 71.0% clean.',
    );
  });
  test('after the final check it speaks of the final check, the figure printed beside it, not of the last periodic check', () => {
    // The issue's run: the last 100-image check said 77%, the 500-image final check 71.8%.
    const text = notice([check(0.9), check(0.77)], 0.922, { final: { cleanAccuracy: 0.718 } })!;
    expect(text).toMatch(/^Clean accuracy fell from 92\.2% \(the starting model\) to 71\.8% \(the final check\):/);
    expect(text).not.toMatch(/77/);
    // A final check that fell less than the periodic one: no notice, whatever the periodic check said.
    expect(notice([check(0.7)], 0.922, { final: { cleanAccuracy: 0.85 } })).toBeNull();
  });
  test('a measured run of another budget is said with both budgets', () => {
    expect(notice([check(0.6)], 0.922, { measured: CLASS, budget: 5000 })).toMatch(
      /In our measurement a run of this recipe over 6,400 training images \(this run's budget: 5,000 training images\) ended at 71\.0% clean\.$/,
    );
  });
  test("without a known starting figure it compares with the first check; no promise for a recipe of the user's own", () => {
    expect(notice([check(0.9)], null)).toBeNull();
    expect(notice([check(0.9), check(0.7)], null)).toMatch(/fell from 90\.0% \(the first check\) to 70\.0% \(the latest check\).*clean images\.$/);
    expect(notice([check(0.9)], null, { final: { cleanAccuracy: 0.7 } })).toMatch(
      /fell from 90\.0% \(the first check\) to 70\.0% \(the final check\)/,
    );
    // Already above where the recipe ended: nothing said of the measured run.
    expect(notice([check(0.75)], 0.922, { measured: CLASS })).not.toMatch(/In our measurement/);
  });
});
