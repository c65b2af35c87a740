// The price of robustness in figures: per class, margin of error, the evaluation attack's short name.
import { describe, expect, test } from 'vitest';
import { attackName, classesByPrice, marginOfError, perClassAccuracy } from '../../src/evaluation/index.ts';

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

test('attack names come from the attack registry', () => {
  expect(attackName({ kind: 'pgd', norm: 'linf', eps: 0.1, steps: 10, stepSize: 0.01, randomStart: true, restarts: 1 })).toBe('PGD-10');
  expect(attackName({ kind: 'fgsm', norm: 'linf', eps: 0.1 })).toBe('FGSM');
});
