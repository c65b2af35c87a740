// Makes the page cross-origin isolated where it can, so tfjs-backend-wasm may run threads, and installs our
// service worker (service-worker.ts, built beside index.html), which also keeps the site for offline use. A host
// that sends COOP/COEP itself (`npm run preview`) is isolated already: the worker installs in the background. On
// one that cannot (a plain static host) the worker adds the headers: the first visit installs it and reloads
// once (a first visit whose save outlasts FIRST_VISIT_WAIT_MS starts unisolated instead). `?isolate=0` in the
// address unregisters it (and with it the offline copy) and keeps it off in this browser; `?isolate=1` allows it
// again. `npm run dev` builds no worker.

import type { Isolation } from '../../state/backendSlice.ts';
import { SERVICE_WORKER_MARK_NAME } from './isolationHeaders.ts';

export const SERVICE_WORKER = 'service-worker.js';
/** Only a build has the worker (vite-plugin-pwa writes it into dist/). */
const WORKER_BUILT = import.meta.env.PROD;
/** localStorage: present while the user has switched the service worker off. */
const OFF_KEY = 'epsilon.isolation-off';
/** sessionStorage: set before the one reload, so a browser that stays unisolated does not reload forever. */
const RELOADED_KEY = 'epsilon.isolation-reloaded';
/**
 * How long a first visit waits for the worker to save the site (its install) before the app starts without it.
 * From a nearby host the save takes a few seconds; on a slow school network it may take minutes, and the page
 * should not sit on its loading line meanwhile. Past this the page runs unisolated (one WASM thread) and is
 * never reloaded under the user's hands: the next visit is isolated.
 */
export const FIRST_VISIT_WAIT_MS = 8000;
/** sessionStorage: this page started before the worker had saved the site (isolated from the next visit). */
const STARTED_EARLY_KEY = 'epsilon.isolation-next-visit';

/** Ours, or the isolation-only worker of earlier versions (isolation-sw.js), which ours replaces. */
const ours = (worker: ServiceWorker | null | undefined): boolean => /\/(service-worker|isolation-sw)\.js$/.test(worker?.scriptURL ?? '');

/** Whether our worker, not the host, gave this document its isolation headers (it marks what it changed). */
function isolatedByOurWorker(): boolean {
  if (typeof performance === 'undefined' || !performance.getEntriesByType) return false;
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return navigation?.serverTiming?.some((entry) => entry.name === SERVICE_WORKER_MARK_NAME) ?? false;
}

/** Whether this browser keeps our worker (for isolation and the offline copy): not after `?isolate=0`. */
export const workerSwitchedOff = (): boolean => typeof localStorage !== 'undefined' && localStorage.getItem(OFF_KEY) !== null;

/**
 * How this context is (or is not) isolated, read off the browser rather than remembered: once ensureIsolation
 * has run, the headers, our worker's control of the page and the switch say it all. A Web Worker (the
 * training worker) has no service worker or storage of its own: there only the headers' answer counts.
 */
export function isolation(): Isolation {
  if (globalThis.crossOriginIsolated) return isolatedByOurWorker() ? 'service worker' : 'headers';
  if (workerSwitchedOff()) return 'switched off';
  return typeof sessionStorage !== 'undefined' && sessionStorage.getItem(STARTED_EARLY_KEY) !== null ? 'next visit' : 'unavailable';
}

/** Resolves once the page may start; never resolves when the page is about to reload into isolation. */
export async function ensureIsolation(): Promise<Isolation> {
  const container = 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
  const flag = new URLSearchParams(window.location.search).get('isolate');
  sessionStorage.removeItem(STARTED_EARLY_KEY);
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
    // Isolated by the host: the worker is wanted for the offline copy only, and installs in the background.
    if (container && WORKER_BUILT && !ours(container.controller)) void container.register(SERVICE_WORKER, { scope: './' }).catch(() => undefined);
    return isolation();
  }
  // Service workers exist only in secure contexts (https, localhost); a browser may also refuse them.
  if (!container || !WORKER_BUILT || sessionStorage.getItem(RELOADED_KEY)) return 'unavailable';
  try {
    // Relative to the page, so the scope is the folder the site is served from, whatever its sub-path.
    // Its first install saves the site for offline use before it takes over (the page says it is loading).
    const registration = await container.register(SERVICE_WORKER, { scope: './' });
    const ready = await Promise.race([activated(registration), new Promise<'late'>((done) => setTimeout(() => done('late'), FIRST_VISIT_WAIT_MS))]);
    if (ready === 'late') {
      sessionStorage.setItem(STARTED_EARLY_KEY, '1');
      return 'next visit';
    }
    if (!ready) return 'unavailable';
  } catch {
    return 'unavailable';
  }
  return reload();
}

/** Whether the registration's worker becomes active (false if it fails to install). */
export function activated(registration: ServiceWorkerRegistration): Promise<boolean> {
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
