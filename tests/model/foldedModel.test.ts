// BatchNorm folded into the convolutions computes the model's inference function (values and input gradients),
// also where the BatchNorm follows a ReLU, leaves the model's weights alone, and declines models it does not understand.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildEpsilonCnn } from '../../src/model/architecture.ts';
import { foldInference } from '../../src/model/foldedModel.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { tinyModel } from '../training/helpers/tinyTask.ts';

beforeAll(() => useBackend('cpu'));

/** Gives every BatchNorm layer non-trivial statistics and affine parameters (seeded); gamma drawn from `gamma`. */
function randomizeBatchNorm(model: tf.LayersModel, seed: number, gamma: [number, number] = [0.5, 1.5]): void {
  model.layers
    .filter((l) => l.getClassName() === 'BatchNormalization')
    .forEach((l, i) => {
      const c = l.getWeights()[0]!.shape[0]!;
      const values = [
        tf.randomUniform([c], gamma[0], gamma[1], 'float32', seed + 4 * i),
        tf.randomUniform([c], -0.3, 0.3, 'float32', seed + 4 * i + 1),
        tf.randomUniform([c], -0.5, 0.5, 'float32', seed + 4 * i + 2),
        tf.randomUniform([c], 0.2, 2, 'float32', seed + 4 * i + 3),
      ];
      l.setWeights(values);
      tf.dispose(values);
    });
}

async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<{ diff: number; scale: number }> {
  const t = tf.tidy(() => tf.stack([tf.max(tf.abs(tf.sub(a, b))), tf.max(tf.abs(b))]));
  const [diff, scale] = Array.from(await t.data());
  t.dispose();
  return { diff: diff!, scale: scale! };
}

/** Every layer kind the fold knows, in a small functional chain (as buildEpsilonCnn builds its model). */
function allKindsModel(): tf.LayersModel {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: 40 + s });
  const input = tf.input({ shape: [8, 8, 2] });
  const chain: tf.layers.Layer[] = [
    tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: init(0) }),
    tf.layers.batchNormalization({ epsilon: 1e-5 }),
    tf.layers.activation({ activation: 'relu' }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu', kernelInitializer: init(1) }),
    tf.layers.batchNormalization(),
    tf.layers.reLU(),
    tf.layers.averagePooling2d({ poolSize: 1 }),
    tf.layers.globalMaxPooling2d({}),
    tf.layers.dropout({ rate: 0.5 }),
    tf.layers.dense({ units: 5, activation: 'relu', kernelInitializer: init(2) }),
    tf.layers.dense({ units: 3, kernelInitializer: init(3) }),
  ];
  const out = chain.reduce<tf.SymbolicTensor>((h, l) => l.apply(h) as tf.SymbolicTensor, input);
  return tf.model({ inputs: input, outputs: out });
}

const seeded = (s: number) => tf.initializers.glorotUniform({ seed: 60 + s });

/** conv-ReLU-BN-pool blocks as Keras writes them (BatchNorm after the ReLU, its axis given as 3), ending in Flatten-Dense. */
function reluThenBatchNormModel(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 2], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: seeded(0) }),
      tf.layers.batchNormalization({ axis: 3 }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 5, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: seeded(1) }),
      tf.layers.batchNormalization({ axis: 3, epsilon: 1e-5 }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3, kernelInitializer: seeded(2) }),
    ],
  });
}

/** BatchNorms after ReLUs meeting an average pool, an unpadded conv, each other, and (with negative gammas) a max pool. */
function reluThenBatchNormValidModel(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [10, 10, 2], filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: seeded(3) }),
      tf.layers.batchNormalization(),
      tf.layers.averagePooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 6, kernelSize: 3, activation: 'relu', kernelInitializer: seeded(4) }),
      tf.layers.batchNormalization({ axis: 3 }),
      tf.layers.batchNormalization(),
      tf.layers.globalMaxPooling2d({}),
      tf.layers.dense({ units: 3, kernelInitializer: seeded(5) }),
    ],
  });
}

/** Even and non-square kernels, 'same' (padded more at the bottom and right) and 'valid': the stride-1 input gradient's padding. */
function evenKernelsModel(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [7, 9, 2], filters: 3, kernelSize: [2, 3], padding: 'same', activation: 'relu', kernelInitializer: seeded(6) }),
      tf.layers.conv2d({ filters: 4, kernelSize: [4, 2], padding: 'same', kernelInitializer: seeded(7) }),
      tf.layers.conv2d({ filters: 3, kernelSize: [2, 4], padding: 'valid', activation: 'relu', kernelInitializer: seeded(8) }),
      tf.layers.conv2d({ filters: 2, kernelSize: 1, kernelInitializer: seeded(9) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3, kernelInitializer: seeded(10) }),
    ],
  });
}

type Shape4 = [number, number, number, number];
describe.each<{ name: string; make: () => tf.LayersModel; shape: Shape4; gradients: boolean; gamma?: [number, number] }>([
  { name: 'the tiny conv model', make: () => tinyModel(31), shape: [8, 4, 4, 1], gradients: true },
  { name: 'a chain of every layer kind', make: allKindsModel, shape: [4, 8, 8, 2], gradients: true },
  { name: 'conv-ReLU-BN-pool blocks', make: reluThenBatchNormModel, shape: [4, 8, 8, 2], gradients: true },
  { name: 'even and non-square kernels', make: evenKernelsModel, shape: [3, 7, 9, 2], gradients: true },
  { name: 'BN after ReLU with negative gammas', make: reluThenBatchNormValidModel, shape: [4, 10, 10, 2], gradients: true, gamma: [-1.5, 1.5] },
  // Its input gradient is too slow on the CPU backend for a unit test; the layer kinds are covered above.
  { name: "Epsilon's CNN", make: () => buildEpsilonCnn(), shape: [2, 32, 32, 3], gradients: false },
])('folding $name', ({ make, shape, gradients, gamma }) => {
  test('same logits (and input gradients) as model.apply in inference mode, and no tensor left behind', async () => {
    const model = make();
    randomizeBatchNorm(model, 5, gamma);
    const x = tf.randomUniform(shape, 0, 1, 'float32', 9) as tf.Tensor4D;
    const start = tf.memory().numTensors;
    const folded = foldInference(model)!;
    expect(folded).not.toBeNull();
    const reference = (v: tf.Tensor) => model.apply(v, { training: false }) as tf.Tensor2D;
    const [za, zb] = tf.tidy(() => [folded.modelFn(x), reference(x)]);
    const logits = await maxDiff(za!, zb!);
    expect(logits.diff).toBeLessThan(1e-5 * Math.max(1, logits.scale));
    if (gradients) {
      const [ga, gb] = tf.tidy(() => {
        // A weighted sum of the logits, so every class contributes a different gradient.
        const weights = tf.range(1, za!.shape[1]! + 1);
        const objective = (f: (v: tf.Tensor4D) => tf.Tensor2D) => tf.grad((v: tf.Tensor) => tf.sum(tf.mul(f(v as tf.Tensor4D), weights)))(x);
        return [objective(folded.modelFn), objective(reference)];
      });
      const grads = await maxDiff(ga!, gb!);
      expect(grads.diff).toBeLessThan(1e-5 * Math.max(1, grads.scale));
      expect(grads.scale).toBeGreaterThan(0);
      tf.dispose([ga!, gb!]);
    }
    tf.dispose([za!, zb!]);
    const before = tf.memory().numTensors;
    folded.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
    expect(tf.memory().numTensors).toBe(start);
    x.dispose();
    // The model's own weights are untouched by the fold and by its disposal.
    const again = tf.tidy(() => tf.sum(reference(tf.zeros(shape))));
    expect(Number.isFinite((await again.data())[0])).toBe(true);
    again.dispose();
    model.dispose();
  });
});

test('a BatchNorm after a ReLU folds into the next dense layer or unpadded conv, and runs as a multiply-add before a padded one', async () => {
  const ending = (next: tf.layers.Layer[]) =>
    tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [6, 6, 2], filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: seeded(6) }),
        tf.layers.batchNormalization({ axis: 3 }),
        ...next,
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 2, kernelInitializer: seeded(7) }),
      ],
    });
  const multiplies = async (model: tf.LayersModel) => {
    randomizeBatchNorm(model, 11);
    const folded = foldInference(model)!;
    const x = tf.ones([1, 6, 6, 2]) as tf.Tensor4D;
    const info = await tf.profile(() => folded.modelFn(x));
    tf.dispose([x, info.result as tf.Tensor]);
    folded.dispose();
    model.dispose();
    return info.kernelNames.filter((k) => k === 'Multiply').length;
  };
  expect(await multiplies(ending([]))).toBe(0);
  expect(await multiplies(ending([tf.layers.conv2d({ filters: 2, kernelSize: 3, kernelInitializer: seeded(8) })]))).toBe(0);
  expect(await multiplies(ending([tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', kernelInitializer: seeded(8) })]))).toBe(1);
});

test('a fold is a copy: training the model afterwards does not change it', async () => {
  const model = tinyModel(32);
  const folded = foldInference(model)!;
  const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
  const before = tf.tidy(() => folded.modelFn(x));
  tf.tidy(() => model.layers[0]!.setWeights([tf.zerosLike(model.layers[0]!.getWeights()[0]!)]));
  const after = tf.tidy(() => folded.modelFn(x));
  expect(Array.from(await after.data())).toEqual(Array.from(await before.data()));
  tf.dispose([x, before, after]);
  folded.dispose();
  model.dispose();
});

test('declines what it cannot fold: softmax outputs, branches, unknown layers', () => {
  const softmax = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [4, 4, 1] }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
  const input = tf.input({ shape: [4, 4, 1] });
  const a = tf.layers.conv2d({ filters: 2, kernelSize: 1 }).apply(input) as tf.SymbolicTensor;
  const b = tf.layers.conv2d({ filters: 2, kernelSize: 1 }).apply(input) as tf.SymbolicTensor;
  const branched = tf.model({ inputs: input, outputs: tf.layers.add().apply([a, b]) as tf.SymbolicTensor });
  const unknown = tf.sequential({ layers: [tf.layers.layerNormalization({ inputShape: [4] }), tf.layers.dense({ units: 2 })] });
  const before = tf.memory().numTensors;
  expect(foldInference(softmax)).toBeNull();
  expect(foldInference(branched)).toBeNull();
  expect(foldInference(unknown)).toBeNull();
  expect(tf.memory().numTensors).toBe(before);
  [softmax, branched, unknown].forEach((m) => m.dispose());
});
