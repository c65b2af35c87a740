// What stops a training job early, and what the user is told: a loss that is no longer a number, and
// catastrophic overfitting (Wong et al. 2020: PGD accuracy on held-out images collapsing to about 0 while
// the one-step attack the model trains on stops working; or, from the start, a model that only ever learns to
// defeat the one-step attack: FGSM accuracy far above PGD's).
import type { NumberParameter } from '../attacks/catalog.ts';
import { METHOD_NAMES, TRAINING_METHODS, type MethodOf, type TrainingMethod } from './methods.ts';

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
export function collapseKind(
  robustAccuracy: number,
  bestRobustAccuracy: number,
  rule: CollapseRule = DEFAULT_COLLAPSE_RULE,
  fgsmAccuracy?: number,
): CollapseKind | null {
  const fell =
    bestRobustAccuracy >= rule.floor &&
    robustAccuracy < rule.ratio * bestRobustAccuracy &&
    (robustAccuracy < rule.floor || (fgsmAccuracy !== undefined && fgsmAccuracy - robustAccuracy >= rule.fgsmGap));
  if (fell) return 'pgd-fell';
  const fgsmOnly = fgsmAccuracy !== undefined && fgsmAccuracy - robustAccuracy >= rule.fgsmOnlyGap && robustAccuracy < rule.ratio * fgsmAccuracy;
  return fgsmOnly ? 'fgsm-only' : null;
}

/** Whether a held-out check shows catastrophic overfitting, given the best PGD accuracy before it. */
export function isCollapse(
  robustAccuracy: number,
  bestRobustAccuracy: number,
  rule: CollapseRule = DEFAULT_COLLAPSE_RULE,
  fgsmAccuracy?: number,
): boolean {
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
    message:
      `The training loss became ${loss} at step ${step} (learning rate ${learningRate.toPrecision(3)}). ` +
      `Training stopped and the weights from step ${restoredStep} were restored.`,
    advice:
      `Lower the learning rate (try ${(learningRate / 2).toPrecision(2)}) or lengthen the warm-up. On a phone whose GPU only ` +
      'renders float16 textures, train on the WASM backend instead: float16 overflows easily.',
  };
}

export function collapseReport(
  method: TrainingMethod,
  kind: CollapseKind,
  robustAccuracy: number,
  best: number,
  step: number,
  restoredStep: number,
  fgsmAccuracy?: number,
): { message: string; advice: string } {
  const fgsm = fgsmAccuracy === undefined ? '' : ` while FGSM accuracy stood at ${pct(fgsmAccuracy)}`;
  const what =
    kind === 'pgd-fell'
      ? `PGD accuracy on the held-out images fell to ${pct(robustAccuracy)} (best so far ${pct(best)})${fgsm}`
      : `on the held-out images FGSM accuracy is ${pct(fgsmAccuracy ?? 0)} but PGD accuracy only ${pct(robustAccuracy)}`;
  const message =
    `Catastrophic overfitting at step ${step}: ${what}. The model learned to defeat the one-step attack it trains on ` +
    `(its loss bends so that one gradient step misses), not to resist attacks: a stronger attack still fools it. ` +
    `Training stopped and the weights from step ${restoredStep} were restored.`;
  const advice = method.kind === 'fast' ? fastAdvice(method) : otherAdvice(method);
  return { message, advice };
}

/** An L-infinity size as the form shows it. */
const in255 = (v: number) => `${(255 * v).toFixed(1)}/255`;

/** Half of a Fast-AT size, on its slider's grid and within its range; null when that is not smaller than now. */
function halved(field: 'eps' | 'stepSize', v: number): number | null {
  const spec = TRAINING_METHODS.fast.parameters[field] as NumberParameter;
  const half = Math.max(spec.min, Math.round(v / 2 / spec.step) * spec.step);
  return half < v - 1e-12 ? half : null;
}

/** The other methods: a lower learning rate or eps, and more attack steps where the method has them (Free-AT has none). */
function otherAdvice(m: TrainingMethod): string {
  const eps = 'eps' in m ? ` (${in255(m.eps)} now)` : '';
  const steps = 'steps' in m ? `, or use more attack steps (${METHOD_NAMES[m.kind]} takes ${m.steps} now)` : '';
  return `Lower the learning rate or eps${eps}${steps}.`;
}

/**
 * What to change after Fast-AT overfit, for its actual settings: every smaller value offered is smaller than now.
 * Wong et al. (2020) avoid the collapse with a random start and a step of at most 1.25 eps; a step already within
 * that is halved, and so is eps (the collapse comes sooner at a larger eps).
 */
function fastAdvice(m: MethodOf<'fast'>): string {
  const wong = 1.25 * m.eps;
  const halfStep = halved('stepSize', m.stepSize);
  const halfEps = halved('eps', m.eps);
  const changes = [
    ...(m.randomStart ? [] : ['turn the random start back on (Wong et al. 2020: FGSM from the image itself is what overfits this way)']),
    ...(m.stepSize > wong + 1e-9
      ? [`use a smaller FGSM step (${in255(m.stepSize)} now; Wong et al. use 1.25 eps = ${in255(wong)})`]
      : halfStep !== null
        ? [`use a smaller FGSM step (${in255(m.stepSize)} now; try ${in255(halfStep)})`]
        : []),
    ...(halfEps !== null ? [`train at a smaller eps (${in255(m.eps)} now; try ${in255(halfEps)})`] : []),
    'switch to PGD-AT or TRADES, which resist this failure',
  ];
  const text = `${changes.slice(0, -1).join(', ')}${changes.length > 1 ? ', or ' : ''}${changes.at(-1)!}.`;
  return text[0]!.toUpperCase() + text.slice(1);
}
