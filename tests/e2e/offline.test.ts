// Offline use end to end, with the built site on a plain static host: installable by Chromium's own check; after
// one visit the host is shut down and
// the browser put offline, and the page still reloads, says it is offline, attacks, opens the shipped lesson and
// gets every file of the build back (the models, the gallery, the evaluation and training subsets, the lessons).
// A first visit whose copy takes longer than the page waits starts without it (isolated from the next visit).
// A new deployment is saved beside the old one and taken in only when the user presses "Reload to update".
// The site is served from a copy of dist/, which the update test changes as a new deployment would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from '../../node/paths.ts';
import { ATTACK_DEFAULTS } from '../../src/attacks/index.ts';
import { SHIPPED_LESSONS } from '../../src/lessons/shipped.ts';
import { openApp, stopServer, SUB_PATH, type Session } from '../../node/browser.ts';
import { startStaticServer, type StaticServer } from './staticServer.ts';
import { violationsAboveMinor } from './axe.ts';
import { FIRST_VISIT_WAIT_MS } from '../../src/runtime/offline/isolation.ts';

const LAB = '#backend=wasm&image=1022&attack=pgd';

/** A fresh profile on the static host (the harness's own server serves a stand-in first page). */
async function open(url: string): Promise<Session> {
  const s = await openApp({ page: 'models/standard/card.json' });
  await s.page.goto(url);
  return s;
}

async function pgdResult(s: Session): Promise<void> {
  await expect
    .poll(async () => Number(await s.page.getByTestId('readout-steps').textContent()), { timeout: 120_000 })
    .toBe(ATTACK_DEFAULTS.pgd.steps);
  expect(await s.page.getByTestId('verdict').textContent()).toMatch(/^(Fooled|Not fooled)/);
}

const savedLine = (s: Session) =>
  s.page.getByTestId('offline-line').filter({ hasText: 'Works offline: saved in this browser' }).waitFor({ timeout: 120_000 });

/** Every file of a built site, as paths relative to it. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)));
}

let site: string;
beforeAll(() => {
  site = mkdtempSync(join(tmpdir(), 'epsilon-offline-'));
  cpSync(join(ROOT, 'dist'), site, { recursive: true });
});
afterAll(async () => {
  await stopServer();
  rmSync(site, { recursive: true, force: true });
});

describe('after one visit', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await startStaticServer({ root: site, subPath: SUB_PATH });
  });

  it('the site reloads, attacks and opens the shipped lesson with the host gone and the network off; every file comes back', async () => {
    const s = await open(server.url + LAB);
    try {
      await pgdResult(s);
      await savedLine(s);
      expect(await s.page.getByTestId('offline-banner').count()).toBe(0);

      await server.close();
      await s.page.context().setOffline(true);
      await s.page.reload();
      const banner = s.page.getByTestId('offline-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toBe(
        'You are offline. Epsilon runs from the copy saved in this browser: ' +
          'the lab, the three shipped models, the lessons and training work as before.',
      );
      // Still cross-origin isolated (the worker adds the headers to what it saved), and the attack runs.
      expect(await s.page.evaluate(() => crossOriginIsolated)).toBe(true);
      await pgdResult(s);

      // Every file the build has, but the developer's bench page and the worker itself, comes back whole.
      const wanted = filesOf(site).filter((f) => !/^bench\.html$|^assets\/bench-|^service-worker\.js$/.test(f));
      const sizes = await s.page.evaluate(
        (paths) =>
          Promise.all(
            paths.map(async (p) => {
              const r = await fetch(p).catch(() => null);
              return r?.ok ? (await r.arrayBuffer()).byteLength : 'not answered';
            }),
          ),
        wanted,
      );
      expect(Object.fromEntries(wanted.map((f, i) => [f, sizes[i]]))).toEqual(
        Object.fromEntries(wanted.map((f) => [f, statSync(join(site, f)).size])),
      );
      // The README gives the size a first visit saves.
      const readme = /saves every file of the build in the browser \(about (\d+) MB/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'));
      expect(readme).not.toBeNull();
      expect(Math.round(wanted.reduce((sum, f) => sum + statSync(join(site, f)).size, 0) / 1e6)).toBe(Number(readme![1]));
      for (const f of ['models/robust/weights.bin', 'data/train.png', 'data/eval.png', 'data/gallery.png', ...SHIPPED_LESSONS.map((l) => l.path)])
        expect(wanted).toContain(f);

      // The other shipped model answers offline too.
      await s.page.goto(`${server.url}${LAB}&model=robust`);
      await pgdResult(s);
      expect(await s.page.getByRole('region', { name: 'Model' }).getByLabel('Model', { exact: true }).inputValue()).toBe('robust');

      // The shipped lesson opens from its link, offline.
      await s.page.goto(`${server.url}#backend=wasm&lesson=${SHIPPED_LESSONS[0]!.path}`);
      await s.page.getByTestId('lesson-bar').waitFor({ timeout: 60_000 });
      expect(await s.page.getByTestId('lesson-step-title').textContent()).toBeTruthy();
      await banner.waitFor();
      expect(await violationsAboveMinor(s.page)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('a first visit on a slow network', () => {
  let server: StaticServer;
  beforeAll(async () => {
    // The largest file, the training subset, arrives well after the page's wait for the saved copy.
    server = await startStaticServer({ root: site, subPath: SUB_PATH, delays: { 'data/train.png': FIRST_VISIT_WAIT_MS + 12_000 } });
  });
  afterAll(() => server.close());

  it('starts without waiting for the whole site, is not reloaded under the user, and is isolated from the next visit', async () => {
    const s = await open(server.url + LAB);
    try {
      const line = s.page.getByTestId('backend-line').filter({ hasNotText: 'starting' });
      await line.waitFor({ timeout: 120_000 });
      expect(await line.textContent()).toBe(
        'Backend: wasm · float32 · 1 thread (cross-origin isolated from the next visit: ' +
          'the site was still being saved in this browser when the page started)',
      );
      expect(await s.page.evaluate(() => crossOriginIsolated)).toBe(false);
      await pgdResult(s);
      // The page the user works in stays: the copy completes behind it.
      await s.page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
      await savedLine(s);
      expect(await s.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
      expect(await s.page.evaluate(() => crossOriginIsolated)).toBe(false);

      await s.page.reload();
      await line.filter({ hasText: 'cross-origin isolated by our service worker' }).waitFor({ timeout: 120_000 });
      expect(await s.page.evaluate(() => crossOriginIsolated)).toBe(true);
      await pgdResult(s);
    } finally {
      await s.close();
    }
  });
});

describe('a new deployment', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await startStaticServer({ root: site, subPath: SUB_PATH });
  });
  afterAll(() => server.close());

  it('is saved in the background and taken in when the user presses "Reload to update"', async () => {
    const s = await open(server.url + LAB);
    try {
      await savedLine(s);
      // Installable as an app, by Chromium's own check (manifest, icons, the worker); but a test's browser profile
      // is a private one, where Chromium installs nothing.
      const cdp = await s.page.context().newCDPSession(s.page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);

      // Deployment 2: index.html changes, and the worker's list of files names its new revision.
      const index = join(site, 'index.html');
      writeFileSync(index, readFileSync(index, 'utf8').replace('<head>', '<head>\n    <meta name="epsilon-deployment" content="2" />'));
      const workerFile = join(site, 'service-worker.js');
      const worker = readFileSync(workerFile, 'utf8');
      const revision = /\{"revision":"([0-9a-f]+)","url":"index\.html"\}/.exec(worker);
      expect(revision).not.toBeNull();
      writeFileSync(workerFile, worker.replace(revision![0], '{"revision":"deployment-2","url":"index.html"}'));

      // The next load looks for it, saves it and offers it; the page keeps running the old one meanwhile.
      await s.page.reload();
      const update = s.page.getByTestId('update-banner');
      await update.waitFor({ timeout: 120_000 });
      expect(await update.textContent()).toContain('A new version of Epsilon is ready. Reloading keeps the settings in the address.');
      const deployment = () => s.page.evaluate(() => document.querySelector('meta[name="epsilon-deployment"]')?.getAttribute('content') ?? '1');
      expect(await deployment()).toBe('1');
      expect(await violationsAboveMinor(s.page)).toEqual([]);

      await s.page.getByRole('button', { name: 'Reload to update' }).click();
      await expect.poll(deployment, { timeout: 60_000 }).toBe('2');
      await savedLine(s);
      expect(await s.page.getByTestId('update-banner').count()).toBe(0);
      expect(new URL(s.page.url()).hash).toContain('image=1022');
    } finally {
      await s.close();
    }
  });
});
