// Makes the page cross-origin isolated where it can, so tfjs-backend-wasm may run threads. A host that sends
// COOP/COEP itself (`npm run dev`, `npm run preview`) needs nothing. On one that cannot (a plain static host),
// our service worker (public/isolation-sw.js, beside index.html) adds the headers to this site's responses: the
// first visit installs it and reloads once. `?isolate=0` in the address unregisters it and keeps it off in this
// browser; `?isolate=1` allows it again.

import type { Isolation } from '../../state/backendSlice.ts';

const SERVICE_WORKER = 'isolation-sw.js';
/** localStorage: present while the user has switched the service worker off. */
const OFF_KEY = 'epsilon.isolation-off';
/** sessionStorage: set before the one reload, so a browser that stays unisolated does not reload forever. */
const RELOADED_KEY = 'epsilon.isolation-reloaded';

const ours = (worker: ServiceWorker | null | undefined): boolean => Boolean(worker?.scriptURL.endsWith(`/${SERVICE_WORKER}`));

/**
 * How this context is (or is not) isolated, read off the browser rather than remembered: once ensureIsolation
 * has run, the headers, our worker's control of the page and the switch say it all. A Web Worker (the
 * training worker) has no service worker or storage of its own: there only the headers' answer counts.
 */
export function isolation(): Isolation {
  const controller = typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker.controller : null;
  if (globalThis.crossOriginIsolated) return ours(controller) ? 'service worker' : 'headers';
  const off = typeof localStorage !== 'undefined' && localStorage.getItem(OFF_KEY) !== null;
  return off ? 'switched off' : 'unavailable';
}

/** Resolves once the page may start; never resolves when the page is about to reload into isolation. */
export async function ensureIsolation(): Promise<Isolation> {
  const container = 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
  const flag = new URLSearchParams(window.location.search).get('isolate');
  if (flag === '0') localStorage.setItem(OFF_KEY, '1');
  else if (flag === '1') localStorage.removeItem(OFF_KEY);

  if (localStorage.getItem(OFF_KEY) !== null) {
    const registrations = container ? await container.getRegistrations() : [];
    await Promise.all(registrations.filter((r) => ours(r.active ?? r.waiting ?? r.installing)).map((r) => r.unregister()));
    // Still isolated by the worker just unregistered: one reload leaves it.
    if (ours(container?.controller) && !sessionStorage.getItem(RELOADED_KEY)) return reload();
    sessionStorage.removeItem(RELOADED_KEY);
    return globalThis.crossOriginIsolated ? 'headers' : 'switched off';
  }
  if (globalThis.crossOriginIsolated) {
    sessionStorage.removeItem(RELOADED_KEY);
    return ours(container?.controller) ? 'service worker' : 'headers';
  }
  // Service workers exist only in secure contexts (https, localhost); a browser may also refuse them.
  if (!container || sessionStorage.getItem(RELOADED_KEY)) return 'unavailable';
  try {
    // Relative to the page, so the scope is the folder the site is served from, whatever its sub-path.
    const registration = await container.register(SERVICE_WORKER, { scope: './' });
    if (!(await activated(registration))) return 'unavailable';
  } catch {
    return 'unavailable';
  }
  return reload();
}

/** Whether the registration's worker becomes active (false if it fails to install). */
function activated(registration: ServiceWorkerRegistration): Promise<boolean> {
  const worker = registration.installing ?? registration.waiting ?? registration.active;
  if (!worker || worker.state === 'activated') return Promise.resolve(Boolean(worker));
  return new Promise((resolve) => {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') resolve(true);
      else if (worker.state === 'redundant') resolve(false);
    });
  });
}

function reload(): Promise<never> {
  sessionStorage.setItem(RELOADED_KEY, '1');
  window.location.reload();
  return new Promise(() => {});
}
