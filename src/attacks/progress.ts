// Step bookkeeping shared by the iterative attacks (iterative.ts): cancellation, yielding to the event loop, the
// per-image trajectory and onStep reports.
import * as tf from '@tensorflow/tfjs';
import type { AttackStep } from './types.ts';

function abortError(): Error {
  if (typeof DOMException === 'function') return new DOMException('The attack was cancelled', 'AbortError');
  const e = new Error('The attack was cancelled');
  e.name = 'AbortError';
  return e;
}

/** True for the rejection of a cancelled job (an attack, a measurement, a curve or training whose signal fired). */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

type Resume = () => void;
const scheduleMacrotask: (resume: Resume) => void = (() => {
  const g = globalThis as { setImmediate?: (f: Resume) => unknown; MessageChannel?: typeof MessageChannel };
  if (typeof g.setImmediate === 'function') return (resume: Resume) => void g.setImmediate!(resume);
  if (typeof g.MessageChannel === 'function') {
    // Unlike setTimeout(0), a message is not clamped to 4 ms after a few nested calls.
    const channel = new g.MessageChannel();
    const queue: Resume[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    return (resume: Resume) => {
      queue.push(resume);
      channel.port2.postMessage(0);
    };
  }
  return (resume: Resume) => void setTimeout(resume, 0);
})();

/** Lets the page render and handle input (and an abort) between steps. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => scheduleMacrotask(resolve));
}

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
  async readFlags(t: tf.Tensor): Promise<boolean[]> {
    try {
      return Array.from(await t.data(), (v) => v !== 0);
    } finally {
      t.dispose();
    }
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
