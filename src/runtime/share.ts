// Links: the shareable link to what is on screen, the address bar kept on it, and a link's state set on the page.
// What moves between a link and the store is the URL key table's business (src/state/labState.ts).
import { useAppStore, type AppState } from '../state/store.ts';
import { decodeHashReport, encodeHashReport, type SharedState } from '../state/urlSchema.ts';
import { applySharedState, sharedStateOf } from '../state/labState.ts';

const sharedStateNow = (): SharedState => sharedStateOf(useAppStore.getState());

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
