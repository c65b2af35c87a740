// `npx tsx scripts/bench/wasmKernels.ts`: what src/model/kernels/wasmKernels.ts buys on the WASM backend (Node).
//  1. Training images/s of the real Epsilon CNN (buildEpsilonCnn, 289k parameters), one trainOnBatch =
//     forward + backward + SGD update (+ BatchNorm statistics): on WASM with our kernels at batch 32, and
//     on the CPU backend (WASM without our kernels cannot train: it has no Conv2DBackpropFilter). The
//     CPU backend needs ~10 CPU seconds per image for this network (almost all in its Conv2DBackpropFilter),
//     so it is measured at batch 1 (one step; its cost is linear in the batch) to keep the script short.
//  2. Per-kernel times on WASM for a representative layer (conv4: 32x16x16x64 -> 64, 3x3, same), the
//     shipped kernels against ours: Conv2DBackpropInput (stride 1 and 2), MaxPoolGrad (pool1), and our
//     Conv2DBackpropFilter next to the forward Conv2D it is built on.
// Prints figures, asserts nothing; about a minute on two quiet cores. Times are medians of a few runs, in
// process CPU time (user + system; tfjs-wasm runs single-threaded in Node), which stays meaningful when
// other jobs share the machine; wall-clock figures are printed alongside.
import * as tf from '@tensorflow/tfjs';
import { median, textTable, timeRuns } from '../../src/bench/measure.ts';
import { buildEpsilonCnn } from '../../src/model/architecture.ts';
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels } from '../../src/model/kernels/wasmKernels.ts';
import { useBackend } from '../../node/tfBackend.ts';

const BATCH = 32;
const CPU_BATCH = 1;

interface Clock {
  wall: number;
  cpu: number;
}

/** Wall and process CPU time (ms) since `since` (or since the process started). */
function clock(since?: Clock): Clock {
  const u = process.cpuUsage();
  const now = { wall: performance.now(), cpu: (u.user + u.system) / 1000 };
  return since ? { wall: now.wall - since.wall, cpu: now.cpu - since.cpu } : now;
}

/** Median CPU and wall time (ms) of `fn`, whose result is read back so the backend has really finished. */
async function timeIt(fn: () => tf.Tensor, runs: number, warmup = 1): Promise<Clock> {
  const times = (
    await timeRuns(warmup + runs, fn, () => {
      const t0 = clock();
      return () => clock(t0);
    })
  ).slice(warmup);
  return { wall: median(times.map((t) => t.wall)), cpu: median(times.map((t) => t.cpu)) };
}

async function trainingImagesPerSecond(batch: number, steps: number, warmup: boolean): Promise<{ ips: number; wallIps: number; losses: number[] }> {
  const model = buildEpsilonCnn();
  model.compile({
    optimizer: tf.train.sgd(0.01),
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  });
  const x = tf.randomUniform([batch, 32, 32, 3], 0, 1, 'float32', 1);
  const y = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: batch }, (_, i) => i % 10),
      'int32',
    ),
    10,
  );
  const losses: number[] = [];
  const step = async () => {
    const l = await model.trainOnBatch(x, y);
    losses.push(Array.isArray(l) ? (l[0] ?? NaN) : l);
  };
  if (warmup) await step(); // weight init, XNNPACK operator creation
  const t0 = clock();
  for (let i = 0; i < steps; i++) await step();
  const dt = clock(t0);
  model.dispose();
  tf.dispose([x, y]);
  return { ips: (1000 * steps * batch) / dt.cpu, wallIps: (1000 * steps * batch) / dt.wall, losses };
}

function fmt(n: number, digits = 1): string {
  return n.toFixed(digits);
}

async function main(): Promise<void> {
  console.log(`tfjs ${tf.version.tfjs}; Node ${process.version}; batch ${BATCH}`);

  // --- 1. training throughput ---
  await useBackend('wasm');
  const wasm = await trainingImagesPerSecond(BATCH, 4, true);
  console.log(
    `training step, WASM + our kernels, batch ${BATCH}: ${fmt(wasm.ips)} images per CPU second ` +
      `(${fmt((1000 * BATCH) / wasm.ips, 0)} CPU ms/step; wall ${fmt(wasm.wallIps)} images/s; ` +
      `losses ${wasm.losses.map((l) => l.toFixed(3)).join(' ')})`,
  );
  await useBackend('cpu');
  const cpu = await trainingImagesPerSecond(CPU_BATCH, 1, false);
  console.log(
    `training step, CPU backend, batch ${CPU_BATCH}: ${fmt(cpu.ips, 3)} images per CPU second ` +
      `(${fmt(CPU_BATCH / cpu.ips, 1)} CPU s/step, batch ${BATCH} would take ~${fmt(BATCH / cpu.ips, 0)} s; ` +
      `wall ${fmt(cpu.wallIps, 3)} images/s)`,
  );
  console.log(`  WASM / CPU: ${fmt(wasm.ips / cpu.ips, 0)}x`);

  // --- 2. per-kernel times on WASM ---
  await useBackend('wasm');
  const backend = tf.backend();
  const x = tf.randomNormal([BATCH, 16, 16, 64], 0, 1, 'float32', 2) as tf.Tensor4D;
  const w = tf.randomNormal([3, 3, 64, 64], 0, 0.1, 'float32', 3) as tf.Tensor4D;
  const dy1 = tf.randomNormal([BATCH, 16, 16, 64], 0, 1, 'float32', 4) as tf.Tensor4D;
  const dy2 = tf.randomNormal([BATCH, 8, 8, 64], 0, 1, 'float32', 5) as tf.Tensor4D;
  const px = tf.randomNormal([BATCH, 32, 32, 32], 0, 1, 'float32', 6) as tf.Tensor4D;
  const pdy = tf.randomNormal([BATCH, 16, 16, 32], 0, 1, 'float32', 7) as tf.Tensor4D;
  const RUNS = 5;

  const forward = await timeIt(() => tf.conv2d(x, w, 1, 'same'), RUNS);
  const inputGrad1 = () => tf.conv2dTranspose(dy1, w, x.shape, 1, 'same');
  const inputGrad2 = () => tf.conv2dTranspose(dy2, w, x.shape, 2, 'same');
  const pooled = tf.maxPool(px, 2, 2, 'valid');
  const kernel = (name: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap) => tf.engine().runKernel(name, inputs, attrs) as tf.Tensor;
  const poolGrad = () => kernel('MaxPoolGrad', { dy: pdy, input: px, output: pooled }, { filterSize: 2, strides: 2, pad: 'valid' });
  const filterGrad = () => kernel('Conv2DBackpropFilter', { x, dy: dy1 }, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: w.shape });

  unregisterWasmTrainingKernels(backend);
  const oldIn1 = await timeIt(inputGrad1, RUNS);
  const oldIn2 = await timeIt(inputGrad2, RUNS);
  const oldPool = await timeIt(poolGrad, RUNS);
  registerWasmTrainingKernels();
  const newIn1 = await timeIt(inputGrad1, RUNS);
  const newIn2 = await timeIt(inputGrad2, RUNS);
  const newPool = await timeIt(poolGrad, RUNS);
  const newFilter = await timeIt(filterGrad, RUNS);
  const poolFwd = await timeIt(() => tf.maxPool(px, 2, 2, 'valid'), RUNS);

  const ms = (t: Clock) => `${fmt(t.cpu)} (wall ${fmt(t.wall)})`;
  const ratio = (a: Clock, b: Clock) => `${fmt(a.cpu / b.cpu)}x`;
  console.log(`WASM kernels, layer conv4 (x ${x.shape.join('x')}, filter ${w.shape.join('x')}), median of ${RUNS}, CPU ms:`);
  console.log(
    textTable(
      ['kernel', 'shipped', 'ours', 'speed-up'],
      [
        ['Conv2D forward (XNNPACK)', ms(forward), '', ''],
        ['Conv2DBackpropInput stride 1', ms(oldIn1), ms(newIn1), ratio(oldIn1, newIn1)],
        ['Conv2DBackpropInput stride 2', ms(oldIn2), ms(newIn2), ratio(oldIn2, newIn2)],
        ['Conv2DBackpropFilter', 'none', ms(newFilter), ''],
        [`MaxPoolGrad 2x2/2 on ${px.shape.join('x')}`, ms(oldPool), ms(newPool), ratio(oldPool, newPool)],
      ],
    ),
  );
  console.log(`  (forward MaxPool ${fmt(poolFwd.cpu)} ms; the shipped MaxPoolGrad is wrong for windows with max <= 0)`);
  tf.dispose([x, w, dy1, dy2, px, pdy, pooled]);
}

await main();
