// What both attack benchmarks (Node: scripts/bench/attacks.ts, browser: bench.html) measure with.
import * as tf from '@tensorflow/tfjs';
import {
  ATTACK_DESCRIPTORS,
  ATTACK_KINDS,
  crossEntropy,
  defaultsFor,
  valueAndGradient,
  type AttackConfig,
  type AttackKind,
  type ModelFn,
} from '../attacks/index.ts';

/** One row of the browser attack benchmark (bench.html -> scripts/bench/browser.ts). */
export interface BenchRow {
  attack: AttackKind;
  batch: number;
  msPerImage: number;
  gradientEvaluations: number;
  gradientMs: number;
  overhead: number;
  capped: boolean;
}

/** Budgets for slow backends, from the descriptors: few steps, so the per-step cost is still measured. */
export const CAPPED = Object.fromEntries(ATTACK_KINDS.map((k) => [k, ATTACK_DESCRIPTORS[k].capped])) as {
  [K in AttackKind]: Partial<Extract<AttackConfig, { kind: K }>>;
};

/** The attack's defaults with the CAPPED budget. */
export function cappedConfig(kind: AttackKind): AttackConfig {
  return { ...defaultsFor(kind), ...CAPPED[kind] } as AttackConfig;
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Starts a wall-clock stopwatch; calling the result reads it (ms). */
const stopwatch = () => {
  const t0 = performance.now();
  return () => performance.now() - t0;
};

/**
 * The time of each of `runs` calls of `fn` (in a tidy), its output read back so the backend has really finished,
 * then disposed. Wall ms, or what `start` measures (it starts a clock and returns its reading).
 */
export async function timeRuns(runs: number, fn: () => tf.Tensor | tf.Tensor[]): Promise<number[]>;
export async function timeRuns<T>(runs: number, fn: () => tf.Tensor | tf.Tensor[], start: () => () => T): Promise<T[]>;
export async function timeRuns(runs: number, fn: () => tf.Tensor | tf.Tensor[], start: () => () => unknown = stopwatch): Promise<unknown[]> {
  const times: unknown[] = [];
  for (let i = 0; i < runs; i++) {
    const read = start();
    const out = tf.tidy(fn);
    await Promise.all((Array.isArray(out) ? out : [out]).map((t) => t.data()));
    tf.dispose(out);
    times.push(read());
  }
  return times;
}

/**
 * ms of each of `runs` forward+backward passes (input gradient of the cross-entropy) at this batch, read back:
 * the very pass the attacks take (objectives.ts valueAndGradient of crossEntropy), so "one gradient" in an
 * overhead ratio is what an attack step really pays for it.
 */
export async function gradientTimes(model: ModelFn, x: tf.Tensor4D, labels: number[], runs: number): Promise<number[]> {
  const ref = tf.tensor1d(labels, 'int32');
  const times = await timeRuns(runs, () => valueAndGradient(x, (v) => ({ objective: crossEntropy(model(v), ref) })).grad);
  ref.dispose();
  return times;
}

/** A Markdown table of text cells, columns padded to their widest cell. */
export function textTable(header: string[], cells: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
