// Loaded models live here, outside the store (the store only holds plain ModelInfo).
import * as tf from '@tensorflow/tfjs';
import { loadFromParts } from '../model/artifacts.ts';
import { toLogitsFn, type LogitsFn } from '../model/modelFn.ts';
import { foldInference } from '../model/foldedModel.ts';
import { loadSavedModel } from './savedModels.ts';
import type { ModelCardSummary } from '../state/modelSlice.ts';
import { useAppStore } from '../state/store.ts';

interface Loaded {
  model: tf.LayersModel;
  logits: LogitsFn;
  /** Frees the model and anything derived from it (folded weights). */
  release: () => void;
}

const loaded = new Map<string, Promise<Loaded>>();

const modelUrl = (id: string, file: string) => `${import.meta.env.BASE_URL}models/${id}/${file}`;

async function fetchBuffer(url: string): Promise<ArrayBuffer | undefined> {
  const res = await fetch(url);
  return res.ok ? res.arrayBuffer() : undefined;
}

/** Runs one prediction so the first real one is not slowed by shader compilation. */
async function warmUp(logits: LogitsFn): Promise<void> {
  const out = tf.tidy(() => logits(tf.zeros([1, 32, 32, 3])));
  await out.data();
  out.dispose();
}

async function loadBundled(id: string): Promise<Loaded> {
  const res = await fetch(modelUrl(id, 'model.json'));
  if (!res.ok) throw new Error(`models/${id}/model.json could not be loaded (HTTP ${res.status})`);
  const model = await loadFromParts(await res.text(), (p) => fetchBuffer(modelUrl(id, p)));
  void fetchCard(id);
  return staticModel(model);
}

async function fetchCard(id: string): Promise<void> {
  try {
    const res = await fetch(modelUrl(id, 'card.json'));
    if (!res.ok) return;
    const card = (await res.json()) as { parameters?: number; training?: { method?: string }; evaluation?: Record<string, { accuracy?: number }> };
    const summary: ModelCardSummary = {
      ...(card.parameters !== undefined && { parameters: card.parameters }),
      ...(card.training?.method !== undefined && { method: card.training.method }),
      ...(card.evaluation?.clean?.accuracy !== undefined && { cleanAccuracy: card.evaluation.clean.accuracy }),
      ...(card.evaluation?.pgd20?.accuracy !== undefined && { pgdAccuracy: card.evaluation.pgd20.accuracy }),
    };
    useAppStore.getState().updateModel(id, { card: summary });
  } catch {
    // The card is informational; the model works without it.
  }
}

async function loadAny(id: string): Promise<Loaded> {
  if (id.startsWith('saved:')) {
    return staticModel(await loadSavedModel(id));
  }
  return loadBundled(id);
}

/**
 * Logits for a model whose weights will not change: BatchNorm folded into the convolutions when the layers
 * allow it (the same function, about three times cheaper to differentiate), else the model as it is.
 */
function staticModel(model: tf.LayersModel): Loaded {
  const folded = foldInference(model);
  return {
    model,
    logits: folded?.logits ?? toLogitsFn(model),
    release: () => {
      folded?.dispose();
      model.dispose();
    },
  };
}

function liveModel(model: tf.LayersModel): Loaded {
  return { model, logits: toLogitsFn(model), release: () => model.dispose() };
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
    updateModel(id, { status: 'loading' });
    p = loadAny(id).then(async (m) => {
      await warmUp(m.logits);
      return m;
    });
    loaded.set(id, p);
    p.then(
      () => updateModel(id, { status: 'ready' }),
      (e: unknown) => {
        loaded.delete(id); // a later attempt may succeed
        updateModel(id, { status: 'failed', message: e instanceof Error ? e.message : String(e) });
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
