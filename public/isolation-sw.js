// Epsilon's isolation service worker: for static hosts that cannot send headers. tfjs-backend-wasm runs
// multi-threaded only in a cross-origin isolated page (SharedArrayBuffer), which takes two response headers:
// Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp. This worker adds them
// (and Cross-Origin-Resource-Policy: same-origin) to this site's own responses. It fetches nothing itself and
// leaves requests to any other origin alone. Installed by src/runtime/platform/isolation.ts from beside
// index.html, so its scope is the site's own folder; `?isolate=0` on the page unregisters it.
// The values are those of src/runtime/platform/isolationHeaders.ts (a service worker cannot import TypeScript).
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

self.addEventListener('install', () => self.skipWaiting());
// Take over the page that installed us at once: it reloads itself to come back isolated.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  // A request only the HTTP cache may answer cannot be re-fetched from here.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(fetch(request).then(withIsolationHeaders));
});

function withIsolationHeaders(response) {
  // Opaque answers (a redirect a navigation follows itself, errors) have no headers to add to.
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
