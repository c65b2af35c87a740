// What the store and views read about the measurements without loading them: the curve's attack choices and the
// trade-off's plain arithmetic (margins of error, classes by price). Its import graph loads no tfjs; index.ts, the
// measurements, re-exports it.

/** The robustness curve's attacks, in the order the panel offers them. */
export const CURVE_ATTACKS = ['pgd', 'fgsm', 'autoattack'] as const;
export type CurveAttack = (typeof CURVE_ATTACKS)[number];

export { attackName, classesByPrice, marginOfError, perClassAccuracy } from './tradeoff.ts';
export type { PerClassAccuracy } from './tradeoff.ts';
