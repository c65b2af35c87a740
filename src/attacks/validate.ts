// Entry checks: a bad config throws a RangeError naming the field; bad inputs throw an AttackInputError.
import * as tf from '@tensorflow/tfjs';
import { ATTACK_DEFAULTS, parameterSpec } from './defaults.ts';
import type { AttackConfig, Norm } from './types.ts';

export class AttackConfigError extends RangeError {
  override name = 'RangeError';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export class AttackInputError extends Error {
  override name = 'AttackInputError';
}

/** Throws AttackConfigError (a RangeError) naming the first bad field. */
export function validateConfig(config: AttackConfig): void {
  if (typeof config !== 'object' || config === null) throw new AttackConfigError('kind', 'the config must be an object');
  const kind = (config as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !Object.hasOwn(ATTACK_DEFAULTS, kind)) {
    throw new AttackConfigError('kind', `unknown attack ${JSON.stringify(kind)}; expected one of ${Object.keys(ATTACK_DEFAULTS).join(', ')}`);
  }
  const expected = Object.keys(ATTACK_DEFAULTS[config.kind]);
  const given = config as unknown as Record<string, unknown>;
  for (const f of Object.keys(given)) {
    if (!expected.includes(f)) throw new AttackConfigError(f, `not a parameter of ${kind}`);
  }
  const rawNorm = given['norm'];
  if ('norm' in ATTACK_DEFAULTS[config.kind] && rawNorm !== 'linf' && rawNorm !== 'l2') {
    throw new AttackConfigError('norm', `must be 'linf' or 'l2' (got ${JSON.stringify(rawNorm)})`);
  }
  const norm = (rawNorm as Norm | undefined) ?? 'l2';
  for (const f of expected) {
    if (f === 'kind' || f === 'norm') continue;
    const v = given[f];
    const spec = parameterSpec(config.kind, f, norm);
    if (!spec) continue;
    if (spec.type === 'boolean') {
      if (typeof v !== 'boolean') throw new AttackConfigError(f, `must be true or false (got ${JSON.stringify(v)})`);
      continue;
    }
    if (spec.type !== 'number') continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new AttackConfigError(f, `must be a finite number (got ${String(v)})`);
    const lim = spec.limit ?? { min: spec.min, max: spec.max };
    if (lim.exclusiveMin ? v <= lim.min : v < lim.min) {
      throw new AttackConfigError(f, `must be ${lim.exclusiveMin ? '>' : '>='} ${lim.min} (got ${v})`);
    }
    if (v > lim.max) throw new AttackConfigError(f, `must be <= ${lim.max} (got ${v})`);
    if (spec.integer && !Number.isInteger(v)) throw new AttackConfigError(f, `must be a whole number (got ${v})`);
  }
}

/** Shape and value checks on the input batch (one reduction, read back asynchronously). */
export async function validateInput(x: tf.Tensor4D, labels: number[]): Promise<void> {
  if (!x || typeof x !== 'object' || !Array.isArray(x.shape)) throw new AttackInputError('x must be a tf.Tensor4D');
  if (x.isDisposed) throw new AttackInputError('x has been disposed');
  if (x.rank !== 4) throw new AttackInputError(`x must have shape [n, height, width, channels]; got [${x.shape.join(', ')}]`);
  if (x.shape.some((d) => d < 1)) throw new AttackInputError(`x must hold at least one image; got shape [${x.shape.join(', ')}]`);
  if (x.dtype !== 'float32') throw new AttackInputError(`x must be float32 pixels in [0,1]; got ${x.dtype}`);
  if (!Array.isArray(labels) || labels.length !== x.shape[0]) {
    throw new AttackInputError(`labels must hold one class per image: ${x.shape[0]} expected, got ${Array.isArray(labels) ? labels.length : typeof labels}`);
  }
  const min = tf.min(x);
  const max = tf.max(x);
  try {
    const [lo, hi] = [(await min.data())[0]!, (await max.data())[0]!];
    if (!(lo >= 0 && hi <= 1)) {
      throw new AttackInputError(`x must hold pixels in [0,1]; its values span [${lo}, ${hi}] (divide 8-bit pixels by 255)`);
    }
  } finally {
    min.dispose();
    max.dispose();
  }
}

/** Labels and targets against the model's class count. */
export function validateClasses(labels: number[], target: number[] | undefined, numClasses: number): void {
  if (numClasses < 2) throw new AttackInputError(`the model must output at least 2 logits per image; it outputs ${numClasses}`);
  labels.forEach((l, i) => {
    if (!Number.isInteger(l) || l < 0 || l >= numClasses) {
      throw new AttackConfigError(`labels[${i}]`, `must be a class in 0..${numClasses - 1} (got ${l})`);
    }
  });
  if (target === undefined) return;
  if (!Array.isArray(target) || target.length !== labels.length) {
    throw new AttackConfigError('target', `must hold one class per image (${labels.length})`);
  }
  target.forEach((t, i) => {
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t >= numClasses) {
      throw new AttackConfigError(`target[${i}]`, `must be a class in 0..${numClasses - 1} (got ${t})`);
    }
    if (t === labels[i]) throw new AttackConfigError(`target[${i}]`, `equals the label ${t}; a target must be another class`);
  });
}
