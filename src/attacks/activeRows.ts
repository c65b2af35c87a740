// The rows an iterative attack still computes on: the images not yet done, so that finished images cost nothing.
// On WebGL, row counts are powers of two (padded with repeats of the first active image), so the backend meets
// few distinct shapes and compiles few shaders; the repeats compute what their original does and are never read.
// CPU-side backends (WASM, CPU) compile nothing per shape: there the rows are exactly the active images.
import * as tf from '@tensorflow/tfjs';

export interface ActiveRows {
  /** Batch indices of the active images, in order. */
  readonly active: number[];
  /** Batch index behind each row: the active images, then (when padded) repeats of the first up to a power of two. */
  readonly rows: number[];
  /** For each image of the batch, its row in concat([batch, rows]): n + its row when active, else itself. */
  readonly back: number[];
}

/** The rows for the images whose flag is true (at least one). */
export function activeRows(isActive: boolean[], powerOfTwo = tf.getBackend() === 'webgl'): ActiveRows {
  const n = isActive.length;
  const active = isActive.flatMap((a, i) => (a ? [i] : []));
  if (active.length === 0) throw new RangeError('activeRows needs at least one active image');
  const count = powerOfTwo ? Math.min(n, 2 ** Math.ceil(Math.log2(active.length))) : active.length;
  const rows = Array.from({ length: count }, (_, r) => active[r] ?? active[0]!);
  const rowOf = new Map(active.map((i, r) => [i, r]));
  const back = Array.from({ length: n }, (_, i) => (rowOf.has(i) ? n + rowOf.get(i)! : i));
  return { active, rows, back };
}

/** Rows `rows` (batch indices) of a batch-sized tensor. */
export function gatherRows<T extends tf.Tensor>(t: T, rows: number[]): T {
  // Every row in order (a batch of one, or all images still moving) is the tensor itself: no gather to pay for.
  if (rows.length === t.shape[0] && rows.every((r, i) => r === i)) return tf.clone(t);
  return tf.tidy(() => tf.gather(t, tf.tensor1d(rows, 'int32')) as T);
}

/** A batch-sized tensor: the computed rows for the active images, `batch` for the others. */
export function mergeRows<T extends tf.Tensor>(batch: T, computed: T, back: number[]): T {
  const n = batch.shape[0];
  if (computed.shape[0] === n && back.every((b, i) => b === n + i)) return tf.clone(computed);
  return tf.tidy(() => tf.gather(tf.concat([batch, computed]), tf.tensor1d(back, 'int32')) as T);
}
