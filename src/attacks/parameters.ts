// How a parameter is described to people and checked: label, unit, the UI range and the range the engine accepts.
// Plain data (no tfjs): the page builds its controls from these, validation and links read the same specs.
import type { Norm } from './catalogTypes.ts';

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
  /** The range the engine accepts, in stored units (defaults to min..max). */
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
  options: readonly string[];
  /** What the picker shows for each option. */
  optionLabels: Readonly<Record<string, string>>;
}
export type ParameterSpec = NumberParameter | BooleanParameter | ChoiceParameter;
/** A spec that is the same for every norm, or one per norm (eps and step sizes change units with the norm). */
export type SpecEntry = ParameterSpec | Record<Norm, ParameterSpec>;

/** The entry's spec for a norm. */
export function resolveSpec(entry: SpecEntry, norm: Norm): ParameterSpec {
  return 'type' in entry ? (entry as ParameterSpec) : entry[norm];
}

/** A stored value as the user sees it, e.g. 8/255 -> "8/255", 0.5 -> "0.5". */
export function formatParameter(spec: NumberParameter, value: number): string {
  const shown = Number((value * spec.scale).toPrecision(6));
  return spec.unit === '/255' ? `${shown}/255` : String(shown);
}

/** The first problem with a value against its spec (the message, without the field), or null. */
export function parameterProblem(spec: ParameterSpec, v: unknown): string | null {
  if (spec.type === 'boolean') return typeof v === 'boolean' ? null : `must be true or false (got ${JSON.stringify(v)})`;
  if (spec.type === 'choice') {
    return typeof v === 'string' && spec.options.includes(v)
      ? null
      : `must be ${spec.options.map((o) => `'${o}'`).join(' or ')} (got ${JSON.stringify(v)})`;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) return `must be a finite number (got ${String(v)})`;
  const lim = spec.limit ?? { min: spec.min, max: spec.max };
  if (lim.exclusiveMin ? v <= lim.min : v < lim.min) return `must be ${lim.exclusiveMin ? '>' : '>='} ${lim.min} (got ${v})`;
  if (v > lim.max) return `must be <= ${lim.max} (got ${v})`;
  if (spec.integer && !Number.isInteger(v)) return `must be a whole number (got ${v})`;
  return null;
}

const SHOWN_NUMBER = /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i;

/**
 * A value typed by a person (a link, a command-line flag) in shown units (eps=8 means 8/255 for L-infinity), in
 * stored units; undefined when it is not a value of this spec. Not yet clamped: see clampToSpec.
 */
export function parseShown(spec: ParameterSpec, raw: string): number | boolean | string | undefined {
  if (spec.type === 'boolean') return ['1', 'true'].includes(raw) ? true : ['0', 'false'].includes(raw) ? false : undefined;
  if (spec.type === 'choice') return spec.options.find((o) => o === raw);
  if (!SHOWN_NUMBER.test(raw)) return undefined;
  const stored = Number(raw) / spec.scale;
  return Number.isFinite(stored) ? stored : undefined;
}

/** A number into the control's range (and whole when the spec says so); other values as they are. */
export function clampToSpec<V extends number | boolean | string>(spec: ParameterSpec, v: V): V {
  if (spec.type !== 'number' || typeof v !== 'number') return v;
  const clamped = Math.min(spec.max, Math.max(spec.min, v));
  return (spec.integer ? Math.round(clamped) : clamped) as V;
}

/** The inverse of parseShown: a stored value in shown units. */
export function writeShown(spec: ParameterSpec, value: number | boolean | string): string {
  if (spec.type === 'boolean') return value ? '1' : '0';
  if (spec.type === 'choice') return String(value);
  return String(Number(((value as number) * spec.scale).toPrecision(6)));
}

// Specs several attacks share.
const L255 = 1 / 255;
export const NORM: ChoiceParameter = {
  type: 'choice',
  label: 'Norm',
  description: 'How the size of the perturbation is measured: largest pixel change (L-infinity) or Euclidean length (L2)',
  options: ['linf', 'l2'] satisfies Norm[],
  optionLabels: { linf: 'L∞ (largest pixel change)', l2: 'L2 (Euclidean length)' },
};
export const EPS: Record<Norm, NumberParameter> = {
  linf: {
    type: 'number',
    label: 'Epsilon',
    description: 'Largest change allowed to any pixel channel',
    unit: '/255',
    scale: 255,
    min: 0,
    max: 32 * L255,
    step: 0.25 * L255,
    integer: false,
    limit: { min: 0, max: 1 },
  },
  l2: {
    type: 'number',
    label: 'Epsilon',
    description: 'Largest Euclidean length of the perturbation (pixels in [0,1])',
    unit: 'L2',
    scale: 1,
    min: 0,
    max: 8,
    step: 0.05,
    integer: false,
    limit: { min: 0, max: Infinity },
  },
};
export const STEP_SIZE: Record<Norm, NumberParameter> = {
  linf: {
    type: 'number',
    label: 'Step size',
    description: 'Change per step to each pixel channel (alpha)',
    unit: '/255',
    scale: 255,
    min: 0.25 * L255,
    max: 16 * L255,
    step: 0.25 * L255,
    integer: false,
    limit: { min: 0, max: 1 },
  },
  l2: {
    type: 'number',
    label: 'Step size',
    description: 'Euclidean length of each step (alpha)',
    unit: 'L2',
    scale: 1,
    min: 0.01,
    max: 2,
    step: 0.01,
    integer: false,
    limit: { min: 0, max: Infinity },
  },
};
export const steps = (max: number, description: string): NumberParameter => ({
  type: 'number',
  label: 'Steps',
  description,
  unit: 'steps',
  scale: 1,
  min: 1,
  max,
  step: 1,
  integer: true,
  limit: { min: 1, max: 100_000 },
});
