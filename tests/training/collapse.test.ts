// The catastrophic-overfitting detector on synthetic runs.
import { describe, expect, test } from 'vitest';
import { DEFAULT_COLLAPSE_RULE, collapseKind } from '../../src/training/safety.ts';
import { collapseAt } from '../../src/training/index.ts';

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
    expect(
      collapseAt([
        { robustAccuracy: 0.3, fgsmAccuracy: 0.4 },
        { robustAccuracy: 0.2, fgsmAccuracy: 0.3 },
      ]),
    ).toBe(-1);
    // The best never reached the floor, and FGSM stands close to PGD.
    expect(collapseAt([{ robustAccuracy: 0.06 }, { robustAccuracy: 0.01, fgsmAccuracy: 0.05 }])).toBe(-1);
    // At 16/255 from the standard model FGSM starts a few points above PGD's 0: not yet a sign of anything.
    expect(
      collapseAt([
        { robustAccuracy: 0, fgsmAccuracy: 0.075 },
        { robustAccuracy: 0.02, fgsmAccuracy: 0.12 },
      ]),
    ).toBe(-1);
    expect(DEFAULT_COLLAPSE_RULE.fgsmGap).toBeGreaterThan(0);
  });

  test('a model that only ever learns to defeat FGSM is caught at the first check where FGSM stands 15 points above PGD', () => {
    // Fast-AT from x at 16/255: PGD never rises, FGSM accuracy climbs.
    const fgsmOnly = [
      [0.12, 0.0],
      [0.16, 0.005],
      [0.2, 0.02],
    ].map(([fgsmAccuracy, robustAccuracy]) => ({ fgsmAccuracy: fgsmAccuracy!, robustAccuracy: robustAccuracy! }));
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
