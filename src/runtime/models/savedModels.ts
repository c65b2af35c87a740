// The user's own models, kept in the browser (IndexedDB) under a name: listing, saving, deleting, downloading.
import * as tf from '@tensorflow/tfjs';
import { useAppStore } from '../../state/store.ts';
import { forgetModel, getModel, registerLoadedModel } from './registry.ts';
import { browserDownloadsHandler } from './downloadFiles.ts';
import { SAVED_URL_PREFIX, loadSaved, savedIdOf, savedUrlOf } from './sources.ts';
import { STANDARD_MODEL_ID } from '../../model/shipped.ts';

/** Names are shown to people and used as keys: keep them short and plain. */
export function validModelName(name: string): string | null {
  const n = name.trim();
  if (!n) return 'Give the model a name.';
  if (n.length > 40) return 'Use at most 40 characters.';
  if (!/^[\w .-]+$/.test(n)) return 'Use letters, digits, spaces, dots, dashes and underscores only.';
  return null;
}

/** Adds every saved model to the picker (without loading its weights). */
export async function listSavedModels(): Promise<void> {
  try {
    const all = await tf.io.listModels();
    for (const url of Object.keys(all)) {
      if (!url.startsWith(SAVED_URL_PREFIX)) continue;
      const name = url.slice(SAVED_URL_PREFIX.length);
      if (!useAppStore.getState().models.some((m) => m.id === savedIdOf(name))) {
        useAppStore.getState().addModel({ id: savedIdOf(name), name: `${name} (saved)`, source: 'saved', status: 'idle' });
      }
    }
  } catch {
    // Private browsing can refuse IndexedDB: saved models are then simply not offered.
  }
}

/** Saves a loaded model (by id) in the browser under `name`; it then appears in the picker. */
export async function saveModel(modelId: string, name: string): Promise<string> {
  const problem = validModelName(name);
  if (problem) throw new Error(problem);
  const { model } = await getModel(modelId);
  const id = savedIdOf(name.trim());
  await model.save(savedUrlOf(id));
  registerLoadedModel(id, await loadSaved(id));
  useAppStore.getState().addModel({ id, name: `${name.trim()} (saved)`, source: 'saved', status: 'ready' });
  return id;
}

/** Deletes it from the browser and from the picker, and frees its weights. */
export async function deleteSavedModel(id: string): Promise<void> {
  await tf.io.removeModel(savedUrlOf(id));
  const s = useAppStore.getState();
  const wasSelected = s.selectedModelId === id;
  s.removeModel(id);
  forgetModel(id);
  if (wasSelected) s.selectModel(STANDARD_MODEL_ID);
}

/** Downloads the model as model.json + weights.bin, loadable here or anywhere tfjs runs. */
export async function downloadModel(modelId: string, fileName: string): Promise<void> {
  const { model } = await getModel(modelId);
  await model.save(browserDownloadsHandler(fileName));
}
