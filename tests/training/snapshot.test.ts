// Snapshots restore a model exactly (BatchNorm statistics included), and a trained model saved through tfjs IO
// handlers loads back computing the same function.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadFromParts } from '../../src/model/artifacts.ts';
import {
  artifactsToFiles,
  createOptimizer,
  filesSaveHandler,
  methodDefaults,
  modelFromArtifacts,
  modelToArtifacts,
  readWeights,
  restoreWeights,
  snapshotWeights,
  trainStep,
  writeWeights,
} from '../../src/training/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { TINY_EPS, disposeSet, tinyModel, tinySet, type TinySet } from './helpers/tinyTask.ts';

let data: TinySet;
beforeAll(async () => {
  await useBackend('cpu');
  data = tinySet(32, 6);
});
afterAll(() => disposeSet(data));

async function outputs(model: tf.LayersModel, training = false): Promise<number[]> {
  const y = tf.tidy(() => model.apply(data.x, { training }) as tf.Tensor);
  const v = Array.from(await y.data());
  y.dispose();
  return v;
}

async function train(model: tf.LayersModel, steps: number): Promise<void> {
  const opt = createOptimizer('sgd', 0.1);
  for (let s = 0; s < steps; s++) {
    await trainStep(model, opt.optimizer, { x: data.x, labels: data.labels }, methodDefaults('fast', TINY_EPS), { weightDecay: 5e-4, seed: s });
  }
  opt.dispose();
}

describe('weight snapshots', () => {
  test('restore brings back every weight exactly, and the snapshot survives further training', async () => {
    const model = tinyModel(11);
    await train(model, 2);
    const weights = await readWeights(model);
    const out = await outputs(model);
    const before = tf.memory().numTensors;
    const snap = snapshotWeights(model);
    await train(model, 3);
    expect(await outputs(model)).not.toEqual(out);
    restoreWeights(model, snap);
    expect(await readWeights(model)).toEqual(weights);
    expect(await outputs(model)).toEqual(out);
    // Train again from the restored weights, restore again: the snapshot was not changed by either.
    await train(model, 1);
    restoreWeights(model, snap);
    expect(await outputs(model)).toEqual(out);
    snap.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  test('a snapshot of another model is refused', () => {
    const a = tinyModel(1);
    const b = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [4, 4, 1] }), tf.layers.dense({ units: 2 })] });
    const snap = snapshotWeights(b);
    expect(() => restoreWeights(a, snap)).toThrow(/different model/);
    snap.dispose();
    a.dispose();
    b.dispose();
  });
});

describe('saving a trained model', () => {
  test('withSaveHandler -> fromMemory round trip computes the same function', async () => {
    const model = tinyModel(12);
    await train(model, 3);
    const artifacts = await modelToArtifacts(model);
    const loaded = await modelFromArtifacts(artifacts);
    expect(await outputs(loaded)).toEqual(await outputs(model));
    expect(await readWeights(loaded)).toEqual(await readWeights(model));
    loaded.dispose();
    model.dispose();
  });

  test('model.json + weights.bin written by filesSaveHandler load back through the app loader', async () => {
    const model = tinyModel(13);
    await train(model, 3);
    const files = new Map<string, string | Uint8Array>();
    await model.save(filesSaveHandler((name, contents) => void files.set(name, contents)));
    expect([...files.keys()].sort()).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(files.get('model.json') as string) as { weightsManifest: { paths: string[] }[] };
    expect(json.weightsManifest[0]!.paths).toEqual(['weights.bin']);
    const loaded = await loadFromParts(files.get('model.json') as string, async (p) => {
      const bytes = files.get(p) as Uint8Array | undefined;
      return bytes && (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    });
    expect(await outputs(loaded)).toEqual(await outputs(model));
    expect(artifactsToFiles(await modelToArtifacts(model)).weights.byteLength).toBe((files.get('weights.bin') as Uint8Array).byteLength);
    loaded.dispose();
    model.dispose();
  });
});

describe('weights read back as arrays (what a training worker sends)', () => {
  test('written into a copy of the model, they give it the same function; a different model is refused', async () => {
    const trained = tinyModel(7);
    const copy = await modelFromArtifacts(await modelToArtifacts(trained));
    await train(trained, 3);
    expect(await outputs(copy)).not.toEqual(await outputs(trained));
    writeWeights(copy, await readWeights(trained));
    expect(await outputs(copy)).toEqual(await outputs(trained));
    expect(await readWeights(copy)).toEqual(await readWeights(trained));
    const other = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    expect(() => writeWeights(other, [])).toThrow(/different model/);
    // The right count but one name changed: refused too.
    const renamed = (await readWeights(trained)).map((w, i) => (i === 1 ? { ...w, name: `${w.name}_renamed` } : w));
    expect(() => writeWeights(copy, renamed)).toThrow(/different model/);
    [trained, copy, other].forEach((m) => m.dispose());
  });
});
