// The price of robustness in figures (per class, margin of error) and the catastrophic-overfitting detector on
// synthetic runs.
import { describe, expect, test } from 'vitest';
import { DEFAULT_COLLAPSE_RULE, collapseKind } from '../../src/training/safety.ts';
import { attackName, classesByPrice, collapseAt, marginOfError, perClassAccuracy } from '../../src/training/index.ts';

describe('per-class accuracy', () => {
  test('counts each class apart, clean and robust', () => {
    const labels = [0, 0, 1, 1, 1, 2];
    const clean = [true, true, true, false, true, false];
    const robust = [true, false, false, false, true, false];
    const r = perClassAccuracy(clean, robust, labels, 4);
    expect(r.counts).toEqual([2, 3, 1, 0]);
    expect(r.clean.slice(0, 3)).toEqual([1, 2 / 3, 0]);
    expect(r.robust.slice(0, 3)).toEqual([0.5, 1 / 3, 0]);
    expect(r.clean[3]).toBeNaN();
    // Class 0 pays 0.5, class 1 pays 1/3, class 2 nothing; class 3 has no image.
    expect(classesByPrice(r)).toEqual([0, 1, 2]);
  });

  test('refuses results that do not match the labels', () => {
    expect(() => perClassAccuracy([true], [true, false], [0, 1])).toThrow(RangeError);
  });
});

describe('margin of error (95% Wilson)', () => {
  test('about 1.96 standard errors in the middle, shrinking as 1/sqrt(n)', () => {
    expect(marginOfError(0.5, 500)).toBeCloseTo(1.96 * Math.sqrt(0.25 / 500), 2);
    expect(marginOfError(0.3, 500)).toBeCloseTo(0.04, 2);
    expect(marginOfError(0.5, 64)).toBeGreaterThan(0.11);
    expect(marginOfError(0.5, 2000)).toBeLessThan(marginOfError(0.5, 500) / 1.9);
  });

  test('a figure of 0% or 100% on a small set still has a margin; no images, no knowledge', () => {
    expect(marginOfError(0, 64)).toBeGreaterThan(0.05);
    expect(marginOfError(1, 64)).toBeGreaterThan(0.05);
    expect(marginOfError(0.4, 0)).toBe(1);
  });
});

describe('the catastrophic-overfitting detector on a synthetic run', () => {
  // Fast-AT without a random start: PGD accuracy climbs, then collapses within two checks while FGSM accuracy soars.
  const collapsing = [
    { robustAccuracy: 0.0, fgsmAccuracy: 0.1 },
    { robustAccuracy: 0.18, fgsmAccuracy: 0.35 },
    { robustAccuracy: 0.24, fgsmAccuracy: 0.4 },
    { robustAccuracy: 0.11, fgsmAccuracy: 0.62 },
    { robustAccuracy: 0.01, fgsmAccuracy: 0.85 },
  ];
  test('catches it at the first check where PGD has halved while FGSM stands far above it', () => {
    expect(collapseAt(collapsing)).toBe(3);
    // Without the FGSM figures only the floor rule is left: one check later.
    expect(collapseAt(collapsing.map(({ robustAccuracy }) => ({ robustAccuracy })))).toBe(4);
  });

  test('a healthy run, and noise on a small set, are not a collapse', () => {
    const healthy = [0, 0.12, 0.2, 0.22, 0.26, 0.3].map((r) => ({ robustAccuracy: r, fgsmAccuracy: r + 0.12 }));
    expect(collapseAt(healthy)).toBe(-1);
    // A dip of a few points after a good check (FGSM close to PGD): noise, not overfitting.
    expect(collapseAt([{ robustAccuracy: 0.3, fgsmAccuracy: 0.4 }, { robustAccuracy: 0.2, fgsmAccuracy: 0.3 }])).toBe(-1);
    // The best never reached the floor, and FGSM stands close to PGD.
    expect(collapseAt([{ robustAccuracy: 0.06 }, { robustAccuracy: 0.01, fgsmAccuracy: 0.05 }])).toBe(-1);
    // At 16/255 from the standard model FGSM starts a few points above PGD's 0: not yet a sign of anything.
    expect(collapseAt([{ robustAccuracy: 0, fgsmAccuracy: 0.075 }, { robustAccuracy: 0.02, fgsmAccuracy: 0.12 }])).toBe(-1);
    expect(DEFAULT_COLLAPSE_RULE.fgsmGap).toBeGreaterThan(0);
  });

  test('a model that only ever learns to defeat FGSM is caught at the first check where FGSM stands 15 points above PGD', () => {
    // Fast-AT from x at 16/255: PGD never rises, FGSM accuracy climbs.
    const fgsmOnly = [[0.12, 0.0], [0.16, 0.005], [0.2, 0.02]].map(([fgsmAccuracy, robustAccuracy]) => ({ fgsmAccuracy: fgsmAccuracy!, robustAccuracy: robustAccuracy! }));
    expect(collapseAt(fgsmOnly)).toBe(1);
    expect(collapseKind(0.01, 0, DEFAULT_COLLAPSE_RULE, 0.22)).toBe('fgsm-only');
    expect(collapseKind(0.11, 0.24, DEFAULT_COLLAPSE_RULE, 0.62)).toBe('pgd-fell');
    // A gap of 20 points with PGD above half of FGSM: a strong model at a large eps, not masking.
    expect(collapseKind(0.45, 0.45, DEFAULT_COLLAPSE_RULE, 0.66)).toBeNull();
    // The standard model before training, at 4/255 (the class default) and 8/255: FGSM 14% and 11.5%, PGD about 0.
    expect(collapseKind(0.015, 0, DEFAULT_COLLAPSE_RULE, 0.14)).toBeNull();
    expect(collapseKind(0, 0, DEFAULT_COLLAPSE_RULE, 0.115)).toBeNull();
  });
});

test('attack names come from the attack registry', () => {
  expect(attackName({ kind: 'pgd', norm: 'linf', eps: 0.1, steps: 10, stepSize: 0.01, randomStart: true, restarts: 1 })).toBe('PGD-10');
  expect(attackName({ kind: 'fgsm', norm: 'linf', eps: 0.1 })).toBe('FGSM');
});
