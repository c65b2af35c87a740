// Step bookkeeping shared by the iterative attacks (iterative.ts): cancellation, yielding to the event loop, the
// per-image trajectory and onStep reports.
import * as tf from '@tensorflow/tfjs';
import { readFlags, throwIfAborted, yieldToEventLoop } from '../lib/index.ts';
import type { AttackStep } from './types.ts';

/** Columns of the per-step statistics tensor [n, 4] an attack reads back after each step. */
export function stepStats(loss: tf.Tensor1D, margin: tf.Tensor1D, norm: tf.Tensor1D, logits: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.stack([loss, margin, norm, tf.cast(tf.argMax(logits, 1), 'float32')], 1) as tf.Tensor2D);
}

export class Progress {
  readonly trajectory: AttackStep[][];

  constructor(
    readonly n: number,
    private readonly signal: AbortSignal | undefined,
    private readonly onStep: ((s: AttackStep) => void) | undefined,
  ) {
    this.trajectory = Array.from({ length: n }, () => []);
  }

  throwIfAborted(): void {
    throwIfAborted(this.signal);
  }

  /** Reads a boolean (or 0/1) tensor and disposes it. */
  readFlags(t: tf.Tensor): Promise<boolean[]> {
    return readFlags(t);
  }

  /** Records row r of read-back stats (see stepStats) as the state of image images[r]. */
  record(
    data: Float32Array,
    images: readonly number[],
    at: { round: number; step: number | ((i: number) => number); progress: number },
  ): void {
    images.forEach((i, r) => {
      const s: AttackStep = {
        image: i,
        round: at.round,
        step: typeof at.step === 'number' ? at.step : at.step(i),
        loss: data[4 * r]!,
        margin: data[4 * r + 1]!,
        norm: data[4 * r + 2]!,
        pred: data[4 * r + 3]!,
        progress: Math.min(1, Math.max(0, at.progress)),
      };
      this.trajectory[i]!.push(s);
      this.onStep?.(s);
    });
  }

  /** Between steps: yield to the event loop, then honour a cancellation. */
  async pause(): Promise<void> {
    await yieldToEventLoop();
    this.throwIfAborted();
  }
}
