// The response headers that make a page cross-origin isolated (crossOriginIsolated === true), which
// tfjs-backend-wasm needs before it runs threads (SharedArrayBuffer). Sent by `npm run dev` and `npm run preview`
// (vite.config.ts); our service worker (service-worker.ts) adds the same values where a host sends none.
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // Lets our own files load into any isolated page of this origin; nothing else needs it.
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

/** The Server-Timing entry our service worker adds where it, not the host, isolated a response. */
export const SERVICE_WORKER_MARK_NAME = 'epsilon-isolation';
export const SERVICE_WORKER_MARK = `${SERVICE_WORKER_MARK_NAME};desc="service worker"`;

/** The page's message to a waiting new version of the worker: take over now. */
export const SKIP_WAITING = 'epsilon-skip-waiting';
