import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../node/tfBackend.ts';
import { loadFromParts, ModelFormatError } from '../../src/model/artifacts.ts';
import { checkModelShapes, ModelShapeError, toLogitsFn } from '../../src/model/modelFn.ts';
import { buildEpsilonCnn } from '../../src/model/architecture.ts';

/** model.json text and shard bytes, as a user would upload them. */
async function toParts(model: tf.LayersModel): Promise<{ json: string; shard: ArrayBuffer }> {
  let a: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (x) => ((a = x), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  const json = JSON.stringify({
    modelTopology: a!.modelTopology,
    format: 'layers-model',
    weightsManifest: [{ paths: ['w.bin'], weights: a!.weightSpecs }],
  });
  return { json, shard: a!.weightData as ArrayBuffer };
}

function tinyClassifier(activation: 'linear' | 'softmax', separateSoftmax = false): tf.LayersModel {
  const input = tf.input({ shape: [32, 32, 3] });
  const pooled = tf.layers.globalAveragePooling2d({}).apply(input) as tf.SymbolicTensor;
  let out = tf.layers.dense({ units: 10, activation: separateSoftmax ? 'linear' : activation }).apply(pooled) as tf.SymbolicTensor;
  if (separateSoftmax) out = tf.layers.softmax().apply(out) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

beforeAll(() => useBackend('cpu'));

describe('loading a LayersModel from its files', () => {
  it('round-trips the Epsilon CNN with identical outputs', async () => {
    const model = buildEpsilonCnn();
    const { json, shard } = await toParts(model);
    const loaded = await loadFromParts(json, async (p) => (p === 'w.bin' ? shard : undefined));
    const x = tf.randomUniform([2, 32, 32, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    tf.dispose([x, a, b]);
  });

  it('says what is wrong with a bad upload', async () => {
    const { json, shard } = await toParts(tinyClassifier('linear'));
    await expect(loadFromParts('{"nope": ', async () => shard)).rejects.toThrow(/not valid JSON/);
    await expect(loadFromParts('{"a": 1}', async () => shard)).rejects.toThrow(/not a tfjs LayersModel/);
    await expect(loadFromParts(json, async () => undefined)).rejects.toThrow(/"w.bin" named in model.json is missing/);
    await expect(loadFromParts(json, async () => shard.slice(0, 12))).rejects.toThrow(ModelFormatError);
  });
});

describe('logits from any classifier', () => {
  it('rejects models of the wrong shape', () => {
    const input = tf.input({ shape: [28, 28, 1] });
    const out = tf.layers.dense({ units: 10 }).apply(tf.layers.flatten().apply(input)) as tf.SymbolicTensor;
    expect(() => checkModelShapes(tf.model({ inputs: input, outputs: out }))).toThrow(ModelShapeError);
    const input2 = tf.input({ shape: [32, 32, 3] });
    const out2 = tf.layers.dense({ units: 5 }).apply(tf.layers.flatten().apply(input2)) as tf.SymbolicTensor;
    expect(() => checkModelShapes(tf.model({ inputs: input2, outputs: out2 }))).toThrow(/10 class scores/);
  });

  for (const [what, model] of [
    ['a Dense layer with softmax activation', () => tinyClassifier('softmax')],
    ['a separate Softmax layer', () => tinyClassifier('linear', true)],
  ] as const) {
    it(`uses the logits before ${what}`, async () => {
      const m = model();
      const x = tf.randomUniform([3, 32, 32, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
      const probs = m.predict(x) as tf.Tensor;
      const logits = toLogitsFn(m)(x);
      // Logits, not probabilities: they need not sum to 1, and softmax of them gives the model's output.
      const back = tf.softmax(logits);
      const maxDiff = (await tf.max(tf.abs(tf.sub(back, probs))).data())[0]!;
      expect(maxDiff).toBeLessThan(1e-6);
      const sums = await tf.sum(logits, 1).data();
      expect(Array.from(sums).some((s) => Math.abs(s - 1) > 1e-3)).toBe(true);
      tf.dispose([x, probs, logits, back]);
    });
  }
});
