// The advice after catastrophic overfitting carries figures: each one must agree with the method's actual settings.
import { describe, expect, test } from 'vitest';
import { collapseReport } from '../../src/training/safety.ts';
import { methodDefaults, type TrainingMethod } from '../../src/training/methods.ts';
import { TRAINING_PRESETS } from '../../src/state/trainingPresets.ts';

const L255 = 1 / 255;
const adviceFor = (method: TrainingMethod) => collapseReport(method, 'fgsm-only', 0.02, 0.02, 40, 30, 0.3).advice;

/** Every "(A/255 now; ... B/255)" of a text: what it says the value is, and what it offers instead. */
const offers = (text: string) =>
  [...text.matchAll(/\(([\d.]+)\/255 now; [^)]*?([\d.]+)\/255\)/g)].map((m) => ({ now: Number(m[1]), offered: Number(m[2]) }));

describe('the advice after Fast-AT overfits', () => {
  test('the overfitting preset (no random start, step = eps = 16/255): the start back on, and a step and eps smaller than now', () => {
    const overfit = TRAINING_PRESETS.find((p) => p.id === 'overfit')!.settings.methods.fast;
    const advice = adviceFor(overfit);
    expect(advice).toBe(
      'Turn the random start back on (Wong et al. 2020: FGSM from the image itself is what overfits this way), use a smaller FGSM step ' +
        '(16.0/255 now; try 8.0/255), train at a smaller eps (16.0/255 now; try 8.0/255), or switch to PGD-AT or TRADES, which resist this failure.',
    );
  });

  test("a step above Wong et al.'s 1.25 eps is offered 1.25 eps; no word of the random start while it is on", () => {
    const advice = adviceFor({ ...methodDefaults('fast', 8 * L255), stepSize: 24 * L255 });
    expect(advice).toMatch(
      new RegExp(
        String.raw`^Use a smaller FGSM step \(24\.0\/255 now; Wong et al\. use 1\.25 eps = 10\.0\/255\), ` +
          String.raw`train at a smaller eps \(8\.0\/255 now; try 4\.0\/255\), or switch`,
      ),
    );
    expect(advice).not.toMatch(/random start/);
  });

  test('every value offered is smaller than the one now, over steps and epsilons on the sliders', () => {
    let seen = 0;
    for (const eps of [1, 2, 4, 8, 16]) {
      for (const step of [0.5, 1, 2.5, 5, 10, 16, 24]) {
        for (const randomStart of [true, false]) {
          const advice = adviceFor({ kind: 'fast', eps: eps * L255, stepSize: step * L255, randomStart, mixRatio: 1 });
          const pairs = offers(advice);
          for (const { now, offered } of pairs) expect(offered, advice).toBeLessThan(now);
          seen += pairs.length;
          expect(advice, advice).toMatch(/switch to PGD-AT or TRADES, which resist this failure\.$/i);
        }
      }
    }
    expect(seen).toBeGreaterThan(100);
  });

  test("at the sliders' smallest step and eps nothing smaller is offered", () => {
    const advice = adviceFor({ kind: 'fast', eps: L255, stepSize: 0.5 * L255, randomStart: true, mixRatio: 1 });
    expect(advice).toBe('Switch to PGD-AT or TRADES, which resist this failure.');
  });
});

describe('the advice after the other methods overfit', () => {
  test('PGD-AT: its eps and its number of attack steps', () => {
    expect(adviceFor(methodDefaults('pgd', 8 * L255))).toBe(
      'Lower the learning rate or eps (8.0/255 now), or use more attack steps (PGD-AT takes 7 now).',
    );
  });
  test('Free-AT has no attack steps to add', () => {
    expect(adviceFor(methodDefaults('free', 4 * L255))).toBe('Lower the learning rate or eps (4.0/255 now).');
  });
});
