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
