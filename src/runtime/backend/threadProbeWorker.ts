// A probe worker: WASM on the thread count in its name (wasmThreads.ts); times the job it is asked for on the
// model's own architecture (random weights, nothing to fetch) and posts the median back once. Started and ended
// by threadChoice.ts.
import * as tf from '@tensorflow/tfjs';
import { startWorkerWasm } from './backend.ts';
import { wasmThreading } from './wasmThreads.ts';
import { medianMs, type ProbeWork } from './probeWork.ts';
import type { ThreadJob, ThreadTiming } from './threadDecision.ts';
import { buildEpsilonCnn } from '../../model/architecture.ts';
import type { ModelFn } from '../../attacks/index.ts';
import { createOptimizer, methodDefaults, trainStep, withInferenceFn } from '../../training/index.ts';

/** Timed runs stop here (a slow machine reports what it had). */
const BUDGET_MS = 6000;
const TRAINING_BATCH = 8;

/** Gradients per timed run: a few attack steps, long enough that the clock's noise does not decide. */
const ATTACK_STEPS = 5;

/** The lab's unit of work: attack steps on one image (its input gradient through the model as attacks see it). */
function attackWork(f: ModelFn): ProbeWork {
  const x = tf.randomUniform([1, 32, 32, 3]) as tf.Tensor4D;
  const y = tf.oneHot([3], 10);
  const gradient = tf.grad((v: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, f(v as tf.Tensor4D)) as tf.Scalar);
  return {
    async run() {
      for (let step = 0; step < ATTACK_STEPS; step++) {
        const g = gradient(x);
        await g.data();
        g.dispose();
      }
    },
    dispose: () => tf.dispose([x, y]),
  };
}

/** Training's unit of work: one Fast-AT step, the page's default method. */
function trainingWork(model: tf.LayersModel): ProbeWork {
  const x = tf.randomUniform([TRAINING_BATCH, 32, 32, 3]) as tf.Tensor4D;
  const labels = Array.from({ length: TRAINING_BATCH }, (_, i) => i % 10);
  const sgd = createOptimizer('sgd', 0.001);
  let seed = 0;
  return {
    run: () => trainStep(model, sgd.optimizer, { x, labels }, methodDefaults('fast'), { weightDecay: 5e-4, seed: seed++ }).then(() => undefined),
    dispose: () => {
      x.dispose();
      sgd.dispose();
    },
  };
}

async function time(work: ProbeWork, timedRuns: number): Promise<number | null> {
  try {
    return await medianMs(work, BUDGET_MS, timedRuns);
  } finally {
    work.dispose();
  }
}

async function probe(job: ThreadJob): Promise<ThreadTiming> {
  await startWorkerWasm();
  const model = buildEpsilonCnn();
  try {
    const ms = job === 'attack' ? await withInferenceFn(model, (f) => time(attackWork(f), 3)) : await time(trainingWork(model), 2);
    return { threads: wasmThreading().threads, ms };
  } finally {
    model.dispose();
  }
}

const scope = self as unknown as {
  postMessage(m: ThreadTiming | { error: string }): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ThreadJob>) => void): void;
};
scope.addEventListener('message', (e) => {
  probe(e.data).then(
    (t) => scope.postMessage(t),
    (err: unknown) => scope.postMessage({ error: String(err) }),
  );
});
