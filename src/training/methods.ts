// The training methods: per method its name, literature defaults, parameter specs (ranges, units, what the engine
// accepts) and the passes a step costs. Plain data (no tfjs): the page's form, links, command-line flags and
// validation read this table; methodSteps.ts adds the code of each method's step, keyed by the same kinds.
// Parameter names follow the attack engine's (eps, steps, stepSize, randomStart); L-infinity throughout.
import { formatParameter, parameterProblem, type BooleanParameter, type NumberParameter } from '../attacks/catalog.ts';

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
  /** Start from a uniform random point of the eps-ball (Wong et al.); without it, FGSM from x (catastrophic overfitting's recipe). */
  randomStart: boolean;
  mixRatio: number;
}

/**
 * Free-AT (Shafahi et al. 2019): each batch replayed `replays` times; every replay is one forward and backward
 * pass on x + delta that gives the weight gradient (the update) and the input gradient (delta's next FGSM step,
 * carried to the next replay and the next batch).
 */
export interface FreeMethod {
  kind: 'free';
  eps: number;
  stepSize: number;
  replays: number;
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

export type TrainingMethod = CleanMethod | PgdMethod | FastMethod | TradesMethod | FreeMethod;
export type TrainingMethodKind = TrainingMethod['kind'];
export type MethodOf<K extends TrainingMethodKind> = Extract<TrainingMethod, { kind: K }>;

export type MethodParameter = NumberParameter | BooleanParameter;

/** Input-gradient passes of the attack and weight-gradient passes of the update, over the whole batch. */
export interface StepPasses {
  attack: number;
  weights: number;
}

export interface MethodDescriptor<M extends { kind: string }> {
  kind: M['kind'];
  name: string;
  /** One sentence for the page: what it does with these settings (a random start only when it has one) and what it costs. */
  help(method: M): string;
  /** Literature defaults at eps (step sizes scale with it). */
  defaults(eps: number): M;
  /** Every parameter, in display order: the type checker insists on one per field. */
  parameters: { [F in Exclude<keyof M, 'kind'>]: MethodParameter };
  /** Forward+backward passes over the batch per training step (the benchmark's cost unit). */
  passesPerStep(method: M): StepPasses;
  /** The share of each batch the step makes adversarial (0: it trains on clean images only). */
  adversarialShare(method: M): number;
  /** The epsilon it trains at, which the held-out PGD check uses too; null for a method without one. */
  trainingEps(method: M): number | null;
  /** How many consecutive steps train on the same batch (Free-AT's replays; 1 for the others). */
  replays(method: M): number;
}

export type AnyMethodDescriptor = MethodDescriptor<{ kind: string }>;
export type MethodTable = Readonly<Record<string, AnyMethodDescriptor>>;
export type LooseMethod = { kind: string } & Record<string, unknown>;
/** Any method of any table (the app's TrainingMethod, or a method a test adds). */
export type AnyMethod = TrainingMethod | LooseMethod | { readonly kind: string };

const L255 = 1 / 255;
const EPS: NumberParameter = {
  type: 'number',
  label: 'Epsilon',
  description: 'Largest change to any pixel channel of a training example',
  unit: '/255',
  scale: 255,
  min: L255,
  max: 16 * L255,
  step: 0.5 * L255,
  integer: false,
  limit: { min: 0, max: 1 },
};
/** A training epsilon as the page shows it: 4/255 -> "4/255". */
export const formatTrainingEps = (eps: number): string => formatParameter(EPS, eps);

const PGD_STEPS: NumberParameter = {
  type: 'number',
  label: 'PGD steps (k)',
  description: 'Steps of the attack that makes each training example',
  unit: 'steps',
  scale: 1,
  min: 1,
  max: 20,
  step: 1,
  integer: true,
  limit: { min: 1, max: 1000 },
};
const PGD_STEP_SIZE: NumberParameter = {
  type: 'number',
  label: 'PGD step size',
  description: 'Change per attack step to each pixel channel',
  unit: '/255',
  scale: 255,
  min: 0.5 * L255,
  max: 8 * L255,
  step: 0.5 * L255,
  integer: false,
  limit: { min: 0, max: 1 },
};
const MIX_RATIO: NumberParameter = {
  type: 'number',
  label: 'Adversarial share of each batch',
  description: 'Fraction of each batch replaced by adversarial examples',
  unit: '%',
  scale: 100,
  min: 0,
  max: 1,
  step: 0.05,
  integer: false,
  limit: { min: 0, max: 1 },
};

const CLEAN: MethodDescriptor<CleanMethod> = {
  kind: 'clean',
  name: 'Standard (clean)',
  help: () => 'Clean images only: the baseline, one weight-gradient pass per step.',
  defaults: () => ({ kind: 'clean' }),
  parameters: {},
  passesPerStep: () => ({ attack: 0, weights: 1 }),
  adversarialShare: () => 0,
  trainingEps: () => null,
  replays: () => 1,
};

/** The adversarial methods' share and epsilon: their own fields. */
const ADVERSARIAL = {
  adversarialShare: (m: { mixRatio: number }) => m.mixRatio,
  trainingEps: (m: { eps: number }) => m.eps,
  replays: () => 1,
};

const FAST: MethodDescriptor<FastMethod> = {
  kind: 'fast',
  name: 'Fast-AT',
  help: (m) =>
    m.randomStart
      ? 'FGSM from a random start (Wong et al. 2020): one gradient per example, cheap. Watch for catastrophic overfitting.'
      : 'FGSM from the image itself (random start off): one gradient per example, cheap, ' +
        'and the classic way into catastrophic overfitting (Wong et al. 2020).',
  defaults: (eps) => ({ kind: 'fast', eps, stepSize: 1.25 * eps, randomStart: true, mixRatio: 1 }),
  parameters: {
    eps: EPS,
    stepSize: {
      type: 'number',
      label: 'FGSM step',
      description: 'Size of the one FGSM step from the random start (Wong et al.: 1.25 x epsilon)',
      unit: '/255',
      scale: 255,
      min: 0.5 * L255,
      max: 24 * L255,
      step: 0.5 * L255,
      integer: false,
      limit: { min: 0, max: 1 },
    },
    randomStart: {
      type: 'boolean',
      label: 'Random start',
      description: 'Start the FGSM step from a random point of the epsilon-ball (without it, expect catastrophic overfitting)',
    },
    mixRatio: MIX_RATIO,
  },
  passesPerStep: () => ({ attack: 1, weights: 1 }),
  ...ADVERSARIAL,
};

const PGD: MethodDescriptor<PgdMethod> = {
  kind: 'pgd',
  name: 'PGD-AT',
  help: (m) =>
    `PGD-${m.steps} examples (Madry et al. 2018)${m.randomStart ? ', each from a random start' : ''}` +
    `: the classic, ${m.steps + 1} gradients per example.`,
  // ART's AdversarialTrainerMadryPGD: 7 steps of eps/4.
  defaults: (eps) => ({ kind: 'pgd', eps, steps: 7, stepSize: eps / 4, randomStart: true, mixRatio: 1 }),
  parameters: {
    eps: EPS,
    steps: PGD_STEPS,
    stepSize: PGD_STEP_SIZE,
    randomStart: { type: 'boolean', label: 'Random start', description: 'Start each attack from a random point of the epsilon-ball' },
    mixRatio: MIX_RATIO,
  },
  passesPerStep: (m) => ({ attack: m.steps, weights: 1 }),
  ...ADVERSARIAL,
};

const TRADES: MethodDescriptor<TradesMethod> = {
  kind: 'trades',
  name: 'TRADES',
  help: () => 'Clean loss plus beta x KL(clean || adversarial) (Zhang et al. 2019): trades accuracy for robustness explicitly.',
  defaults: (eps) => ({ kind: 'trades', eps, steps: 10, stepSize: eps / 4, beta: 6, mixRatio: 1 }),
  parameters: {
    eps: EPS,
    steps: PGD_STEPS,
    stepSize: PGD_STEP_SIZE,
    beta: {
      type: 'number',
      label: 'TRADES beta',
      description: 'Weight of the KL term against the clean loss',
      unit: '',
      scale: 1,
      min: 0.5,
      max: 12,
      step: 0.5,
      integer: false,
      limit: { min: 0, max: 1000 },
    },
    mixRatio: MIX_RATIO,
  },
  // Its loss back-propagates through a clean and an adversarial forward pass: two weight passes.
  passesPerStep: (m) => ({ attack: m.steps, weights: 2 }),
  ...ADVERSARIAL,
};

const FREE: MethodDescriptor<FreeMethod> = {
  kind: 'free',
  name: 'Free-AT',
  help: (m) =>
    `Each batch replayed ${m.replays} times; one backward pass gives both the weight update and the next attack step ` +
    '(Shafahi et al. 2019): adversarial training for the price of clean training.',
  defaults: (eps) => ({ kind: 'free', eps, stepSize: eps, replays: 4 }),
  parameters: {
    eps: EPS,
    stepSize: {
      type: 'number',
      label: 'Perturbation step',
      description: 'FGSM step added to the carried perturbation after each replay (Shafahi et al.: epsilon)',
      unit: '/255',
      scale: 255,
      min: 0.5 * L255,
      max: 16 * L255,
      step: 0.5 * L255,
      integer: false,
      limit: { min: 0, max: 1 },
    },
    replays: {
      type: 'number',
      label: 'Replays (m)',
      description: 'Consecutive updates on each batch, the perturbation carried between them',
      unit: 'times',
      scale: 1,
      min: 1,
      max: 10,
      step: 1,
      integer: true,
      limit: { min: 1, max: 100 },
    },
  },
  // The attack's input gradient comes out of the update's own backward pass.
  passesPerStep: () => ({ attack: 0, weights: 1 }),
  adversarialShare: () => 1,
  trainingEps: (m) => m.eps,
  replays: (m) => m.replays,
};

export type MethodDescriptors = { readonly [K in TrainingMethodKind]: MethodDescriptor<MethodOf<K>> };

/** Every training method, by kind: the one list of methods. */
export const TRAINING_METHODS = Object.freeze({ clean: CLEAN, fast: FAST, pgd: PGD, trades: TRADES, free: FREE } satisfies MethodDescriptors);
export const TRAINING_METHOD_KINDS: readonly TrainingMethodKind[] = Object.freeze(Object.keys(TRAINING_METHODS) as TrainingMethodKind[]);

/** Each method's name. */
export const METHOD_NAMES = Object.freeze(Object.fromEntries(TRAINING_METHOD_KINDS.map((k) => [k, TRAINING_METHODS[k].name]))) as Readonly<
  Record<TrainingMethodKind, string>
>;

/** Literature defaults at eps (8/255 unless given). */
export function methodDefaults<K extends TrainingMethodKind>(kind: K, eps = 8 / 255): MethodOf<K> {
  return (TRAINING_METHODS[kind] as unknown as MethodDescriptor<MethodOf<K>>).defaults(eps);
}

export class TrainingConfigError extends RangeError {
  override name = 'RangeError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** The first problem of a method against its specs (field and message), or null. */
export function methodProblemIn(table: MethodTable, method: unknown): { field: string; message: string } | null {
  const kind = (method as { kind?: unknown } | null | undefined)?.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(table, kind)) return { field: 'method', message: `unknown method ${JSON.stringify(kind)}` };
  const given = method as Record<string, unknown>;
  const specs = table[kind]!.parameters as Record<string, MethodParameter>;
  for (const f of Object.keys(given)) if (f !== 'kind' && !Object.hasOwn(specs, f)) return { field: f, message: `not a parameter of ${kind}` };
  for (const [f, spec] of Object.entries(specs)) {
    const problem = parameterProblem(spec, given[f]);
    if (problem) return { field: f, message: problem };
  }
  return null;
}

/** Throws a TrainingConfigError (a RangeError) naming the first bad field. */
export function validateMethod(method: AnyMethod, table: MethodTable = TRAINING_METHODS): void {
  const problem = methodProblemIn(table, method);
  if (problem) throw new TrainingConfigError(problem.field, problem.message);
}

/** The descriptor of a method's kind in a table. */
const descriptorOf = (method: AnyMethod, table: MethodTable) => {
  const d = table[method.kind];
  if (!d) throw new TrainingConfigError('method', `unknown method ${JSON.stringify(method.kind)}`);
  return d as unknown as MethodDescriptor<{ kind: string }> & {
    adversarialShare(m: unknown): number;
    trainingEps(m: unknown): number | null;
    replays(m: unknown): number;
  };
};

/** The page's sentence on a method, for its settings. */
export function methodHelp(method: AnyMethod, table: MethodTable = TRAINING_METHODS): string {
  return descriptorOf(method, table).help(method);
}

/** Consecutive steps on one batch (Free-AT's replays; 1 for the others). */
export function replaysOf(method: AnyMethod, table: MethodTable = TRAINING_METHODS): number {
  return descriptorOf(method, table).replays(method);
}

/** The held-out PGD check's epsilon for a method that trains on clean images only. */
const CLEAN_CHECK_EPS = 8 / 255;

/** The eps a method trains at (the held-out PGD check uses it too); 8/255 for a method without one. */
export function methodEps(method: AnyMethod, table: MethodTable = TRAINING_METHODS): number {
  return descriptorOf(method, table).trainingEps(method) ?? CLEAN_CHECK_EPS;
}

/** How many images of a batch of n become adversarial, as the method declares (none at eps 0). */
export function adversarialCount(method: AnyMethod, n: number, table: MethodTable = TRAINING_METHODS): number {
  const d = descriptorOf(method, table);
  return d.trainingEps(method) ? Math.round(d.adversarialShare(method) * n) : 0;
}

/** The parameters of a method as [field, spec] pairs in display order. */
export function methodParametersIn(table: MethodTable, method: { kind: string }): [string, MethodParameter][] {
  return Object.entries(table[method.kind]!.parameters as Record<string, MethodParameter>);
}

/** Forward+backward passes over the batch per training step: the attack's input gradients, and the weight gradients. */
export function passesPerStep(method: AnyMethod, table: MethodTable = TRAINING_METHODS): StepPasses {
  return table[method.kind]!.passesPerStep(method as { kind: string });
}
