// The model registry: one load per model, shared; a failed load is reported and can be retried; forgetting frees it.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forgetModel, forgetModels, getModel, registerLoadedModel } from '../../../src/runtime/models/index.ts';
import { useAppStore } from '../../../src/state/store.ts';
import { useBackend } from '../../../node/tfBackend.ts';
import { resetStore, tinyCifarModel } from '../helpers.ts';

beforeAll(() => useBackend('cpu'));
beforeEach(() => {
  forgetModels();
  resetStore();
});

describe('the model registry', () => {
  it('serves one loaded model to every caller, and its function computes the model\'s logits', async () => {
    const model = tinyCifarModel(1);
    registerLoadedModel('mine', model);
    const [a, b] = await Promise.all([getModel('mine'), getModel('mine')]);
    expect(a).toBe(b);
    const x = tf.randomUniform([2, 32, 32, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a.modelFn(x), model.predict(x) as tf.Tensor))).dataSync()[0]!);
    x.dispose();
    expect(diff).toBeLessThan(1e-5);
    forgetModel('mine');
  });

  it('reports a model that cannot load in the picker, and tries again on the next use', async () => {
    useAppStore.getState().addModel({ id: 'upload:gone', name: 'Gone', source: 'upload', status: 'idle' });
    await expect(getModel('upload:gone')).rejects.toThrow(/uploaded model lives only in this page/);
    const info = useAppStore.getState().models.find((m) => m.id === 'upload:gone')!;
    expect(info.status).toBe('failed');
    expect(info.message).toMatch(/choose its files again/);
    // Not cached as a failure: once it is registered, it is served.
    registerLoadedModel('upload:gone', tinyCifarModel(2));
    await expect(getModel('upload:gone')).resolves.toHaveProperty('modelFn');
    forgetModel('upload:gone');
  });

  it('names a model that is not in the picker', async () => {
    await expect(getModel('nowhere')).rejects.toThrow('There is no model "nowhere" in the picker.');
  });

  it('frees a model\'s weights when it is forgotten, and loads nothing twice', async () => {
    const before = tf.memory().numTensors;
    registerLoadedModel('mine', tinyCifarModel(3));
    await getModel('mine');
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    forgetModel('mine');
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  });
});
