/// <reference lib="webworker" />
// Epsilon's service worker, two jobs:
// - Offline: the build's every file (the app, both shipped models, the gallery, the evaluation and training
//   subsets, the shipped lessons) is saved in the browser when the worker installs (Workbox's precaching, the
//   list and its revisions put in by vite-plugin-pwa at build time), and answered from there, so after one visit
//   the site works with no network. A new deployment installs beside the old one and waits for the page's
//   "Reload" (a message), so a page never runs half old, half new.
// - Cross-origin isolation for static hosts that cannot send headers: tfjs-backend-wasm runs threads only in a
//   cross-origin isolated page. Where a response lacks the headers, this worker adds them and says so in a
//   Server-Timing entry the page reads (see isolation.ts).
// It answers only this site's own requests and fetches nothing from elsewhere. Registered by isolation.ts.
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { ISOLATION_HEADERS, SERVICE_WORKER_MARK, SKIP_WAITING } from './isolationHeaders.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

/** Adds the isolation headers where the host sent none (it may send its own, or the answer is opaque). */
function withIsolationHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  if (response.headers.has('Cross-Origin-Embedder-Policy')) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  headers.append('Server-Timing', SERVICE_WORKER_MARK);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

addPlugins([{ handlerWillRespond: async ({ response }) => withIsolationHeaders(response) }]);
// Every query parameter is the page's own (?isolate=…): the saved index.html answers them all.
precacheAndRoute(self.__WB_MANIFEST, { directoryIndex: 'index.html', ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();

// What was not saved (a file a later build no longer has, say) goes to the network, with the headers.
registerRoute(
  ({ url, request }) => url.origin === self.location.origin && !(request.cache === 'only-if-cached' && request.mode !== 'same-origin'),
  async ({ request }) => withIsolationHeaders(await fetch(request)),
);

// The first install takes over at once (the page that installed it reloads into isolation), as it does from
// the isolation-only worker of earlier versions; an update waits for the page to ask, so the page's files and the
// worker's stay of one deployment.
self.addEventListener('install', () => {
  const active = self.registration.active;
  if (!active || new URL(active.scriptURL).pathname !== self.location.pathname) void self.skipWaiting();
});
self.addEventListener('message', (event) => {
  if (event.data === SKIP_WAITING) void self.skipWaiting();
});
clientsClaim();
