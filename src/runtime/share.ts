// Keeping and sharing: PNG downloads, the shareable link, and restoring state from a link.
import { useAppStore, type AppState } from '../state/store.ts';
import { DEFAULT_ATTACK, currentConfig, initialConfigs } from '../state/attackSlice.ts';
import { DEFAULT_VIEW } from '../state/uiSlice.ts';
import { selectedImage } from '../state/gallerySlice.ts';
import { lessonAddress } from '../state/lessonSlice.ts';
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

/** The model ids a link cannot carry: they exist in this tab only. */
function linkable(s: AppState, modelId: string): boolean {
  const source = s.models.find((m) => m.id === modelId)?.source;
  return source === 'bundled' || source === 'saved';
}

export function sharedStateNow(): SharedState {
  const s = useAppStore.getState();
  const g = s.imageSource === 'gallery' ? selectedImage(s) : null;
  const backend = s.backend.status === 'ready' && (s.backend.info.chosenBy === 'link' || s.backend.info.chosenBy === 'user') ? s.backend.info.name : null;
  return {
    ...(g ? { image: g.sourceIndex } : {}),
    ...(linkable(s, s.selectedModelId) ? { model: s.selectedModelId } : {}),
    // Only a backend someone chose: a measured choice is this machine's, and the next one measures for itself.
    ...(backend ? { backend } : {}),
    attack: s.attackKind,
    config: currentConfig(s),
    target: s.target,
    view: s.view,
    // The open lesson and its step, when a link can name them: the address keeps them as the student plays.
    ...lessonAddress(s),
  };
}

/** What a link to the current state cannot carry, or carries only for this browser, said for people. */
function linkCaveats(s: AppState): string[] {
  const caveats: string[] = [];
  if (s.imageSource !== 'gallery') caveats.push('your own image (the link opens on a gallery image)');
  const model = s.models.find((m) => m.id === s.selectedModelId);
  if (model?.source === 'upload') caveats.push(`the uploaded model "${model.name}" (the link opens on the standard model)`);
  if (model?.source === 'training') caveats.push('the model you are training (save it first; the link opens on the standard model)');
  if (model?.source === 'saved') caveats.push(`the saved model "${model.name}" opens only in this browser`);
  return caveats;
}

/** A link to this state, and what it had to leave out (e.g. an uploaded model), said for people. */
export function shareLink(): { url: string; omitted: string[] } {
  const url = new URL(window.location.href);
  const { hash, omitted } = encodeHashReport(sharedStateNow());
  url.hash = hash;
  return { url: url.toString(), omitted: [...linkCaveats(useAppStore.getState()), ...omitted] };
}

/**
 * Sets the state a link describes; what it leaves out takes its default, except the user's own image or model,
 * which a link cannot name (they are kept rather than lost). Values were validated by decodeHashReport.
 * Returns what could not be applied, naming the key and what was used instead.
 */
export function applySharedState(shared: SharedState): string[] {
  const s = useAppStore.getState();
  const problems: string[] = [];
  if (s.gallery.status === 'ready') {
    const first = s.gallery.images[0];
    const wanted = shared.image === undefined ? undefined : s.gallery.images.find((i) => i.sourceIndex === shared.image);
    if (shared.image !== undefined && !wanted && first) {
      problems.push(`image=${shared.image} is not in the gallery (its images are listed under it); showing image ${first.sourceIndex} instead`);
    }
    const image = wanted ?? (shared.image === undefined && s.imageSource !== 'gallery' ? undefined : first);
    if (image) s.selectImage(image.id);
  }
  const wantedModel = shared.model ?? (linkable(s, s.selectedModelId) ? 'standard' : s.selectedModelId);
  if (s.models.some((m) => m.id === wantedModel)) s.selectModel(wantedModel);
  else {
    problems.push(`model=${wantedModel} is not in this browser; using the standard model instead`);
    s.selectModel('standard');
  }
  const kind = shared.attack ?? DEFAULT_ATTACK;
  useAppStore.setState({ attackKind: kind, configs: { ...initialConfigs(), ...(shared.config ? { [kind]: shared.config } : {}) } });
  s.setTarget(shared.target ?? null);
  s.setView({ ...DEFAULT_VIEW, ...shared.view });
  return problems;
}

export function applyHash(hash: string): void {
  const { state, problems } = decodeHashReport(hash);
  const all = [...problems, ...applySharedState(state)];
  useAppStore.getState().setNotice(all.length ? `Parts of this link were not used: ${all.join('; ')}.` : null);
}

/**
 * Keeps the address bar on the state as it changes (replacing the entry: no history step per slider move), so
 * that copying the address shares what is on screen. Returns the unsubscribe function.
 */
export function startHashSync(): () => void {
  let last = '';
  const write = () => {
    const hash = encodeHashReport(sharedStateNow()).hash;
    if (hash === last) return;
    last = hash;
    const url = new URL(window.location.href);
    url.hash = hash;
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
  };
  write();
  return useAppStore.subscribe(write);
}
