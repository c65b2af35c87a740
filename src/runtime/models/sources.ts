// Where a model's weights come from, one loader per source (the picker's ModelInfo.source): the site's own
// files, or this browser's IndexedDB. An uploaded model and the copy being trained exist only in the page's
// memory: once dropped (a backend switch, a lost GPU context) they cannot be loaded again, and say so.
import * as tf from '@tensorflow/tfjs';
import { loadFromParts } from '../../model/artifacts.ts';
import { SHIPPED_BASE } from '../../model/shipped.ts';
import type { ModelCardSummary, ModelSource } from '../../state/modelSlice.ts';
import { useAppStore } from '../../state/store.ts';

export type ModelLoader = (id: string) => Promise<tf.LayersModel>;

const shippedUrl = (id: string, file: string) => `${import.meta.env.BASE_URL}models/${id}/${file}`;

async function fetchBuffer(url: string): Promise<ArrayBuffer | undefined> {
  const res = await fetch(url);
  return res.ok ? res.arrayBuffer() : undefined;
}

/** The card's figures go to the picker; the card is informational, the model works without it. */
async function fetchCard(id: string): Promise<void> {
  try {
    const res = await fetch(shippedUrl(id, 'card.json'));
    if (!res.ok) return;
    const card = (await res.json()) as {
      parameters?: number; training?: { method?: string };
      evaluation?: Record<string, { accuracy?: number; n?: number; pgd20SameImages?: number }>;
    };
    const reliable = card.evaluation?.reliable;
    const summary: ModelCardSummary = {
      ...(card.parameters !== undefined && { parameters: card.parameters }),
      ...(card.training?.method !== undefined && { method: card.training.method }),
      ...(card.evaluation?.clean?.accuracy !== undefined && { cleanAccuracy: card.evaluation.clean.accuracy }),
      ...(card.evaluation?.pgd20?.accuracy !== undefined && { robustAccuracy: card.evaluation.pgd20.accuracy }),
      ...(reliable?.accuracy !== undefined && reliable.n !== undefined && reliable.pgd20SameImages !== undefined
        && { reliable: { accuracy: reliable.accuracy, n: reliable.n, pgd20: reliable.pgd20SameImages } }),
    };
    useAppStore.getState().updateModel(id, { card: summary });
  } catch {
    // Nothing to show then.
  }
}

/** A shipped model's weights (a defended model's are its base's: registry.ts adds the defence), and its card. */
async function loadShipped(id: string): Promise<tf.LayersModel> {
  const files = Object.hasOwn(SHIPPED_BASE, id) ? SHIPPED_BASE[id]! : id;
  const res = await fetch(shippedUrl(files, 'model.json'));
  if (!res.ok) throw new Error(`models/${files}/model.json could not be loaded (HTTP ${res.status})`);
  const model = await loadFromParts(await res.text(), (p) => fetchBuffer(shippedUrl(files, p)));
  void fetchCard(id);
  return model;
}

/** Saved models are keyed by name in IndexedDB, and by `saved:NAME` in the picker. */
export const SAVED_URL_PREFIX = 'indexeddb://epsilon-';
export const savedIdOf = (name: string) => `saved:${name}`;
/** Where a saved model (by picker id) lives in IndexedDB. */
export const savedUrlOf = (id: string) => `${SAVED_URL_PREFIX}${id.slice('saved:'.length)}`;

export const loadSaved: ModelLoader = (id) => tf.loadLayersModel(savedUrlOf(id));

const inMemoryOnly = (why: string): ModelLoader => () => Promise.reject(new Error(why));

export const MODEL_LOADERS: Readonly<Record<ModelSource, ModelLoader>> = Object.freeze({
  bundled: loadShipped,
  saved: loadSaved,
  upload: inMemoryOnly('An uploaded model lives only in this page and its weights were dropped: choose its files again.'),
  training: inMemoryOnly('The model being trained lived on the previous backend and its weights were dropped: train again.'),
});
