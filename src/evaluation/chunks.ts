// Large labelled sets go through the model a chunk at a time: bounded memory, and the page gets the thread back
// between chunks.
import * as tf from '@tensorflow/tfjs';
import { throwIfAborted, yieldToEventLoop } from '../lib/index.ts';

/**
 * Calls `body` on consecutive chunks of at most `size` images of x (slices, disposed after; x itself when it
 * fits in one), checking the signal before and yielding to the event loop between chunks.
 */
export async function forEachChunk(
  x: tf.Tensor4D,
  labels: readonly number[],
  size: number,
  signal: AbortSignal | undefined,
  body: (chunk: tf.Tensor4D, chunkLabels: number[], start: number) => Promise<void>,
): Promise<void> {
  const n = x.shape[0];
  const step = Math.max(1, size);
  for (let start = 0; start < n; start += step) {
    throwIfAborted(signal);
    const count = Math.min(step, n - start);
    const chunk = count === n ? x : (tf.slice(x, start, count) as tf.Tensor4D);
    try {
      await body(chunk, labels.slice(start, start + count), start);
    } finally {
      if (chunk !== x) chunk.dispose();
    }
    if (start + step < n) await yieldToEventLoop();
  }
}
