// The app's attack table seen per kind, typed: defaults, parameter specs, and the helpers the page builds its
// controls with. Everything here is derived from the descriptors (descriptors/); no tfjs.
import { ATTACK_DESCRIPTORS } from './descriptors/index.ts';
import { defaultsIn, parametersIn, specIn } from './descriptor.ts';
import type { ParameterSpec, SpecEntry } from './parameters.ts';
import type { AttackConfig, AttackKind, ConfigOf, Norm } from './types.ts';

export { ATTACK_DESCRIPTORS, ATTACK_KINDS } from './descriptors/index.ts';
export type { AttackDescriptors } from './descriptors/index.ts';
export { formatParameter } from './parameters.ts';
export type { BooleanParameter, ChoiceParameter, NumberParameter, ParameterSpec, SpecEntry } from './parameters.ts';

const byKind = <T>(f: (k: AttackKind) => T) =>
  Object.freeze(Object.fromEntries(Object.keys(ATTACK_DESCRIPTORS).map((k) => [k, f(k as AttackKind)]))) as { readonly [K in AttackKind]: T };

/** Each attack's literature defaults. */
export const ATTACK_DEFAULTS = byKind((k) => ATTACK_DESCRIPTORS[k].defaults) as { readonly [K in AttackKind]: ConfigOf<K> };
/** Each attack's parameter specs in display order (per norm where the units depend on it). */
export const PARAMETERS = byKind((k) => ATTACK_DESCRIPTORS[k].parameters) as { readonly [K in AttackKind]: { [F in Exclude<keyof ConfigOf<K>, 'kind'>]: SpecEntry } };
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
