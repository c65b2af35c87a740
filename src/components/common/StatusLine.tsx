import { useAppStore } from '../../state/store.ts';
import type { Isolation, OfflineCopy } from '../../state/backendSlice.ts';

const ISOLATION_TEXT: Record<Isolation, string> = {
  headers: 'cross-origin isolated by the server',
  'service worker': 'cross-origin isolated by our service worker',
  'switched off': 'isolation switched off by ?isolate=0',
  'next visit': 'cross-origin isolated from the next visit: the site was still being saved in this browser when the page started',
  unavailable: 'this page cannot be cross-origin isolated here',
};

const OFFLINE_COPY_TEXT: Record<OfflineCopy, string | null> = {
  saved: 'Works offline: saved in this browser',
  saving: 'Saving for offline use…',
  failed: 'Could not be saved for offline use here',
  none: null,
  checking: null,
};

/** Which tfjs backend runs the model, what that means and why it was chosen (the switch sits with the model picker). */
export function StatusLine() {
  const backend = useAppStore((s) => s.backend);
  const threadChoice = useAppStore((s) => s.threadChoice.page);
  const offlineCopy = OFFLINE_COPY_TEXT[useAppStore((s) => s.offline.copy)];
  let text: string;
  let detail: string | undefined;
  if (backend.status === 'starting') text = 'Backend: starting…';
  else if (backend.status === 'failed') text = `Backend: none (${backend.message})`;
  else {
    const { name, float32RenderTargets, fallbacks, wasm } = backend.info;
    const precision =
      name === 'webgl'
        ? float32RenderTargets
          ? 'float32 render targets: yes'
          : 'float32 render targets: no (float16; training may be unstable)'
        : 'float32';
    const wasmThreads = wasm ? ` · ${wasm.threads} thread${wasm.threads === 1 ? '' : 's'} (${ISOLATION_TEXT[wasm.isolation]})` : '';
    text = `Backend: ${name} · ${precision}${wasmThreads}`;
    if (fallbacks.length > 0) detail = `Fell back to ${name}: ${fallbacks.join('; ')}`;
    else if (backend.info.reason) detail = `Why: ${backend.info.reason}`;
    const threads = threadChoice
      ? `WASM threads for the lab: ${threadChoice.reason}`
      : wasm?.oneThreadBecause && `One WASM thread: ${wasm.oneThreadBecause}`;
    if (wasm && threads) detail = `${detail ? `${detail}. ` : ''}${threads}`;
  }
  return (
    <footer className="status-line">
      <span role="status" aria-live="polite">
        <span data-testid="backend-line">{text}</span>
        {detail && (
          <span className="muted" data-testid="backend-detail">
            {' '}
            — {detail}
          </span>
        )}
      </span>
      {offlineCopy && (
        <span role="status" className="muted offline-line" data-testid="offline-line">
          {offlineCopy}
        </span>
      )}
    </footer>
  );
}
