// What the app knows about an attack apart from its code: names, defaults, parameter specs and its Python
// equivalent. Plain data and pure functions (no tfjs), so the page, links and scripts read the same table that
// runAttack validates against. The functions here take the table as an argument: a test can add an attack to a
// copy of it and meet exactly the derivations the app uses.
import type { Norm } from './catalogTypes.ts';
import { parameterProblem, resolveSpec, type ParameterSpec, type SpecEntry } from './parameters.ts';

export interface AttackDescriptor<C extends { kind: string }> {
  kind: C['kind'];
  /** Full name, for messages. */
  name: string;
  /** Short label of the page's attack picker. */
  label: string;
  /** Accepts options.target. */
  targeted: boolean;
  /** Has an eps budget: results stay inside the eps-ball, and eps = 0 returns x. */
  fixedEps: boolean;
  /** Literature defaults (for attacks with a norm: at the norm given here). */
  defaults: C;
  /** Defaults that change with the norm (eps and step sizes are in the norm's units). */
  byNorm?: Record<Norm, Partial<C>>;
  /** Every parameter, in display order. The type checker insists on one entry per field of the config. */
  parameters: { [F in Exclude<keyof C, 'kind'>]: SpecEntry };
  /** What the result's steps count: gradient steps (the default) or queries, forward passes an attack that sees only the logits spends. */
  counts?: 'steps' | 'queries';
  /** Whether a run draws a random start (then "Run again" draws another); none when absent. */
  randomStart?(config: C): boolean;
  /** A small budget for slow backends (benchmarks): few steps, so the per-step cost is still measured. */
  capped: Partial<C>;
  /** The same attack for a PyTorch notebook (torchattacks or foolbox), as lines of Python. */
  python(config: C, target: number | null): string[];
}

/** Any attack's descriptor, its config seen as plain fields. */
export type AnyAttackDescriptor = AttackDescriptor<{ kind: string }>;
/** A table of descriptors by kind (the app's, or a test's with an attack added). */
export type DescriptorTable = Readonly<Record<string, AnyAttackDescriptor>>;
/** A config of any attack in a table. */
export type LooseConfig = { kind: string } & Record<string, unknown>;

const fieldsOf = (d: AnyAttackDescriptor) => d.parameters as Record<string, SpecEntry>;

/** The descriptor of a kind, or undefined when the table has none. */
export function descriptorIn(table: DescriptorTable, kind: unknown): AnyAttackDescriptor | undefined {
  return typeof kind === 'string' && Object.hasOwn(table, kind) ? table[kind] : undefined;
}

/** The defaults of an attack for a norm (attacks without a norm ignore it). */
export function defaultsIn(table: DescriptorTable, kind: string, norm?: Norm): LooseConfig {
  const d = table[kind]!;
  const base = { ...d.defaults } as LooseConfig;
  if (!norm || !('norm' in base)) return base;
  return { ...base, norm, ...(d.byNorm?.[norm] ?? {}) };
}

/** The fields that take another default when the norm changes (the norm itself included). */
export function normFieldsIn(table: DescriptorTable, kind: string): string[] {
  const byNorm = table[kind]!.byNorm;
  return byNorm ? ['norm', ...new Set(Object.values(byNorm).flatMap((p) => Object.keys(p)))] : [];
}

/** The norm a config's units follow (linf for attacks without one). */
export const normOf = (config: object): Norm => ('norm' in config && config.norm === 'l2' ? 'l2' : 'linf');

/** The spec of one parameter for a norm, or undefined when the attack has no such parameter. */
export function specIn(table: DescriptorTable, kind: string, field: string, norm: Norm = 'linf'): ParameterSpec | undefined {
  const entry = fieldsOf(table[kind]!)[field];
  return entry ? resolveSpec(entry, norm) : undefined;
}

/** The parameters of a config as [field, spec] pairs in display order (its norm picks the units). */
export function parametersIn(table: DescriptorTable, config: { kind: string }): [string, ParameterSpec][] {
  const norm = normOf(config);
  return Object.entries(fieldsOf(table[config.kind]!)).map(([f, entry]) => [f, resolveSpec(entry, norm)]);
}

/** A fresh copy of every attack's defaults, by kind. */
export function initialConfigsIn(table: DescriptorTable): Record<string, LooseConfig> {
  return Object.fromEntries(Object.keys(table).map((k) => [k, defaultsIn(table, k)]));
}

/**
 * The first problem of a config against its attack's specs, as the field and what is wrong with it; null when it
 * is valid. Checks the kind, unknown fields, then every field in display order.
 */
export function configProblemIn(table: DescriptorTable, config: unknown): { field: string; message: string } | null {
  if (typeof config !== 'object' || config === null) return { field: 'kind', message: 'the config must be an object' };
  const given = config as Record<string, unknown>;
  const d = descriptorIn(table, given.kind);
  if (!d) return { field: 'kind', message: `unknown attack ${JSON.stringify(given.kind)}; expected one of ${Object.keys(table).join(', ')}` };
  const fields = fieldsOf(d);
  for (const f of Object.keys(given)) {
    if (f !== 'kind' && !Object.hasOwn(fields, f)) return { field: f, message: `not a parameter of ${d.kind}` };
  }
  // The norm first: it picks the units of the others.
  const ordered = Object.keys(fields).sort((a, b) => Number(b === 'norm') - Number(a === 'norm'));
  for (const f of ordered) {
    const problem = parameterProblem(resolveSpec(fields[f]!, normOf(given)), given[f]);
    if (problem) return { field: f, message: problem };
  }
  return null;
}
