// The built dist/ served from a sub-path, and Debian's Chromium driven by playwright-core: for the end-to-end
// tests, the browser benchmark and the screenshot script.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

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

export interface OpenOptions {
  /** Appended to the URL, e.g. '#image=3'. */
  hash?: string;
  /** Runs in the page before any of the app's code (to simulate a browser without WebGL, say). */
  initScript?: string;
  /** Another page of the site than the app, e.g. 'bench.html'. */
  page?: string;
}

let server: PreviewServer | null = null;

async function startServer(): Promise<string> {
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first');
  server ??= await preview({
    root: ROOT,
    base: SUB_PATH,
    logLevel: 'silent',
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    configFile: false,
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return `http://127.0.0.1:${address.port}${SUB_PATH}`;
}

export async function stopServer(): Promise<void> {
  await server?.close();
  server = null;
}

/** A WebGPU adapter headless on this machine (SwiftShader's: correct, not fast), for the tests and bench parts that need one. */
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

export function launchChromium(extraFlags: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...FLAGS, ...extraFlags] });
}

/**
 * Opens the app in a new context of `browser`: a fresh profile (no storage, cache or cookies shared with any
 * other context), so what one page did cannot leak into the next. Closing the session closes the context.
 */
export async function openPage(browser: Browser, { hash = '', initScript, page: path = '' }: OpenOptions = {}): Promise<Session> {
  const url = (await startServer()) + path + hash;
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  if (initScript) await page.addInitScript(initScript);
  await page.goto(url);
  return { page, url, consoleErrors, requests, close: () => context.close() };
}

/** Opens the app in a Chromium of its own; closing the session closes that browser. */
export async function openApp(options: OpenOptions = {}, extraFlags: string[] = []): Promise<Session> {
  const browser = await launchChromium(extraFlags);
  try {
    const session = await openPage(browser, options);
    return { ...session, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
