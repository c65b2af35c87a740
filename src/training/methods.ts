// The adversarial-training methods (REFERENCE.md section 4), their literature defaults and entry checks.
// Parameter names follow the attack engine's (eps, steps, stepSize, randomStart); L-infinity throughout.

/** Standard training on clean images only: the baseline the other methods are compared with. */
export interface CleanMethod {
  kind: 'clean';
}

/** PGD-AT (Madry et al. 2018): train on PGD-k examples. */
export interface PgdMethod {
  kind: 'pgd';
  eps: number;
  steps: number;
  stepSize: number;
  randomStart: boolean;
  /** Fraction of each batch replaced by adversarial examples (1 = all of it). */
  mixRatio: number;
}

/** Fast-AT (Wong, Rice and Kolter 2020): one FGSM step from a uniform random start in the eps-ball. */
export interface FastMethod {
  kind: 'fast';
  eps: number;
  stepSize: number;
  mixRatio: number;
}

/**
 * TRADES (Zhang et al. 2019): CE(clean) + beta * KL(softmax(clean) || softmax(adversarial)), with the
 * adversarial examples found by PGD on that KL. mixRatio: the fraction of each batch the KL term covers.
 */
export interface TradesMethod {
  kind: 'trades';
  eps: number;
  steps: number;
  stepSize: number;
  beta: number;
  mixRatio: number;
}

export type TrainingMethod = CleanMethod | PgdMethod | FastMethod | TradesMethod;
export type TrainingMethodKind = TrainingMethod['kind'];
export type MethodOf<K extends TrainingMethodKind> = Extract<TrainingMethod, { kind: K }>;
export type AdversarialMethod = Exclude<TrainingMethod, CleanMethod>;

export const METHOD_NAMES: Record<TrainingMethodKind, string> = {
  clean: 'Standard (clean)',
  pgd: 'PGD-AT',
  fast: 'Fast-AT',
  trades: 'TRADES',
};

/**
 * Literature defaults at eps (8/255 unless given); step sizes scale with eps: PGD-AT eps/4 with 7 steps
 * (ART's AdversarialTrainerMadryPGD), Fast-AT 1.25 eps, TRADES eps/4 with 10 steps and beta 6.
 */
export function methodDefaults<K extends TrainingMethodKind>(kind: K, eps = 8 / 255): MethodOf<K> {
  const all: { [T in TrainingMethodKind]: MethodOf<T> } = {
    clean: { kind: 'clean' },
    pgd: { kind: 'pgd', eps, steps: 7, stepSize: eps / 4, randomStart: true, mixRatio: 1 },
    fast: { kind: 'fast', eps, stepSize: 1.25 * eps, mixRatio: 1 },
    trades: { kind: 'trades', eps, steps: 10, stepSize: eps / 4, beta: 6, mixRatio: 1 },
  };
  return all[kind];
}

export class TrainingConfigError extends RangeError {
  override name = 'RangeError';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

function check(field: string, v: unknown, min: number, max: number, integer = false): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new TrainingConfigError(field, `must be ${integer ? 'a whole number' : 'a number'} in [${min}, ${max}] (got ${String(v)})`);
  }
}

/** Throws a TrainingConfigError (a RangeError) naming the first bad field. */
export function validateMethod(method: TrainingMethod): void {
  if (!method || !Object.hasOwn(METHOD_NAMES, method.kind)) {
    throw new TrainingConfigError('method', `unknown method ${JSON.stringify((method as { kind?: unknown } | undefined)?.kind)}`);
  }
  if (method.kind === 'clean') return;
  check('eps', method.eps, 0, 1);
  check('stepSize', method.stepSize, 0, 1);
  check('mixRatio', method.mixRatio, 0, 1);
  if (method.kind === 'pgd' || method.kind === 'trades') check('steps', method.steps, 1, 1000, true);
  if (method.kind === 'pgd' && typeof method.randomStart !== 'boolean') throw new TrainingConfigError('randomStart', 'must be true or false');
  if (method.kind === 'trades') check('beta', method.beta, 0, 1000);
}

/** The eps a method trains at (the held-out PGD check uses it too); 8/255 for clean training. */
export function methodEps(method: TrainingMethod): number {
  return method.kind === 'clean' ? 8 / 255 : method.eps;
}

/** How many images of a batch of n become adversarial. */
export function adversarialCount(method: TrainingMethod, n: number): number {
  return method.kind === 'clean' || method.eps === 0 ? 0 : Math.round(method.mixRatio * n);
}

/**
 * Forward+backward passes over the batch per training step: the attack's input gradients, and the weight
 * gradients of the update (TRADES back-propagates through a clean and an adversarial forward pass: two).
 */
export function passesPerStep(method: TrainingMethod): { attack: number; weights: number } {
  if (method.kind === 'clean') return { attack: 0, weights: 1 };
  if (method.kind === 'fast') return { attack: 1, weights: 1 };
  return { attack: method.steps, weights: method.kind === 'trades' ? 2 : 1 };
}
