// The decision landscape: the model's answer over a grid in the plane x + a*d1 + b*d2 (clipped to [0,1]),
// computed in small batches so that the caller can yield, give way to other work, report progress and cancel.
import * as tf from '@tensorflow/tfjs';
import { crossEntropy, type ModelFn } from '../attacks/index.ts';
import { throwIfAborted } from '../lib/index.ts';
import { gridOffsets, gridPoint } from './grid.ts';
import type { Plane } from './plane.ts';

/**
 * The app's landscape: 41x41 points over +-16/255 (twice the usual 8/255 budget, so the boundary shows on both
 * sides), a first batch of 8 points and then batches of about 40 ms: a slider event waiting for one is not felt.
 */
export const LANDSCAPE_DEFAULTS = { size: 41, radius: 16 / 255, batch: 8, batchMs: 40 } as const;

export interface LandscapeOptions {
  /** Points per side (odd: the image is a grid point). */
  size: number;
  /** Largest coefficient, in pixel units (16/255 by default in the app). */
  radius: number;
  /** The class whose cross-entropy is the loss along the attack direction. */
  reference: number;
  /** Points per forward pass (default: one row), or the first batch's size when batchMs is set. */
  batch?: number;
  /**
   * Adapt the batch so that one takes about this long (ms): on a slow backend (software WebGL) a row can take
   * seconds, and work waiting between batches (a slider's prediction) would wait that long.
   */
  batchMs?: number;
  signal?: AbortSignal;
  /** Awaited between batches (the app yields to the page there). */
  between?: () => Promise<void>;
  /** Fraction of points done, 0..1, after each batch. */
  onProgress?: (done: number) => void;
}

export interface Landscape {
  size: number;
  radius: number;
  /** The coefficients of columns (a) and, reversed, of rows (b): see gridPoint. */
  offsets: number[];
  /** Predicted class per point, row-major in display order. */
  pred: Uint8Array;
  /** The predicted class's probability per point. */
  confidence: Float32Array;
  /** Cross-entropy at the reference class along d1 (b = 0), one value per column. */
  lossAlong: Float32Array;
}

/** x + a*d1 + b*d2 clipped to [0,1], one image per (a, b). In tf.tidy. */
export function planePoints(x: tf.Tensor4D, plane: Plane, a: number[], b: number[]): tf.Tensor4D {
  const n = a.length;
  const ca = tf.reshape(tf.tensor1d(a), [n, 1, 1, 1]);
  const cb = tf.reshape(tf.tensor1d(b), [n, 1, 1, 1]);
  return tf.clipByValue(tf.add(x, tf.add(tf.mul(ca, plane.d1), tf.mul(cb, plane.d2))), 0, 1) as tf.Tensor4D;
}

/**
 * The batch that takes about `ms` at `perPointMs`, as a power of two (a few fixed shapes: WebGL compiles its
 * programs per shape) and at most n.
 */
export function adaptedBatch(ms: number, perPointMs: number, n: number): number {
  const want = Math.max(1, Math.min(n, ms / Math.max(1e-3, perPointMs)));
  return 2 ** Math.floor(Math.log2(want));
}

export async function computeLandscape(model: ModelFn, x: tf.Tensor4D, plane: Plane, o: LandscapeOptions): Promise<Landscape> {
  const { size: n } = o;
  const offsets = gridOffsets(n, o.radius);
  const pred = new Uint8Array(n * n);
  const confidence = new Float32Array(n * n);
  const lossAlong = new Float32Array(n);
  const total = n * n;
  let batch = Math.max(1, Math.floor(o.batch ?? n));
  // The b = 0 row, whose loss is kept: its flat indices.
  const lossStart = ((n - 1) / 2) * n;
  for (let start = 0, count = 0; start < total; start += count) {
    throwIfAborted(o.signal);
    count = Math.min(batch, total - start);
    const started = performance.now();
    const pts = Array.from({ length: count }, (_, k) => gridPoint(offsets, Math.floor((start + k) / n), (start + k) % n));
    const out = tf.tidy(() => {
      const z = model(
        planePoints(
          x,
          plane,
          pts.map((p) => p.a),
          pts.map((p) => p.b),
        ),
      );
      const probs = tf.softmax(z);
      return { arg: tf.argMax(probs, 1), top: tf.max(probs, 1), loss: crossEntropy(z, tf.fill([count], o.reference, 'int32') as tf.Tensor1D) };
    });
    try {
      const [arg, top, loss] = await Promise.all([out.arg.data(), out.top.data(), out.loss.data()]);
      pred.set(arg, start);
      confidence.set(top, start);
      for (let k = 0; k < count; k++) {
        const i = start + k - lossStart;
        if (i >= 0 && i < n) lossAlong[i] = loss[k]!;
      }
    } finally {
      tf.dispose([out.arg, out.top, out.loss]);
    }
    if (o.batchMs !== undefined) batch = adaptedBatch(o.batchMs, (performance.now() - started) / count, n);
    o.onProgress?.(Math.min(1, (start + count) / total));
    if (start + count < total) await o.between?.();
  }
  return { size: n, radius: o.radius, offsets, pred, confidence, lossAlong };
}
