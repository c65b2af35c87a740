// What happens when the page opens: pick a backend and load the gallery, each reporting to the store.
import { useAppStore } from '../state/store.ts';
import { chooseBackend } from './backend.ts';
import { loadManifest, loadSubset } from './loadData.ts';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function startBackend(): Promise<void> {
  try {
    useAppStore.getState().setBackendReady(await chooseBackend());
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
  } catch (e) {
    useAppStore.getState().setGalleryFailed(message(e));
  }
}
