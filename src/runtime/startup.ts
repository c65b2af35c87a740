// What happens when the page opens: pick a backend and load the gallery, each reporting to the store.
import { useAppStore } from '../state/store.ts';
import { chooseBackend } from './backend.ts';
import { loadManifest, loadSubset } from './loadData.ts';
import { applyHash } from './share.ts';
import { decodeHash } from '../state/urlSchema.ts';
import { watchContextLoss } from './contextLoss.ts';
import { listSavedModels } from './savedModels.ts';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Starts on the link's preferred backend, else WebGL; falls back from there. */
export async function startBackend(): Promise<void> {
  try {
    const info = await chooseBackend(decodeHash(window.location.hash).backend ?? 'webgl');
    useAppStore.getState().setBackendReady(info);
    if (info.name === 'webgl') watchContextLoss();
    void listSavedModels();
  } catch (e) {
    useAppStore.getState().setBackendFailed(message(e));
  }
}

export async function startGallery(): Promise<void> {
  try {
    const [{ classNames }, gallery] = await Promise.all([loadManifest(), loadSubset('gallery')]);
    const images = gallery.images
      .map((pixels, id) => ({ id, pixels, label: gallery.manifest.labels[id]!, sourceIndex: gallery.manifest.sourceIndex[id]! }))
      // Grouped by class, so a class is easy to find in front of a room.
      .sort((a, b) => a.label - b.label || a.sourceIndex - b.sourceIndex);
    useAppStore.getState().setGallery(images, classNames);
    useAppStore.getState().selectImage(images[0]!.id);
    // A shared link restores its state once the gallery it refers to is here.
    if (window.location.hash.length > 1) applyHash(window.location.hash);
    window.addEventListener('hashchange', () => applyHash(window.location.hash));
  } catch (e) {
    useAppStore.getState().setGalleryFailed(message(e));
  }
}
