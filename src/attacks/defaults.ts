// The one source of attack defaults (literature values, REFERENCE.md section 3) and of each parameter's
// description, unit and range: the UI builds its controls from PARAMETERS, validate.ts checks against it.
import type { AttackConfig, AttackKind, ConfigOf, Norm } from './types.ts';

export const ATTACK_DEFAULTS: { [K in AttackKind]: ConfigOf<K> } = {
  // Goodfellow et al.: eps 8/255 in L-infinity.
  fgsm: { kind: 'fgsm', norm: 'linf', eps: 8 / 255 },
  // Madry et al. / torchattacks: 10 steps of 2/255 within 8/255, random start.
  pgd: { kind: 'pgd', norm: 'linf', eps: 8 / 255, steps: 10, stepSize: 2 / 255, randomStart: true, restarts: 1 },
  // foolbox L2DeepFoolAttack: 50 steps, candidates 10, overshoot 0.02.
  deepfool: { kind: 'deepfool', norm: 'l2', steps: 50, overshoot: 0.02, candidates: 10 },
  // Carlini-Wagner L2 with a browser budget: 5 binary-search steps x 100 Adam steps of 0.01, kappa 0, abort early.
  // c starts at 0.1 rather than cleverhans' 1e-2 (5 searches) or the original's 1e-3 (9 searches): with 5 searches,
  // starting lower spends them growing c and leaves no bisection (on the standard model, median L2 0.147 from
  // 1e-2 against 0.107 from 0.1, same budget).
  cw: { kind: 'cw', steps: 100, binarySearchSteps: 5, initialConst: 0.1, confidence: 0, learningRate: 0.01, abortEarly: true },
};

/** Defaults that change with the norm (eps and step sizes are in the norm's units). */
const NORM_DEFAULTS: { [K in AttackKind]?: Record<Norm, Partial<ConfigOf<K>>> } = {
  fgsm: { linf: { eps: 8 / 255 }, l2: { eps: 0.5 } },
  pgd: { linf: { eps: 8 / 255, stepSize: 2 / 255 }, l2: { eps: 0.5, stepSize: 0.1 } },
};

/** The defaults of an attack for a given norm (the norm is ignored by attacks that have none). */
export function defaultsFor<K extends AttackKind>(kind: K, norm?: Norm): ConfigOf<K> {
  const base = ATTACK_DEFAULTS[kind];
  if (!norm || !('norm' in base)) return { ...base };
  const byNorm = (NORM_DEFAULTS[kind] as Record<Norm, Partial<ConfigOf<K>>> | undefined)?.[norm] ?? {};
  return { ...base, norm, ...byNorm };
}

export interface NumberParameter {
  type: 'number';
  label: string;
  description: string;
  /** Unit shown to the user next to the displayed value ('/255' for L-infinity epsilons). */
  unit: string;
  /** Displayed value = stored value x scale (255 for the /255 display). */
  scale: number;
  /** Range and step of the UI control, in stored units. */
  min: number;
  max: number;
  step: number;
  integer: boolean;
  /** A log-scale control suits values spanning decades. */
  logScale?: boolean;
  /** The range runAttack accepts, in stored units (defaults to min..max). */
  limit?: { min: number; max: number; exclusiveMin?: boolean };
}
export interface BooleanParameter {
  type: 'boolean';
  label: string;
  description: string;
}
export interface ChoiceParameter {
  type: 'choice';
  label: string;
  description: string;
  options: readonly Norm[];
}
export type ParameterSpec = NumberParameter | BooleanParameter | ChoiceParameter;
export type ParameterName = Exclude<{ [K in AttackKind]: keyof ConfigOf<K> }[AttackKind], 'kind'>;

const L255 = 1 / 255;
const NORM: ChoiceParameter = {
  type: 'choice',
  label: 'Norm',
  description: 'How the size of the perturbation is measured: largest pixel change (L-infinity) or Euclidean length (L2)',
  options: ['linf', 'l2'],
};
const EPS: Record<Norm, NumberParameter> = {
  linf: {
    type: 'number', label: 'Epsilon', description: 'Largest change allowed to any pixel channel',
    unit: '/255', scale: 255, min: 0, max: 32 * L255, step: 0.25 * L255, integer: false, limit: { min: 0, max: 1 },
  },
  l2: {
    type: 'number', label: 'Epsilon', description: 'Largest Euclidean length of the perturbation (pixels in [0,1])',
    unit: 'L2', scale: 1, min: 0, max: 5, step: 0.05, integer: false, limit: { min: 0, max: Infinity },
  },
};
const STEP_SIZE: Record<Norm, NumberParameter> = {
  linf: {
    type: 'number', label: 'Step size', description: 'Change per step to each pixel channel (alpha)',
    unit: '/255', scale: 255, min: 0.25 * L255, max: 16 * L255, step: 0.25 * L255, integer: false, limit: { min: 0, max: 1 },
  },
  l2: {
    type: 'number', label: 'Step size', description: 'Euclidean length of each step (alpha)',
    unit: 'L2', scale: 1, min: 0.01, max: 2, step: 0.01, integer: false, limit: { min: 0, max: Infinity },
  },
};
const steps = (max: number, description: string): NumberParameter => ({
  type: 'number', label: 'Steps', description, unit: 'steps', scale: 1, min: 1, max, step: 1, integer: true,
  limit: { min: 1, max: 100_000 },
});

/** Parameter specs per attack, in display order. Specs that depend on the norm are given per norm. */
export const PARAMETERS: { [K in AttackKind]: { [F in Exclude<keyof ConfigOf<K>, 'kind'>]: ParameterSpec | Record<Norm, ParameterSpec> } } = {
  fgsm: { norm: NORM, eps: EPS },
  pgd: {
    norm: NORM,
    eps: EPS,
    steps: steps(200, 'Number of gradient steps'),
    stepSize: STEP_SIZE,
    randomStart: { type: 'boolean', label: 'Random start', description: 'Start from a random point in the epsilon-ball instead of the image' },
    restarts: {
      type: 'number', label: 'Restarts', description: 'Independent runs; the best result per image is kept',
      unit: 'runs', scale: 1, min: 1, max: 10, step: 1, integer: true, limit: { min: 1, max: 1000 },
    },
  },
  deepfool: {
    norm: NORM,
    steps: steps(100, 'Largest number of linearisation steps'),
    overshoot: {
      type: 'number', label: 'Overshoot', description: 'Extra push past the estimated boundary, applied to the total perturbation',
      unit: '', scale: 1, min: 0, max: 0.2, step: 0.01, integer: false, limit: { min: 0, max: 10 },
    },
    candidates: {
      type: 'number', label: 'Candidate classes', description: 'Top classes of the clean logits considered as the next class',
      unit: 'classes', scale: 1, min: 2, max: 10, step: 1, integer: true, limit: { min: 2, max: 1000 },
    },
  },
  cw: {
    steps: steps(1000, 'Adam steps per binary-search step'),
    binarySearchSteps: {
      type: 'number', label: 'Binary search steps', description: 'Searches over the constant c that trades distance against misclassification',
      unit: 'searches', scale: 1, min: 1, max: 10, step: 1, integer: true, limit: { min: 1, max: 100 },
    },
    initialConst: {
      type: 'number', label: 'Initial c', description: 'Starting value of the constant c',
      unit: '', scale: 1, min: 1e-4, max: 100, step: 1e-4, integer: false, logScale: true,
      limit: { min: 0, max: 1e10, exclusiveMin: true },
    },
    confidence: {
      type: 'number', label: 'Confidence (kappa)', description: 'Required logit margin of the adversarial class',
      unit: 'logits', scale: 1, min: 0, max: 50, step: 0.5, integer: false, limit: { min: 0, max: Infinity },
    },
    learningRate: {
      type: 'number', label: 'Learning rate', description: 'Adam step size in the tanh space',
      unit: '', scale: 1, min: 1e-4, max: 1, step: 1e-4, integer: false, logScale: true,
      limit: { min: 0, max: 10, exclusiveMin: true },
    },
    abortEarly: { type: 'boolean', label: 'Abort early', description: "Stop an image's search when its loss stops falling" },
  },
};

/** The spec of one parameter of an attack, resolved for a norm (linf when the attack has none). */
export function parameterSpec(kind: AttackKind, field: string, norm: Norm = 'linf'): ParameterSpec | undefined {
  const entry = (PARAMETERS[kind] as Record<string, ParameterSpec | Record<Norm, ParameterSpec> | undefined>)[field];
  if (!entry) return undefined;
  return 'type' in entry ? (entry as ParameterSpec) : (entry as Record<Norm, ParameterSpec>)[norm];
}

/** The parameters of a config as [field, spec] pairs in display order (the norm picks eps's units). */
export function parameterList(config: AttackConfig): [ParameterName, ParameterSpec][] {
  const norm = 'norm' in config ? config.norm : 'l2';
  return Object.keys(PARAMETERS[config.kind]).map((f) => [f as ParameterName, parameterSpec(config.kind, f, norm)!]);
}

/** A stored value as the user sees it, e.g. 8/255 -> "8/255", 0.5 -> "0.5". */
export function formatParameter(spec: NumberParameter, value: number): string {
  const shown = Number((value * spec.scale).toPrecision(6));
  return spec.unit === '/255' ? `${shown}/255` : String(shown);
}
