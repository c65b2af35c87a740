// PGD as the project measures robustness with it: L-infinity, from a random start, steps of 2.5 eps / steps
// (Madry et al.'s rule: the attack can travel 2.5 times the radius, 2/255 a step at 8/255 with 10 steps).
// The training check, the robustness curve, the boundary's minimal epsilon and the scripts all use it.
import type { PgdConfig } from './catalogTypes.ts';

export interface PgdEvaluationOptions {
  steps?: number;
  restarts?: number;
  randomStart?: boolean;
  /** A fixed step instead of the rule (the model cards use torchattacks' 2/255 at every step count). */
  stepSize?: number;
}

export function pgdEvaluation(eps: number, { steps = 10, restarts = 1, randomStart = true, stepSize }: PgdEvaluationOptions = {}): PgdConfig {
  return { kind: 'pgd', norm: 'linf', eps, steps, stepSize: stepSize ?? (2.5 * eps) / steps, randomStart, restarts };
}
