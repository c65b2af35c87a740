// A user's uploads run on a job: the newest upload is the one selected and the one whose error shows, whichever
// finishes first; an older upload still joins the picker. The first prediction (which proves the weights fit) is
// held at a gate, so the test decides which upload finishes first.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { uploadModel } from '../../../src/runtime/models/index.ts';
import { artifactsToFiles, modelToArtifacts } from '../../../src/training/index.ts';
import { useAppStore } from '../../../src/state/store.ts';
import { STANDARD_MODEL_ID } from '../../../src/model/shipped.ts';
import { useBackend } from '../../../node/tfBackend.ts';
import { readyLab, tinyCifarModel, until } from '../helpers.ts';

const gate = vi.hoisted(() => ({ waiting: [] as (() => void)[] }));
vi.mock('../../../src/runtime/models/classify.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/runtime/models/classify.ts')>();
  return {
    ...real,
    blankPrediction: async (...args: Parameters<typeof real.blankPrediction>) => {
      await new Promise<void>((r) => gate.waiting.push(r));
      return real.blankPrediction(...args);
    },
  };
});

/** model.json and its weights as a file picker hands them over, named `name`.json. */
async function modelFiles(name: string, seed: number): Promise<File[]> {
  const model = tinyCifarModel(seed);
  const files = artifactsToFiles(await modelToArtifacts(model), `${name}.bin`);
  model.dispose();
  return [new File([files.modelJson], `${name}.json`), new File([files.weights], files.shardName)];
}

/** A model whose weights are all NaN: it loads, and its first prediction fails the check. */
async function nanModelFiles(): Promise<File[]> {
  const model = tinyCifarModel(3);
  model.setWeights(model.getWeights().map((w) => tf.fill(w.shape, NaN)));
  const files = artifactsToFiles(await modelToArtifacts(model), 'nan.bin');
  model.dispose();
  return [new File([files.modelJson], 'nan.json'), new File([files.weights], files.shardName)];
}

const state = () => useAppStore.getState();
const uploaded = () => state().models.filter((m) => m.source === 'upload');

beforeAll(() => useBackend('cpu'));
beforeEach(() => {
  readyLab({ [STANDARD_MODEL_ID]: 5 });
  gate.waiting = [];
});
afterEach(() => gate.waiting.forEach((release) => release()));

describe('uploading a model', () => {
  it.each([
    ['the newer upload finishes first', [1, 0]],
    ['the older upload finishes last', [0, 1]],
  ])('selects the newest upload only (%s); the older one still joins the picker', async (_order, order) => {
    const selected: string[] = [];
    const unwatch = useAppStore.subscribe((s, prev) => void (s.selectedModelId !== prev.selectedModelId && selected.push(s.selectedModelId)));
    const a = uploadModel(await modelFiles('first', 1));
    await until(() => gate.waiting.length === 1);
    const b = uploadModel(await modelFiles('second', 2));
    await until(() => gate.waiting.length === 2);
    for (const i of order) {
      gate.waiting[i]!();
      await (i === 0 ? a : b);
    }
    unwatch();
    expect(uploaded().map((m) => m.name).sort()).toEqual(['first (uploaded)', 'second (uploaded)']);
    const second = uploaded().find((m) => m.name === 'second (uploaded)')!;
    expect(selected).toEqual([second.id]);
    expect(state().modelError).toBeNull();
  });

  it("shows no older upload's error over a newer upload that worked", async () => {
    const a = uploadModel(await nanModelFiles());
    await until(() => gate.waiting.length === 1);
    const b = uploadModel(await modelFiles('newer', 4));
    await until(() => gate.waiting.length === 2);
    gate.waiting[1]!();
    await b;
    gate.waiting[0]!();
    await a;
    expect(state().modelError).toBeNull();
    expect(uploaded().map((m) => m.name)).toEqual(['newer (uploaded)']);
    expect(state().selectedModelId).toBe(uploaded()[0]!.id);
  });

  it('says why an upload failed when it is the newest', async () => {
    const a = uploadModel(await nanModelFiles());
    await until(() => gate.waiting.length === 1);
    gate.waiting[0]!();
    await a;
    expect(state().modelError).toBe('That model could not be used: The model outputs NaN or infinite values.');
  });

  it('words a bad upload for people', async () => {
    await uploadModel([new File(['{}'], 'a.bin')]);
    expect(state().modelError).toBe('That model could not be used: Choose the model.json file together with its .bin weight files.');
  });
});
