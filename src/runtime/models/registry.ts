// Loaded models live here, outside the store (the store only holds plain ModelInfo). A model is loaded on first
// use by its source's loader (sources.ts), or registered when the page built it (upload, saved copy, training).
import type * as tf from '@tensorflow/tfjs';
import { toLogitsFn, type ModelFn } from '../../model/modelFn.ts';
import { foldInference } from '../../model/foldedModel.ts';
import { defendedFns } from '../../model/defences.ts';
import { useAppStore } from '../../state/store.ts';
import { errorMessage } from '../../lib/index.ts';
import { MODEL_LOADERS } from './sources.ts';
import { blankPrediction } from './classify.ts';

export interface Loaded {
  model: tf.LayersModel;
  modelFn: ModelFn;
  /** A defended model's straight-through twin (BPDA): the same logits, gradients as if the defence were the identity. */
  straightThroughFn?: ModelFn;
  /** Frees the model and anything derived from it (folded weights). */
  release: () => void;
}

// Module state: models hold GPU memory and take seconds to load: one shared cache by picker id, kept across
// views. A promise, so that simultaneous first uses share one load.
const loaded = new Map<string, Promise<Loaded>>();

/**
 * Logits for a model whose weights will not change: BatchNorm folded into the convolutions when the layers
 * allow it (the same function, about three times cheaper to differentiate), else the model as it is.
 */
function staticModel(model: tf.LayersModel, id?: string): Loaded {
  const folded = foldInference(model);
  const base = folded?.modelFn ?? toLogitsFn(model);
  return {
    model,
    ...(defendedFns(id ?? '', base) ?? { modelFn: base }),
    release: () => {
      folded?.dispose();
      model.dispose();
    },
  };
}

function liveModel(model: tf.LayersModel): Loaded {
  return { model, modelFn: toLogitsFn(model), release: () => model.dispose() };
}

async function load(id: string): Promise<Loaded> {
  const source = useAppStore.getState().models.find((m) => m.id === id)?.source;
  if (!source) throw new Error(`There is no model "${id}" in the picker.`);
  const m = staticModel(await MODEL_LOADERS[source](id), source === 'bundled' ? id : undefined);
  try {
    await blankPrediction(m.modelFn);
  } catch (e) {
    m.release();
    throw e;
  }
  return m;
}

/** Registers a model built elsewhere: an upload, a saved model, or (live: its weights change) a training copy. */
export function registerLoadedModel(id: string, model: tf.LayersModel, { live = false } = {}): void {
  if (loaded.has(id)) forgetModel(id);
  loaded.set(id, Promise.resolve(live ? liveModel(model) : staticModel(model)));
}

/** The logits function of a model, loading it on first use. Status goes to the store. */
export function getModel(id: string): Promise<Loaded> {
  let p = loaded.get(id);
  if (!p) {
    const { updateModel } = useAppStore.getState();
    p = load(id);
    // Cached before the store hears of it: its subscribers (the lab) react at once and ask for the same model.
    loaded.set(id, p);
    updateModel(id, { status: 'loading' });
    p.then(
      () => updateModel(id, { status: 'ready' }),
      (e: unknown) => {
        loaded.delete(id); // a later attempt may succeed
        updateModel(id, { status: 'failed', message: errorMessage(e) });
      },
    );
  }
  return p;
}

/** Drops one model (its weights are freed). */
export function forgetModel(id: string): void {
  loaded.get(id)?.then((m) => m.release(), () => {});
  loaded.delete(id);
}

/** Drops every loaded model (after a lost WebGL context, say): the next use reloads it. */
export function forgetModels(): void {
  for (const p of loaded.values()) p.then((m) => m.release(), () => {});
  loaded.clear();
}
