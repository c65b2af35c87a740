// The built site in Chromium as the browser benchmark opens it: a fresh profile, told it has 4 logical cores
// (node/emulateCores.ts, the page and its workers) so that tfjs-backend-wasm, which runs at most half the logical
// cores, may run 2 threads on this 2-core machine, as tests/e2e/isolation.test.ts does.
import { openApp, type Session } from '../../node/browser.ts';
import { emulateCores } from '../../node/emulateCores.ts';

export const EMULATED_CORES = 4;
const STAND_IN = 'models/standard/card.json';

/**
 * Opens `path` (relative to the site, with its query and hash) in a fresh Chromium. A small file of the site stands
 * in for a blank page first, so the core count is set before the app's first script runs; `beforeOpen` runs there
 * (same origin: it may clear storage).
 */
export async function openEmulated(path: string, beforeOpen?: string): Promise<Session> {
  const s = await openApp({ page: STAND_IN });
  try {
    await emulateCores(s.page, EMULATED_CORES);
    if (beforeOpen) await s.page.evaluate(beforeOpen);
    const url = s.url.slice(0, -STAND_IN.length) + path;
    await s.page.goto(url);
    return { ...s, url };
  } catch (e) {
    await s.close();
    throw e;
  }
}

/** The page's status line once a backend runs, e.g. "Backend: wasm · float32 · 2 threads (cross-origin isolated by our service worker)". */
export async function backendLine(s: Session): Promise<string> {
  const line = s.page.getByTestId('backend-line').filter({ hasNotText: 'starting' });
  await line.waitFor({ timeout: 180_000 });
  return (await line.textContent()) ?? '';
}
