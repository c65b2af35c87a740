// What stops a training job early, and what the user is told: a loss that is no longer a number, and
// catastrophic overfitting (Wong et al. 2020: PGD accuracy on held-out images collapsing to about 0 while
// the one-step attack the model trains on stops working; or, from the start, a model that only ever learns to
// defeat the one-step attack: FGSM accuracy far above PGD's).
import { METHOD_NAMES, type TrainingMethod } from './methods.ts';

export interface CollapseRule {
  /** Collapse: PGD accuracy below ratio x its best so far ... */
  ratio: number;
  /** ... and below this absolute floor, after the best reached the floor (noise on a small set is not a collapse). */
  floor: number;
  /**
   * Or, earlier: PGD accuracy below ratio x its best while FGSM accuracy stands at least this far above it (the
   * model has learned to defeat the one-step attack, not to resist attacks).
   */
  fgsmGap: number;
  /**
   * Or, whatever PGD did before: FGSM accuracy at least this far above PGD accuracy, and PGD below ratio x FGSM, at
   * one check. On the same images the two differ by a few points in a healthy run; this far apart, the model defeats
   * the one-step attack and nothing else.
   */
  fgsmOnlyGap: number;
}

export const DEFAULT_COLLAPSE_RULE: CollapseRule = { ratio: 0.5, floor: 0.1, fgsmGap: 0.3, fgsmOnlyGap: 0.15 };

/** How a check shows catastrophic overfitting: PGD accuracy fell from its best, or only FGSM was ever defeated. */
export type CollapseKind = 'pgd-fell' | 'fgsm-only';

/** Which kind of catastrophic overfitting a held-out check shows, if any, given the best PGD accuracy before it. */
export function collapseKind(robustAccuracy: number, bestRobustAccuracy: number, rule: CollapseRule = DEFAULT_COLLAPSE_RULE, fgsmAccuracy?: number): CollapseKind | null {
  const fell = bestRobustAccuracy >= rule.floor && robustAccuracy < rule.ratio * bestRobustAccuracy &&
    (robustAccuracy < rule.floor || (fgsmAccuracy !== undefined && fgsmAccuracy - robustAccuracy >= rule.fgsmGap));
  if (fell) return 'pgd-fell';
  const fgsmOnly = fgsmAccuracy !== undefined && fgsmAccuracy - robustAccuracy >= rule.fgsmOnlyGap && robustAccuracy < rule.ratio * fgsmAccuracy;
  return fgsmOnly ? 'fgsm-only' : null;
}

/** Whether a held-out check shows catastrophic overfitting, given the best PGD accuracy before it. */
export function isCollapse(robustAccuracy: number, bestRobustAccuracy: number, rule: CollapseRule = DEFAULT_COLLAPSE_RULE, fgsmAccuracy?: number): boolean {
  return collapseKind(robustAccuracy, bestRobustAccuracy, rule, fgsmAccuracy) !== null;
}

/** The index of the first check of a run that shows catastrophic overfitting, or -1 (the detector on a whole run). */
export function collapseAt(checks: readonly { robustAccuracy: number; fgsmAccuracy?: number }[], rule: CollapseRule = DEFAULT_COLLAPSE_RULE): number {
  let best = 0;
  for (const [i, c] of checks.entries()) {
    if (isCollapse(c.robustAccuracy, best, rule, c.fgsmAccuracy)) return i;
    best = Math.max(best, c.robustAccuracy);
  }
  return -1;
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function nanReport(loss: number, step: number, learningRate: number, restoredStep: number): { message: string; advice: string } {
  return {
    message: `The training loss became ${loss} at step ${step} (learning rate ${learningRate.toPrecision(3)}). ` +
      `Training stopped and the weights from step ${restoredStep} were restored.`,
    advice: `Lower the learning rate (try ${(learningRate / 2).toPrecision(2)}) or lengthen the warm-up. On a phone whose GPU only ` +
      'renders float16 textures, train on the WASM backend instead: float16 overflows easily.',
  };
}

export function collapseReport(
  method: TrainingMethod, kind: CollapseKind, robustAccuracy: number, best: number, step: number, restoredStep: number, fgsmAccuracy?: number,
): { message: string; advice: string } {
  const fgsm = fgsmAccuracy === undefined ? '' : ` while FGSM accuracy stood at ${pct(fgsmAccuracy)}`;
  const what = kind === 'pgd-fell'
    ? `PGD accuracy on the held-out images fell to ${pct(robustAccuracy)} (best so far ${pct(best)})${fgsm}`
    : `on the held-out images FGSM accuracy is ${pct(fgsmAccuracy ?? 0)} but PGD accuracy only ${pct(robustAccuracy)}`;
  const message = `Catastrophic overfitting at step ${step}: ${what}. The model learned to defeat the one-step attack it trains on ` +
    `(its loss bends so that one gradient step misses), not to resist attacks: a stronger attack still fools it. ` +
    `Training stopped and the weights from step ${restoredStep} were restored.`;
  const advice = method.kind === 'fast'
    ? `${method.randomStart ? '' : 'Turn the random start back on (Wong et al. 2020: it is what prevents this), '}` +
      `use a smaller FGSM step (${(method.stepSize * 255).toFixed(1)}/255 now; try ${(1.25 * method.eps * 255).toFixed(1)}/255 = 1.25 eps), ` +
      'a lower learning rate or a smaller eps, or switch to PGD-AT or TRADES, which resist this failure.'
    : `Lower the learning rate or eps, or use more attack steps (${METHOD_NAMES[method.kind]}).`;
  return { message, advice };
}
