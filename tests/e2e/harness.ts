// End-to-end harness: the built dist/ served from a sub-path, and Debian's Chromium driven by playwright-core.
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../scripts/data/paths.ts';

export const SUB_PATH = '/some/sub/path/';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // SwiftShader is the software WebGL here; allow it without a GPU.
  '--enable-unsafe-swiftshader',
];

export interface Session {
  page: Page;
  url: string;
  consoleErrors: string[];
  /** Every request the page made, as absolute URLs. */
  requests: string[];
  close: () => Promise<void>;
}

let server: PreviewServer | null = null;

async function startServer(): Promise<string> {
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first');
  server ??= await preview({ root: ROOT, base: SUB_PATH, logLevel: 'silent', preview: { port: 0, host: '127.0.0.1', strictPort: false }, configFile: false });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return `http://127.0.0.1:${address.port}${SUB_PATH}`;
}

export async function stopServer(): Promise<void> {
  await server?.close();
  server = null;
}

export interface OpenOptions {
  /** Appended to the URL, e.g. '#image=3'. */
  hash?: string;
  /** Runs in the page before any of the app's code (to simulate a browser without WebGL, say). */
  initScript?: string;
  /** Another page of the site than the app, e.g. 'bench.html'. */
  page?: string;
}

/** Opens the app in a fresh Chromium profile. */
export async function openApp({ hash = '', initScript, page: path = '' }: OpenOptions = {}): Promise<Session> {
  const url = (await startServer()) + path + hash;
  const userDataDir = mkdtempSync(join(tmpdir(), 'epsilon-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  if (initScript) await page.addInitScript(initScript);
  await page.goto(url);
  return {
    page,
    url,
    consoleErrors,
    requests,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The lab's attack controls (other panels have sliders named Epsilon too). */
export const attackControls = (s: Session) => s.page.getByRole('region', { name: 'Attack', exact: true });

/** The RGBA bytes of a canvas the app draws a 32x32 image on. */
export const canvasPixels = (canvas: Locator): Promise<number[]> =>
  canvas.evaluate((c) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 32, 32).data));
