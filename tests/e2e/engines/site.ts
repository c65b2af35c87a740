// The built site for the engine tests: a copy of dist/ on the plain static host (no isolation headers: the page's
// service worker isolates it, as on a static host), whose index.html first runs a probe. WebKitWebDriver has no
// console API and no script that runs before the page's own, so the page itself collects what went wrong, in
// sessionStorage, which outlives the reloads the page makes (to become isolated) and the test's own.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../../node/paths.ts';
import { SUB_PATH } from '../../../node/browser.ts';
import { startStaticServer, type StaticServer } from '../staticServer.ts';

export const ERRORS_KEY = 'engine-test-errors';
export const WORKERS_KEY = 'engine-test-workers';

/** Runs before the app: records uncaught errors, rejections and console errors, and the script of every Worker made. */
const PROBE = `<script>
(() => {
  const add = (key, value) => {
    try {
      const list = JSON.parse(sessionStorage.getItem(key) || '[]');
      list.push(value);
      sessionStorage.setItem(key, JSON.stringify(list));
    } catch {}
  };
  const text = (v) => (v && v.stack) || (v && v.message) || String(v);
  addEventListener('error', (e) => add('${ERRORS_KEY}', 'error: ' + (e.error ? text(e.error) : e.message)));
  addEventListener('unhandledrejection', (e) => add('${ERRORS_KEY}', 'unhandledrejection: ' + text(e.reason)));
  const consoleError = console.error;
  console.error = (...args) => {
    add('${ERRORS_KEY}', 'console.error: ' + args.map(text).join(' '));
    consoleError.apply(console, args);
  };
  const NativeWorker = window.Worker;
  if (NativeWorker) {
    window.Worker = class extends NativeWorker {
      constructor(url, options) {
        add('${WORKERS_KEY}', String(url));
        super(url, options);
      }
    };
  }
})();
</script>`;

export interface Site extends StaticServer {
  /** The copy's folder. */
  root: string;
  /** Removes the copy (after close). */
  remove: () => void;
}

export async function startSite(): Promise<Site> {
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) throw new Error('dist/ is missing: run `npx vite build` first');
  const root = mkdtempSync(join(tmpdir(), 'epsilon-engines-'));
  cpSync(join(ROOT, 'dist'), root, { recursive: true });
  const index = join(root, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('<head>', `<head>\n${PROBE}`));
  const server = await startStaticServer({ root, subPath: SUB_PATH });
  return {
    ...server,
    root,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
