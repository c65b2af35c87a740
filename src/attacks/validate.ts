// Entry checks: a bad config throws a RangeError naming the field; bad inputs throw an AttackInputError.
import * as tf from '@tensorflow/tfjs';
import { configProblemIn, type DescriptorTable, type LooseConfig } from './descriptor.ts';
import { ATTACK_DESCRIPTORS } from './descriptors/index.ts';
import type { AttackConfig } from './types.ts';

export class AttackConfigError extends RangeError {
  override name = 'RangeError';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export class AttackInputError extends Error {
  override name = 'AttackInputError';
}

/** Throws AttackConfigError (a RangeError) naming the first bad field; `table` is the app's attacks unless given. */
export function validateConfig(config: AttackConfig | LooseConfig, table: DescriptorTable = ATTACK_DESCRIPTORS): void {
  const problem = configProblemIn(table, config);
  if (problem) throw new AttackConfigError(problem.field, problem.message);
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
