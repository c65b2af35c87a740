// Timing the start-up probes: the backend choice's (measureBackends.ts, for the page and the training worker: a 3x3
// convolution block and its input
// gradient at the shape of the model's middle stage, the model's dominant work; the whole model's gradient would
// compile some thirty shaders, which takes seconds on a software GPU, while this compiles three) and the thread
// choice's (threadProbeWorker.ts: the model itself, on WASM only).
import * as tf from '@tensorflow/tfjs';

export interface ProbeWork {
  /** One run, finished when its result has been read back. */
  run(): Promise<void>;
  dispose(): void;
}

/** `batch` images through the block (one for the lab's attacks, a few for training), and its input gradient. */
export function convProbe(batch = 1): ProbeWork {
  const x = tf.randomUniform([batch, 16, 16, 64]) as tf.Tensor4D;
  const filter = tf.randomNormal([3, 3, 64, 64], 0, 0.05) as tf.Tensor4D;
  const gradient = tf.grad((v: tf.Tensor) => tf.sum(tf.relu(tf.conv2d(v as tf.Tensor4D, filter, 1, 'same'))));
  return {
    async run() {
      const g = gradient(x);
      await g.data();
      g.dispose();
    },
    dispose: () => tf.dispose([x, filter]),
  };
}

/** Median ms of the timed runs after one warm-up (it compiles or allocates), while `budgetMs` lasts; null if none finished. */
export async function medianMs(work: ProbeWork, budgetMs: number, timedRuns = 3): Promise<number | null> {
  const started = performance.now();
  const times: number[] = [];
  for (let run = 0; run <= timedRuns && performance.now() - started <= budgetMs; run++) {
    const t0 = performance.now();
    await work.run();
    if (run > 0) times.push(performance.now() - t0);
  }
  return times.length ? times.sort((a, b) => a - b)[times.length >> 1]! : null;
}
