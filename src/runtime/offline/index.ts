// src/runtime/offline: our service worker and what the page asks of it.
//   isolation.ts         cross-origin isolation, so WASM may run threads: the host's headers, else our worker's
//                        (installed with a reload on a first visit); `?isolate=0|1` switches the worker off and on
//   isolationHeaders.ts  the headers and the messages the page and the worker share (also vite.config.ts's)
//   service-worker.ts    the worker itself, built by vite-plugin-pwa with the build's file list: headers and the
//                        offline copy
//   offline.ts           the offline copy the worker keeps, the network, and a new version waiting for a reload
// Nothing here writes the store: callers pass callbacks (an OfflineReport).
export { ensureIsolation, isolation } from './isolation.ts';
export { updateToNewVersion, watchOffline, type OfflineReport } from './offline.ts';
