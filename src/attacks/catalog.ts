// The attack catalog: everything about the attacks that needs no tensors. Descriptors, parameter specs, defaults,
// config validation, the Python equivalents and the evaluation rule, derived from the descriptors (descriptors/).
// The store, links, lessons and views import this file only; its whole import graph is free of tfjs (a test walks
// it), so they never load the engine to read a label. index.ts, the engine, re-exports it.
import { ATTACK_DESCRIPTORS } from './descriptors/index.ts';
import { defaultsIn, parametersIn, specIn, type DescriptorTable, type LooseConfig } from './descriptor.ts';
import type { ParameterSpec, SpecEntry } from './parameters.ts';
import type { AttackConfig, AttackKind, ConfigOf, Norm } from './catalogTypes.ts';

export type {
  ApgdConfig,
  ApgdLoss,
  AttackConfig,
  AttackKind,
  AttackStep,
  CarliniWagnerConfig,
  ConfigOf,
  DeepFoolConfig,
  FgsmConfig,
  Norm,
  PerturbationNorms,
  PgdConfig,
  SquareConfig,
} from './catalogTypes.ts';
export { ATTACK_DESCRIPTORS, ATTACK_KINDS } from './descriptors/index.ts';
export type { AttackDescriptors } from './descriptors/index.ts';
export { configProblemIn, defaultsIn, descriptorIn, initialConfigsIn, normFieldsIn, normOf, parametersIn, specIn } from './descriptor.ts';
export type { AnyAttackDescriptor, AttackDescriptor, DescriptorTable, LooseConfig } from './descriptor.ts';
export {
  EPS as EPS_SPECS,
  NORM as NORM_SPEC,
  STEP_SIZE as STEP_SIZE_SPECS,
  clampToSpec,
  formatParameter,
  parameterProblem,
  parseShown,
  resolveSpec,
  writeShown,
} from './parameters.ts';
export type { BooleanParameter, ChoiceParameter, NumberParameter, ParameterSpec, SpecEntry } from './parameters.ts';
export { AttackConfigError, AttackInputError, validateConfig } from './validate.ts';
export { pgdEvaluation, type PgdEvaluationOptions } from './pgdEvaluation.ts';
export { APGD_T_CLASSES } from './apgdAims.ts';

const byKind = <T>(f: (k: AttackKind) => T) =>
  Object.freeze(Object.fromEntries(Object.keys(ATTACK_DESCRIPTORS).map((k) => [k, f(k as AttackKind)]))) as { readonly [K in AttackKind]: T };

/** Each attack's literature defaults. */
export const ATTACK_DEFAULTS = byKind((k) => ATTACK_DESCRIPTORS[k].defaults) as { readonly [K in AttackKind]: ConfigOf<K> };
/** Each attack's parameter specs in display order (per norm where the units depend on it). */
export const PARAMETERS = byKind((k) => ATTACK_DESCRIPTORS[k].parameters) as {
  readonly [K in AttackKind]: { [F in Exclude<keyof ConfigOf<K>, 'kind'>]: SpecEntry };
};
/** Accepts options.target (DeepFool looks for the nearest boundary, whichever class is behind it). */
export const SUPPORTS_TARGET = byKind((k) => ATTACK_DESCRIPTORS[k].targeted);

export type ParameterName = Exclude<{ [K in AttackKind]: keyof ConfigOf<K> }[AttackKind], 'kind'>;

/** Whether a run of this config draws a random start (so another seed gives another result). */
export function drawsRandomStart(config: AttackConfig): boolean {
  const d = ATTACK_DESCRIPTORS[config.kind] as { randomStart?: (c: AttackConfig) => boolean };
  return d.randomStart?.(config) ?? false;
}

/** The defaults of an attack for a given norm (the norm is ignored by attacks that have none). */
export function defaultsFor<K extends AttackKind>(kind: K, norm?: Norm): ConfigOf<K> {
  return defaultsIn(ATTACK_DESCRIPTORS, kind, norm) as unknown as ConfigOf<K>;
}

/** The spec of one parameter of an attack, resolved for a norm (linf when the attack has none). */
export function parameterSpec(kind: AttackKind, field: string, norm: Norm = 'linf'): ParameterSpec | undefined {
  return specIn(ATTACK_DESCRIPTORS, kind, field, norm);
}

/** The parameters of a config as [field, spec] pairs in display order (the norm picks eps's units). */
export function parameterList(config: AttackConfig): [ParameterName, ParameterSpec][] {
  return parametersIn(ATTACK_DESCRIPTORS, config) as [ParameterName, ParameterSpec][];
}

const PYTHON_HEADER = '# images: float tensor [n,3,32,32] in [0,1]; labels: [n] class indices; model returns logits';

/**
 * "Copy as Python": the same attack with the same parameters and scale, for a notebook (inputs in [0,1],
 * normalisation inside the model, as in Epsilon). Each descriptor writes its own lines; an untargeted attack
 * ignores `target`.
 */
export function pythonSnippet(config: AttackConfig | LooseConfig, target: number | null, table: DescriptorTable = ATTACK_DESCRIPTORS): string {
  const d = table[config.kind]!;
  return [PYTHON_HEADER, ...d.python(config, d.targeted ? target : null)].join('\n');
}
