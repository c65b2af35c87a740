// Step bookkeeping shared by the iterative attacks (iterative.ts): the statistics a step reports by name, read back
// in one transfer; cancellation, yielding to the event loop, the per-image trajectory and onStep reports.
import * as tf from '@tensorflow/tfjs';
import { throwIfAborted, yieldToEventLoop } from '../lib/index.ts';
import { margin } from './objectives.ts';
import type { AttackStep } from './types.ts';

/** The statistics of the trajectory, in the order they travel in one read-back. */
const STAT_NAMES = ['loss', 'margin', 'norm', 'prediction'] as const;
type StatName = (typeof STAT_NAMES)[number];

/** A point's statistics per image (or computed row); see AttackStep for what each means. */
export type StepStats = { [K in StatName]: tf.Tensor1D };
/** One image's statistics, read back. */
export type StepRecord = { [K in StatName]: number };

/** The statistics of points with these logits: the attack's loss and norm as given, the margin and prediction from the logits. In tf.tidy. */
export function pointStats(loss: tf.Tensor1D, norm: tf.Tensor1D, logits: tf.Tensor2D, ref: tf.Tensor1D, targeted: boolean): StepStats {
  return { loss, margin: margin(logits, ref, targeted), norm, prediction: tf.argMax(logits, 1) as tf.Tensor1D };
}

/** All the statistics as one [rows, 4] tensor, so that one read-back brings them. In tf.tidy. */
export function packStats(s: StepStats): tf.Tensor2D {
  return tf.stack(
    STAT_NAMES.map((k) => (s[k].dtype === 'float32' ? s[k] : tf.cast(s[k], 'float32'))),
    1,
  ) as tf.Tensor2D;
}

/** The records of `rows` rows of read-back packStats. */
export function unpackStats(data: Float32Array, rows: number): StepRecord[] {
  const w = STAT_NAMES.length;
  return Array.from({ length: rows }, (_, r) => Object.fromEntries(STAT_NAMES.map((k, j) => [k, data[w * r + j]!])) as StepRecord);
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

  /** Records records[r] as the state of image images[r]. */
  record(
    records: readonly StepRecord[],
    images: readonly number[],
    at: { round: number; step: number | ((i: number) => number); progress: number },
  ): void {
    images.forEach((i, r) => {
      const { loss, margin, norm, prediction } = records[r]!;
      const s: AttackStep = {
        image: i,
        round: at.round,
        step: typeof at.step === 'number' ? at.step : at.step(i),
        loss,
        margin,
        norm,
        pred: prediction,
        progress: Math.min(1, Math.max(0, at.progress)),
      };
      this.trajectory[i]!.push(s);
      this.onStep?.(s);
    });
  }

  /** Between steps: yield to the event loop, then honour a cancellation. */
  async pause(): Promise<void> {
    await yieldToEventLoop();
    throwIfAborted(this.signal);
  }
}
