// Keeping and sharing: PNG downloads, the shareable link, and restoring state from a link.
import { useAppStore } from '../state/store.ts';
import { currentConfig } from '../state/attackSlice.ts';
import { selectedImage } from '../state/gallerySlice.ts';
import { decodeHashReport, encodeHashReport, type SharedState } from '../state/urlSchema.ts';
import { rgbToRgba } from '../data/sprite.ts';
import { IMAGE_SIZE } from '../data/cifar10.ts';

/** 32x32 RGB bytes -> PNG blob, upscaled by `scale` with hard pixel edges. */
export async function pixelsToPng(pixels: Uint8Array, scale = 1): Promise<Blob> {
  const small = new OffscreenCanvas(IMAGE_SIZE, IMAGE_SIZE);
  small.getContext('2d')!.putImageData(new ImageData(rgbToRgba(pixels), IMAGE_SIZE, IMAGE_SIZE), 0, 0);
  const out = new OffscreenCanvas(IMAGE_SIZE * scale, IMAGE_SIZE * scale);
  const ctx = out.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, IMAGE_SIZE * scale, IMAGE_SIZE * scale);
  return out.convertToBlob({ type: 'image/png' });
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function sharedStateNow(): SharedState {
  const s = useAppStore.getState();
  const g = s.imageSource === 'gallery' ? selectedImage(s) : null;
  return {
    ...(g ? { image: g.sourceIndex } : {}),
    // An uploaded model lives in this tab only: the model key does not accept it, and the link says it left it out.
    model: s.selectedModelId,
    ...(s.backend.status === 'ready' ? { backend: s.backend.info.name } : {}),
    attack: s.attackKind,
    config: currentConfig(s),
    target: s.target,
    view: s.view,
  };
}

/** A link to this state, and what it had to leave out (e.g. an uploaded model), said for people. */
export function shareLink(): { url: string; omitted: string[] } {
  const url = new URL(window.location.href);
  const { hash, omitted } = encodeHashReport(sharedStateNow());
  url.hash = hash;
  return { url: url.toString(), omitted };
}

/** Applies a link's state. Values were validated by decodeHashReport; names not found here are ignored. */
export function applySharedState(shared: SharedState): string[] {
  const s = useAppStore.getState();
  const ignored: string[] = [];
  if (shared.image !== undefined && s.gallery.status === 'ready') {
    const img = s.gallery.images.find((i) => i.sourceIndex === shared.image);
    if (img) s.selectImage(img.id);
    else ignored.push(`image ${shared.image} is not in the gallery`);
  }
  if (shared.model) {
    if (s.models.some((m) => m.id === shared.model)) s.selectModel(shared.model);
    else ignored.push(`model "${shared.model}" is not available`);
  }
  if (shared.attack && shared.config) {
    useAppStore.setState({ attackKind: shared.attack, configs: { ...s.configs, [shared.attack]: shared.config } });
  }
  if (shared.target !== undefined) s.setTarget(shared.target);
  if (shared.view) s.setView(shared.view);
  return ignored;
}

export function applyHash(hash: string): void {
  const { state, problems } = decodeHashReport(hash);
  const ignored = [...problems, ...applySharedState(state)];
  if (ignored.length) useAppStore.getState().setNotice(`Parts of this link were ignored: ${ignored.join('; ')}.`);
}
