// Command-line flags (and any other text settings) from the specs: a flag is named as its parameter and takes
// the value in the units the page shows (eps and step sizes in /255, shares in %). Nothing is clamped: a value
// the engine does not accept is an error that names the flag.
import { parameterProblem, parseShown, writeShown } from '../attacks/catalog.ts';
import {
  TRAINING_METHODS,
  TrainingConfigError,
  methodParametersIn,
  type AnyMethod,
  type LooseMethod,
  type MethodParameter,
  type MethodTable,
} from './methods.ts';

type Specs = Readonly<Record<string, MethodParameter>>;

/** node:util parseArgs options for every parameter of the specs given (all string-valued). */
export function flagOptions(...specs: Specs[]): Record<string, { type: 'string' }> {
  return Object.fromEntries(specs.flatMap((s) => Object.keys(s)).map((name) => [name, { type: 'string' as const }]));
}

/** Every parameter any method of the table has. */
export function methodFlagSpecs(table: MethodTable = TRAINING_METHODS): Specs {
  return Object.assign({}, ...Object.values(table).map((d) => d.parameters)) as Specs;
}

/** One flag's value in stored units; throws a TrainingConfigError naming the flag when the engine would refuse it. */
export function readFlag(name: string, spec: MethodParameter, raw: string): number | boolean {
  const v = parseShown(spec, raw);
  const problem = v === undefined ? `cannot read ${JSON.stringify(raw)}` : parameterProblem(spec, v);
  if (problem) throw new TrainingConfigError(`--${name}`, problem);
  return v as number | boolean;
}

/**
 * The method `kind` at its defaults for the --eps given (step sizes scale with it), with the other flags on top.
 * Throws a TrainingConfigError for an unknown method, a bad value, or a flag of another method.
 */
export function methodFromFlags(kind: string, flags: Readonly<Record<string, unknown>>, table: MethodTable = TRAINING_METHODS): LooseMethod {
  const d = Object.hasOwn(table, kind) ? table[kind]! : undefined;
  if (!d) throw new TrainingConfigError('--method', `must be one of ${Object.keys(table).join(', ')} (got ${JSON.stringify(kind)})`);
  const specs = d.parameters as Specs;
  const all = methodFlagSpecs(table);
  const given = Object.entries(flags).filter((e): e is [string, string] => typeof e[1] === 'string' && Object.hasOwn(all, e[0]));
  for (const [name] of given) if (!Object.hasOwn(specs, name)) throw new TrainingConfigError(`--${name}`, `not a parameter of ${kind}`);
  const rawEps = given.find(([name]) => name === 'eps')?.[1];
  const eps = rawEps !== undefined ? (readFlag('eps', specs.eps!, rawEps) as number) : 8 / 255;
  const method = d.defaults(eps) as LooseMethod;
  for (const [name, raw] of given) method[name] = readFlag(name, specs[name]!, raw);
  return method;
}

/** The flags that give a method (each of its parameters, in shown units). */
export function methodToFlags(method: AnyMethod, table: MethodTable = TRAINING_METHODS): string[] {
  const values = method as unknown as Record<string, number | boolean>;
  return ['--method', method.kind, ...methodParametersIn(table, method).flatMap(([name, spec]) => [`--${name}`, writeShown(spec, values[name]!)])];
}
