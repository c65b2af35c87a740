// Entry checks that need no tensors: a bad config throws a RangeError naming the field; bad labels and targets too.
// The catalog's config validation lives here; the tensor check is validateInput.ts.
import { configProblemIn, type DescriptorTable, type LooseConfig } from './descriptor.ts';
import { ATTACK_DESCRIPTORS } from './descriptors/index.ts';
import type { AttackConfig } from './catalogTypes.ts';

export class AttackConfigError extends RangeError {
  override name = 'RangeError';
  constructor(
    readonly field: string,
    message: string,
  ) {
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
