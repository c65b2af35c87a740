// What stops a training job early, and what the user is told: a loss that is no longer a number, and
// catastrophic overfitting (Wong et al. 2020: PGD accuracy on held-out images collapsing to about 0 while
// the one-step attack the model trains on stops working).
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
}

export const DEFAULT_COLLAPSE_RULE: CollapseRule = { ratio: 0.5, floor: 0.1, fgsmGap: 0.3 };

/** Whether a held-out check shows catastrophic overfitting, given the best PGD accuracy before it. */
export function isCollapse(robustAccuracy: number, bestRobustAccuracy: number, rule: CollapseRule = DEFAULT_COLLAPSE_RULE, fgsmAccuracy?: number): boolean {
  if (bestRobustAccuracy < rule.floor || robustAccuracy >= rule.ratio * bestRobustAccuracy) return false;
  return robustAccuracy < rule.floor || (fgsmAccuracy !== undefined && fgsmAccuracy - robustAccuracy >= rule.fgsmGap);
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
  method: TrainingMethod, robustAccuracy: number, best: number, step: number, restoredStep: number, fgsmAccuracy?: number,
): { message: string; advice: string } {
  const fgsm = fgsmAccuracy === undefined ? '' : ` while FGSM accuracy stood at ${pct(fgsmAccuracy)}`;
  const message = `Catastrophic overfitting at step ${step}: PGD accuracy on the held-out images fell to ${pct(robustAccuracy)} ` +
    `(best so far ${pct(best)})${fgsm}. The model learned to defeat the one-step attack it trains on, not to resist attacks: ` +
    `a stronger attack still fools it. Training stopped and the weights from step ${restoredStep} were restored.`;
  const advice = method.kind === 'fast'
    ? `${method.randomStart ? '' : 'Turn the random start back on (Wong et al. 2020: it is what prevents this), '}` +
      `use a smaller FGSM step (${(method.stepSize * 255).toFixed(1)}/255 now; try ${(1.25 * method.eps * 255).toFixed(1)}/255 = 1.25 eps), ` +
      'a lower learning rate or a smaller eps, or switch to PGD-AT or TRADES, which resist this failure.'
    : `Lower the learning rate or eps, or use more attack steps (${METHOD_NAMES[method.kind]}).`;
  return { message, advice };
}
