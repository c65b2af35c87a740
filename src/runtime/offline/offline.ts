// The offline copy, as the page sees it: whether this browser has saved the site (our service worker's first
// install saves every file of the build), whether the network is there, and a new deployment waiting to take
// over, which happens only when the user asks (a reload then brings the page and the worker of one version).
// Reports through callbacks: offline/ does not write the store.

import type { OfflineCopy } from '../../state/backendSlice.ts';
import { SKIP_WAITING } from './isolationHeaders.ts';
import { activated, SERVICE_WORKER, workerSwitchedOff } from './isolation.ts';

export interface OfflineReport {
  copy: (copy: OfflineCopy) => void;
  online: (online: boolean) => void;
  /** A new version is installed and waiting for updateToNewVersion. */
  updateReady: () => void;
}

const container = (): ServiceWorkerContainer | undefined => ('serviceWorker' in navigator ? navigator.serviceWorker : undefined);
const isOurs = (worker: ServiceWorker | null | undefined): boolean => Boolean(worker?.scriptURL.endsWith(`/${SERVICE_WORKER}`));

/** The user asked for the new version: it takes over, and the page reloads into it. */
export async function updateToNewVersion(): Promise<void> {
  const registration = await container()?.getRegistration('./');
  const waiting = registration?.waiting;
  if (!waiting) return window.location.reload();
  container()!.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  waiting.postMessage(SKIP_WAITING);
}

export async function watchOffline(report: OfflineReport): Promise<void> {
  report.online(navigator.onLine);
  window.addEventListener('online', () => report.online(true));
  window.addEventListener('offline', () => report.online(false));
  const workers = container();
  if (!workers || !import.meta.env.PROD || workerSwitchedOff()) return report.copy('none');

  let registration: ServiceWorkerRegistration;
  try {
    // The page's own isolation step registered it (or is about to, in the background): the same registration.
    registration = await workers.register(SERVICE_WORKER, { scope: './' });
  } catch {
    return report.copy('failed');
  }
  // An active worker of ours has saved its version of the site (its install does that before it activates).
  if (isOurs(registration.active)) report.copy('saved');
  else {
    report.copy('saving');
    void activated(registration).then((ok) => report.copy(ok ? 'saved' : 'failed'));
  }
  // A worker of ours that waits while another controls the page is a new deployment.
  const offerWhenInstalled = (worker: ServiceWorker) => {
    const settle = () => {
      if (worker.state === 'installed' && isOurs(workers.controller)) report.updateReady();
    };
    settle();
    worker.addEventListener('statechange', settle);
  };
  if (registration.waiting) offerWhenInstalled(registration.waiting);
  registration.addEventListener('updatefound', () => {
    if (registration.installing) offerWhenInstalled(registration.installing);
  });
  // Look for a new deployment now (a page load), and when the network comes back.
  const lookForUpdate = () => void registration.update().catch(() => undefined);
  lookForUpdate();
  window.addEventListener('online', lookForUpdate);
}
