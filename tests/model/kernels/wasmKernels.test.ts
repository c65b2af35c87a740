// The WASM training kernels (src/model/kernels/wasmKernels.ts) against the CPU backend, which is the reference:
// conv2d gradients (input and filter) on random shapes, strides, paddings; max-pool gradients where the
// shipped WASM kernel is wrong (windows whose maximum is <= 0) and on ties; a whole model's gradients;
// training the real Epsilon CNN on WASM; no tensor or buffer leaks.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../node/tfBackend.ts';
import { rng, uniformArray } from '../../helpers/random.ts';
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels, wasmTrainingKernelsRegistered } from '../../../src/model/kernels/wasmKernels.ts';
import { buildEpsilonCnn } from '../../../src/model/architecture.ts';

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

/** Random test data as the Float32Arrays the cases store (a failing case can be replayed from its seed). */
const randomArray = (rand: () => number, n: number, lo = -1, hi = 1) => Float32Array.from(uniformArray(rand, n, lo, hi));

/** max |a-b| / max(|b|, tiny): the error relative to the reference's scale. */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return d / Math.max(scale, 1e-12);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < b.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

interface ConvCase {
  n: number;
  h: number;
  w: number;
  ci: number;
  co: number;
  fh: number;
  fw: number;
  strides: [number, number];
  pad: Pad;
  x: Float32Array;
  f: Float32Array;
  seed: Float32Array;
}

/** Gradients of sum(conv2d(x, f) * seed) with respect to x and f, on the current backend. */
async function convGrads(c: ConvCase): Promise<{ dx: Float32Array; df: Float32Array; outShape: number[] }> {
  const x = tf.tensor4d(c.x, [c.n, c.h, c.w, c.ci]);
  const f = tf.tensor4d(c.f, [c.fh, c.fw, c.ci, c.co]);
  const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
  const y = conv(x, f);
  const seed = tf.tensor(c.seed.subarray(0, y.size), y.shape);
  const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a, b), seed)))([x, f]);
  const out = { dx: (await dx!.data()) as Float32Array, df: (await df!.data()) as Float32Array, outShape: y.shape };
  tf.dispose([x, f, y, seed, dx!, df!]);
  return out;
}

/** Gradient of sum(maxPool(x) * seed) with respect to x, on the current backend. */
async function poolGrad(
  x: tf.Tensor4D,
  filter: [number, number],
  strides: [number, number],
  pad: 'same' | 'valid' | number,
  seedValues?: Float32Array,
): Promise<Float32Array> {
  const pool = (a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, filter, strides, pad);
  const y = pool(x);
  const seed = seedValues ? tf.tensor(seedValues.subarray(0, y.size), y.shape) : tf.onesLike(y);
  const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(pool(a), seed)))(x);
  const out = (await dx.data()) as Float32Array;
  tf.dispose([y, seed, dx]);
  return out;
}

/** Runs `fn` on the CPU backend and then on WASM (with our kernels), returning both results. */
async function onBoth<T>(fn: () => Promise<T>): Promise<{ cpu: T; wasm: T }> {
  await useBackend('cpu');
  const cpu = await fn();
  await useBackend('wasm');
  const wasm = await fn();
  return { cpu, wasm };
}

describe('registration', () => {
  // First in this file, so the WASM backend has not been initialised yet (each test calls useBackend itself).
  it('works before the WASM backend is initialised: the kernels are looked up at every call', async () => {
    expect(tf.engine().registry.wasm).toBeUndefined();
    registerWasmTrainingKernels();
    expect(wasmTrainingKernelsRegistered()).toBe(true);
    await useBackend('wasm');
    const x = tf.tensor4d([-3, -1, -2, -4], [1, 2, 2, 1]);
    const f = tf.ones([1, 1, 1, 1]);
    const df = tf.grad((k: tf.Tensor) => tf.sum(tf.conv2d(x, k as tf.Tensor4D, 1, 'same')))(f);
    expect(Array.from(await df.data())).toEqual([-10]);
    tf.dispose([x, f, df]);
  });

  it('replaces what the shipped WASM backend gets wrong or lacks', async () => {
    await useBackend('wasm');
    const x = tf.tensor4d([-3, -1, -2, -4], [1, 2, 2, 1]);
    const ones = tf.ones([1, 1, 1, 1]);
    const filterGrad = () => tf.grad((f: tf.Tensor) => tf.sum(tf.conv2d(x, f as tf.Tensor4D, 1, 'same')))(ones);
    try {
      unregisterWasmTrainingKernels(tf.backend());
      expect(wasmTrainingKernelsRegistered()).toBe(false);
      expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
      expect(filterGrad).toThrow(/Conv2DBackpropFilter/);
      // The shipped MaxPoolGrad sends a negative window's gradient to its first pixel.
      expect(Array.from(await poolGrad(x, [2, 2], [2, 2], 'valid'))).toEqual([1, 0, 0, 0]);
    } finally {
      registerWasmTrainingKernels();
    }
    expect(Array.from(await poolGrad(x, [2, 2], [2, 2], 'valid'))).toEqual([0, 1, 0, 0]);
    const df = filterGrad();
    expect(Array.from(await df.data())).toEqual([-10]);
    tf.dispose([x, ones, df]);
  });
});

describe('conv2d gradients on WASM match the CPU backend', () => {
  // Every stride x padding combination, with random batch (1-3), size (5-12), channels (1-8) and
  // kernel (1x1, 2x2, 3x3, 5x5 and non-square). Numeric and explicit pads are what tf.conv2d accepts
  // besides 'same'/'valid'; the gradients receive them unchanged. tfjs 4.22 computes the output size
  // of a NUMERIC pad from the filter height and stride height alone (conv_util.computeOutputShape2D),
  // so numeric pads are only well defined for square filters and equal strides (otherwise the WASM
  // forward conv writes past its output buffer): those are the only numeric cases here.
  const rand = rng(20240611);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const kernels: [number, number][] = [
    [1, 1],
    [2, 2],
    [3, 3],
    [5, 5],
    [3, 1],
    [2, 3],
  ];
  const squareKernels: [number, number][] = [
    [1, 1],
    [2, 2],
    [3, 3],
    [5, 5],
  ];
  const pads: Pad[] = [
    'same',
    'valid',
    1,
    [
      [0, 0],
      [2, 0],
      [1, 2],
      [0, 0],
    ],
  ];
  const strideSets: [number, number][] = [
    [1, 1],
    [2, 2],
    [1, 2],
  ];
  const cases: ConvCase[] = [];
  for (const strides of strideSets) {
    for (const pad of pads) {
      const square = typeof pad === 'number';
      if (square && strides[0] !== strides[1]) continue;
      for (let r = 0; r < (strides[0] === strides[1] ? 3 : 1); r++) {
        const pool = square ? squareKernels : kernels;
        const [fh, fw] = pool[int(0, pool.length - 1)]!;
        const c = { n: int(1, 3), h: int(5, 12), w: int(5, 12), ci: int(1, 8), co: int(1, 8), fh, fw, strides, pad };
        const out = c.n * (c.h + 4) * (c.w + 4) * c.co; // enough seed values for any output size here
        cases.push({
          ...c,
          x: randomArray(rand, c.n * c.h * c.w * c.ci),
          f: randomArray(rand, fh * fw * c.ci * c.co),
          seed: randomArray(rand, out),
        });
      }
    }
  }

  it(`${cases.length} random cases, relative error below 1e-4`, async () => {
    const { cpu, wasm } = await onBoth(async () => {
      const res = [];
      for (const c of cases) res.push(await convGrads(c));
      return res;
    });
    let worstDx = 0;
    let worstDf = 0;
    cases.forEach((c, i) => {
      const label = `n${c.n} ${c.h}x${c.w}x${c.ci}->${c.co} k${c.fh}x${c.fw} s${c.strides.join(',')} pad ${JSON.stringify(c.pad)}`;
      expect(wasm[i]!.outShape, label).toEqual(cpu[i]!.outShape);
      const dx = relDiff(wasm[i]!.dx, cpu[i]!.dx);
      const df = relDiff(wasm[i]!.df, cpu[i]!.df);
      expect(dx, `dx ${label}`).toBeLessThan(1e-4);
      expect(df, `dfilter ${label}`).toBeLessThan(1e-4);
      worstDx = Math.max(worstDx, dx);
      worstDf = Math.max(worstDf, df);
    });
    console.log(
      `conv2d gradients, WASM vs CPU, ${cases.length} cases: ` +
        `worst relative error dx ${worstDx.toExponential(2)}, dfilter ${worstDf.toExponential(2)}`,
    );
  });

  it('fused conv2d with bias and relu (the LayersModel path) matches too', async () => {
    const rand2 = rng(7);
    const xs = randomArray(rand2, 2 * 9 * 9 * 4);
    const fs = randomArray(rand2, 3 * 3 * 4 * 5);
    const bs = randomArray(rand2, 5);
    const { cpu, wasm } = await onBoth(async () => {
      const x = tf.tensor4d(xs, [2, 9, 9, 4]);
      const f = tf.tensor4d(fs, [3, 3, 4, 5]);
      const b = tf.tensor1d(bs);
      const g = tf.grads((a: tf.Tensor, k: tf.Tensor, c: tf.Tensor) =>
        tf.sum(
          tf.square(
            tf.fused.conv2d({
              x: a as tf.Tensor4D,
              filter: k as tf.Tensor4D,
              bias: c,
              strides: 2,
              pad: 'same',
              activation: 'relu',
            }),
          ),
        ),
      )([x, f, b]);
      const out = await Promise.all(g.map((t) => t.data()));
      tf.dispose([x, f, b, ...g]);
      return out;
    });
    for (let i = 0; i < 3; i++) expect(relDiff(wasm[i]!, cpu[i]!)).toBeLessThan(1e-4);
  });
});

describe('maxPool gradient on WASM', () => {
  it('routes a negative window to its maximum: [-3,-1,-2,-4] -> [0,1,0,0], as on CPU', async () => {
    const { cpu, wasm } = await onBoth(async () => {
      const x = tf.tensor4d([-3, -1, -2, -4], [1, 2, 2, 1]);
      const g = await poolGrad(x, [2, 2], [2, 2], 'valid');
      x.dispose();
      return Array.from(g);
    });
    expect(cpu).toEqual([0, 1, 0, 0]);
    expect(wasm).toEqual([0, 1, 0, 0]);
  });

  // Filter, strides, padding: the usual 2x2/2, overlapping windows, windows smaller than the stride,
  // non-square, padded.
  const configs: [[number, number], [number, number], 'same' | 'valid' | number][] = [
    [[2, 2], [2, 2], 'valid'],
    [[2, 2], [2, 2], 'same'],
    [[3, 3], [2, 2], 'same'],
    [[3, 3], [1, 1], 'same'],
    [[2, 2], [1, 1], 'valid'],
    [[1, 1], [2, 2], 'valid'],
    [[3, 2], [2, 1], 'valid'],
    [[3, 3], [3, 3], 'same'],
    [[3, 3], [2, 2], 1],
  ];

  it('matches CPU exactly on all-negative and mixed random data (no ties)', async () => {
    const rand = rng(99);
    const inputs = configs.map((_, i) => {
      const shape: [number, number, number, number] = [1 + (i % 3), 5 + ((i * 3) % 8), 5 + ((i * 5) % 8), 1 + ((i * 2) % 8)];
      const size = shape.reduce((a, b) => a * b);
      // Even cases all negative (the broken case of the shipped kernel), odd cases mixed.
      const values = randomArray(rand, size, -5, i % 2 === 0 ? -0.01 : 3);
      return { shape, values, seed: randomArray(rand, size) };
    });
    const { cpu, wasm } = await onBoth(async () => {
      const res = [];
      for (const [i, [f, s, p]] of configs.entries()) {
        const x = tf.tensor4d(inputs[i]!.values, inputs[i]!.shape);
        res.push(await poolGrad(x, f, s, p, inputs[i]!.seed));
        x.dispose();
      }
      return res;
    });
    let worst = 0;
    configs.forEach(([f, s, p], i) => {
      const d = maxAbsDiff(wasm[i]!, cpu[i]!);
      // Overlapping windows sum several contributions; the order of the sum may differ.
      expect(d, `pool ${f} stride ${s} pad ${p}`).toBeLessThan(1e-5);
      worst = Math.max(worst, d);
    });
    console.log(`maxPool gradients, WASM vs CPU, ${configs.length} configurations: max abs difference ${worst.toExponential(2)}`);
  });

  it('breaks ties like the CPU backend: the first maximum in row-major window order', async () => {
    const rand = rng(5);
    const shape: [number, number, number, number] = [2, 8, 8, 3];
    // Small integers: many tied windows, including all-zero ones (ReLU outputs) and negative ones.
    const values = Float32Array.from({ length: 2 * 8 * 8 * 3 }, () => Math.floor(rand() * 4) - 2);
    const { cpu, wasm } = await onBoth(async () => {
      const x = tf.tensor4d(values, shape);
      const a = await poolGrad(x, [2, 2], [2, 2], 'valid');
      const b = await poolGrad(x, [3, 3], [2, 2], 'same');
      x.dispose();
      return [a, b];
    });
    expect(Array.from(wasm[0]!)).toEqual(Array.from(cpu[0]!));
    expect(Array.from(wasm[1]!)).toEqual(Array.from(cpu[1]!));
    // Exactly one pixel per 2x2 window receives its gradient.
    expect(Array.from(wasm[0]!).reduce((s, v) => s + v, 0)).toBe(2 * 4 * 4 * 3);
  });
});

/** conv(stride 2, bias, relu) -> BatchNorm -> maxPool (sees negatives) -> conv -> relu -> maxPool -> dense. */
function smallCnn(): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 3] });
  let x = tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization({}).apply(x) as tf.SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'valid', useBias: false }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.activation({ activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 2, strides: 1 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ units: 10 }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits });
}

describe('models on WASM', () => {
  it('a small CNN has the same weight gradients on WASM as on CPU', async () => {
    const rand = rng(3);
    const xs = randomArray(rand, 4 * 16 * 16 * 3, 0, 1);
    const labels = [0, 3, 7, 9];
    let weights: Float32Array[] | undefined;
    const { cpu, wasm } = await onBoth(async () => {
      const model = smallCnn();
      if (weights) {
        const values = weights.map((w, i) => tf.tensor(w, model.getWeights()[i]!.shape));
        model.setWeights(values);
        tf.dispose(values);
      } else weights = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
      const x = tf.tensor4d(xs, [4, 16, 16, 3]);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10));
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(
        () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
        vars,
      );
      const out = await Promise.all(vars.map((v) => grads[v.name]!.data()));
      tf.dispose([x, y, value, ...Object.values(grads)]);
      model.dispose();
      return out;
    });
    expect(wasm.length).toBe(cpu.length);
    let worst = 0;
    cpu.forEach((g, i) => {
      const d = relDiff(wasm[i]!, g);
      expect(d, `weight ${i}`).toBeLessThan(1e-4);
      worst = Math.max(worst, d);
    });
    console.log(`small CNN weight gradients, WASM vs CPU: worst relative error ${worst.toExponential(2)}`);
  });

  it('trains the Epsilon CNN on WASM: SGD steps lower the loss on a fixed batch', async () => {
    await useBackend('wasm');
    const model = buildEpsilonCnn();
    const optimizer = tf.train.sgd(0.01);
    model.compile({
      optimizer,
      loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
    });
    const x = tf.randomUniform([8, 32, 32, 3], 0, 1, 'float32', 11);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32'), 10));
    const losses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const l = await model.trainOnBatch(x, y);
      losses.push(Array.isArray(l) ? l[0]! : l);
    }
    console.log(`Epsilon CNN on WASM, losses over 4 SGD steps: ${losses.map((l) => l.toFixed(3)).join(' ')}`);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[3]!).toBeLessThan(losses[0]! * 0.7);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });
});

describe('memory', () => {
  it('leaves tensors and WASM buffers flat over 20 repeated gradient computations', async () => {
    await useBackend('wasm');
    const x = tf.randomNormal([2, 12, 12, 4], 0, 1, 'float32', 1) as tf.Tensor4D;
    const f1 = tf.randomNormal([3, 3, 4, 6], 0, 1, 'float32', 2) as tf.Tensor4D;
    const f2 = tf.randomNormal([3, 3, 6, 5], 0, 1, 'float32', 3) as tf.Tensor4D;
    const loss = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => {
      const h = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same');
      const p = tf.maxPool(h, 3, 2, 'same'); // sees negative values
      return tf.sum(tf.conv2d(p, c as tf.Tensor4D, 1, 'valid'));
    };
    const step = async () => {
      const g = tf.grads(loss)([x, f1, f2]);
      await Promise.all(g.map((t) => t.data()));
      tf.dispose(g);
    };
    await step();
    const backend = tf.backend() as tf.KernelBackend & { numDataIds(): number };
    const tensors = tf.memory().numTensors;
    const buffers = backend.numDataIds();
    for (let i = 0; i < 20; i++) await step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(buffers);
    tf.dispose([x, f1, f2]);
  });
});
