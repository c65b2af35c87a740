// The worker side of in-browser training, driven by messages as a Worker would drive it (here in Node, WASM).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { trainingHost, type FromTrainingHost } from '../../../src/runtime/training/trainingHost.ts';
import { methodDefaults, modelToArtifacts, readWeights } from '../../../src/training/index.ts';
import { useBackend } from '../../../node/tfBackend.ts';
import { SHAPE, TINY_EPS, tinyModel, tinySet } from '../../training/helpers/tinyTask.ts';

beforeAll(() => useBackend('wasm'));

/** A tiny set as 8-bit images row after row. */
async function bytesOf(n: number, seed: number): Promise<{ bytes: Uint8Array; labels: number[] }> {
  const set = tinySet(n, seed);
  const values = await set.x.data();
  set.x.dispose();
  return { bytes: Uint8Array.from(values, (v) => Math.round(v * 255)), labels: set.labels };
}

describe('training host', () => {
  test('trains its own copy, reports progress, checks and status, and sends the weights as they change', async () => {
    const model = tinyModel(3);
    const before = await readWeights(model);
    const train = await bytesOf(160, 1);
    const held = await bytesOf(32, 2);
    const messages: FromTrainingHost[] = [];
    const handle = trainingHost((m) => messages.push(m));
    const numTensors = tf.memory().numTensors;
    await handle({
      type: 'start',
      artifacts: await modelToArtifacts(model),
      images: train.bytes,
      labels: train.labels,
      evalImages: held.bytes,
      evalLabels: held.labels,
      finalImages: held.bytes.slice(),
      finalLabels: held.labels,
      shape: SHAPE,
      config: { method: methodDefaults('fast', TINY_EPS), batchSize: 16, learningRate: 0.05, budget: { examples: 160 }, evalEvery: 5 },
      checks: { watch: { every: 4, strip: 2 } },
      weightsEvery: 3,
    });
    expect(tf.memory().numTensors).toBe(numTensors); // the host's model and tensors are gone
    const kinds = messages.map((m) => m.type);
    expect(kinds.filter((k) => k === 'progress')).toHaveLength(10);
    expect(kinds.filter((k) => k === 'evaluation').length).toBeGreaterThanOrEqual(3);
    // Every third step, then the last step's as the final check starts (a download during the check is exact).
    expect(messages.filter((m) => m.type === 'weights').map((m) => (m as { step: number }).step)).toEqual([3, 6, 9, 10]);
    expect(kinds).toContain('status');
    // The game on steps 0, 4 and 8 (reported after them), with two adversarial images each; the final check last.
    expect(messages.filter((m) => m.type === 'game').map((m) => (m as { game: { step: number } }).game.step)).toEqual([1, 5, 9]);
    expect(messages.some((m) => m.type === 'checkProgress')).toBe(true);
    const evaluations = messages
      .filter((m) => m.type === 'evaluation')
      .map((m) => (m as { evaluation: { final?: boolean; images: number } }).evaluation);
    expect(evaluations.at(-1)).toMatchObject({ final: true, images: 32 });
    const done = messages.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    expect(done.report.outcome).toBe('completed');
    expect(done.report.examplesSeen).toBe(160);
    expect(done.weights.map((w) => w.name)).toEqual(before.map((w) => w.name));
    // The weights moved; the page's model (the original here) did not.
    expect(done.weights.some((w, i) => w.values.some((v, k) => v !== before[i]!.values[k]))).toBe(true);
    expect(await readWeights(model)).toEqual(before);
    model.dispose();
  });

  test('a paused job sends the weights it stands still at, once', async () => {
    const model = tinyModel(5);
    const train = await bytesOf(64, 5);
    const held = await bytesOf(16, 6);
    const messages: FromTrainingHost[] = [];
    const handle = trainingHost((m) => {
      messages.push(m);
      if (m.type === 'progress' && m.progress.step === 3) void handle({ type: 'pause' });
      if (m.type === 'weights' && m.step === 3) setTimeout(() => void handle({ type: 'resume' }), 20);
    });
    await handle({
      type: 'start',
      artifacts: await modelToArtifacts(model),
      images: train.bytes,
      labels: train.labels,
      evalImages: held.bytes,
      evalLabels: held.labels,
      finalImages: new Uint8Array(0),
      finalLabels: [],
      checks: {},
      shape: SHAPE,
      weightsEvery: 100,
      config: { method: methodDefaults('fast', TINY_EPS), batchSize: 8, learningRate: 0.05, budget: { examples: 48 }, evalEvery: 0 },
    });
    const order = messages.map((m) => (m.type === 'status' ? m.status : m.type === 'weights' ? `weights ${m.step}` : m.type));
    expect(order.filter((k) => k.startsWith('weights'))).toEqual(['weights 3']);
    expect(order.indexOf('weights 3')).toBeGreaterThan(order.indexOf('paused'));
    expect(messages.at(-1)!.type).toBe('done');
    model.dispose();
  });

  test('pause, resume and stop arrive as messages; a bad config is reported, not thrown', async () => {
    const model = tinyModel(4);
    const train = await bytesOf(64, 3);
    const held = await bytesOf(16, 4);
    const messages: FromTrainingHost[] = [];
    const handle = trainingHost((m) => {
      messages.push(m);
      if (m.type === 'progress' && m.progress.step === 2) void handle({ type: 'stop' });
    });
    const job = {
      artifacts: await modelToArtifacts(model),
      images: train.bytes,
      labels: train.labels,
      evalImages: held.bytes,
      evalLabels: held.labels,
      finalImages: new Uint8Array(0),
      finalLabels: [],
      checks: {},
      shape: SHAPE,
      weightsEvery: 100,
    };
    await handle({
      type: 'start',
      ...job,
      config: { method: methodDefaults('fast', TINY_EPS), batchSize: 8, learningRate: 0.05, budget: { examples: 640 }, evalEvery: 0 },
    });
    const done = messages.at(-1)!;
    expect(done.type === 'done' && done.report.outcome).toBe('stopped');
    messages.length = 0;
    await handle({ type: 'start', ...job, config: { batchSize: -1 } });
    expect(messages).toEqual([{ type: 'error', message: expect.stringMatching(/batchSize/) }]);
    model.dispose();
  });
});
