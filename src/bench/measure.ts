// What both attack benchmarks (Node: scripts/bench/attacks.ts, browser: bench.html) measure with.
import * as tf from '@tensorflow/tfjs';
import type { AttackConfig, AttackKind, ModelFn } from '../attacks/index.ts';

/** Budgets for slow backends: few steps, so the per-step cost is still measured. */
export const CAPPED: { [K in AttackKind]: Partial<Extract<AttackConfig, { kind: K }>> } = {
  fgsm: {},
  pgd: { steps: 3 },
  deepfool: { steps: 2 },
  cw: { binarySearchSteps: 1, steps: 5 },
};

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** ms of each of `runs` forward+backward passes (input gradient of the cross-entropy) at this batch, read back. */
export async function gradientTimes(model: ModelFn, x: tf.Tensor4D, labels: number[], runs: number): Promise<number[]> {
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10));
  const g = tf.grad((v: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, model(v as tf.Tensor4D)));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = g(x);
    await out.data();
    out.dispose();
    times.push(performance.now() - t0);
  }
  y.dispose();
  return times;
}

/** A Markdown table of text cells, columns padded to their widest cell. */
export function textTable(header: string[], cells: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
