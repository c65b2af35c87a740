// Firefox and WebKit behind one small interface, so one test walks the page the same way in each: Firefox ESR
// driven by puppeteer-core over WebDriver BiDi, WebKitGTK's MiniBrowser by selenium-webdriver through
// WebKitWebDriver (REFERENCE.md section 8). Both run with a window on the test's own X display.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { Builder, By, Key, type WebDriver } from 'selenium-webdriver';

export type EngineName = 'firefox' | 'webkit';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const PACKAGES = 'apt-get install firefox-esr webkit2gtk-driver xvfb xauth';

const VIEWPORT = { width: 1280, height: 900 };

export interface EnginePage {
  engine: EngineName;
  goto: (url: string) => Promise<void>;
  reload: () => Promise<void>;
  /** Runs `fn` in the page (it must be self-contained) and returns its JSON-able result, awaited. */
  evaluate: <A extends unknown[], T>(fn: (...args: A) => T, ...args: A) => Promise<Awaited<T>>;
  /** A real click (the driver's) on the first element matching a CSS selector. */
  click: (selector: string) => Promise<void>;
  /** A real key press on the element matching a CSS selector. */
  press: (selector: string, key: 'End' | 'Home') => Promise<void>;
  /** The window's content as a PNG. */
  screenshot: () => Promise<Buffer>;
  /** Cuts the page off the network where the engine can (Firefox); false where it cannot (WebKit: the test stops the host). */
  setOffline: () => Promise<boolean>;
  close: () => Promise<void>;
}

function need(path: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: the engine tests need ${PACKAGES}`);
}

export async function launchFirefox(display: string): Promise<EnginePage> {
  need(FIREFOX);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    // With a window (on Xvfb): headless Firefox has no WebGL.
    headless: false,
    env: { ...process.env, DISPLAY: display },
    defaultViewport: VIEWPORT,
  });
  const page = await browser.newPage();
  return {
    engine: 'firefox',
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    evaluate: (fn, ...args) => page.evaluate(fn as (...a: unknown[]) => unknown, ...args) as never,
    click: (selector) => page.click(selector),
    press: async (selector, key) => {
      await page.focus(selector);
      await page.keyboard.press(key);
    },
    screenshot: async () => Buffer.from(await page.screenshot({ type: 'png' })),
    setOffline: async () => {
      await page.setOfflineMode(true);
      return true;
    },
    close: () => browser.close(),
  };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

/** WebKitWebDriver's port answers once it is up. */
async function waitForDriver(port: number, driver: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/status`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('WebKitWebDriver did not answer within 10 s');
}

export async function launchWebKit(display: string): Promise<EnginePage> {
  need(WEBKIT_DRIVER);
  need(MINIBROWSER);
  const port = await freePort();
  const service = spawn(WEBKIT_DRIVER, [`--port=${port}`], {
    env: { ...process.env, DISPLAY: display },
    stdio: 'ignore',
  });
  let driver: WebDriver;
  try {
    await waitForDriver(port, service);
    driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': {
          binary: MINIBROWSER,
          args: ['--automation'],
        },
      })
      .build();
    await driver.manage().window().setRect(VIEWPORT);
  } catch (e) {
    service.kill();
    throw e;
  }
  const d = driver;
  return {
    engine: 'webkit',
    goto: (url) => d.get(url),
    reload: () => d.navigate().refresh(),
    evaluate: (fn, ...args) => d.executeScript(fn as (...a: unknown[]) => unknown, ...args) as never,
    click: async (selector) => (await d.findElement(By.css(selector))).click(),
    press: async (selector, key) => (await d.findElement(By.css(selector))).sendKeys(key === 'End' ? Key.END : Key.HOME),
    screenshot: async () => Buffer.from(await d.takeScreenshot(), 'base64'),
    setOffline: async () => false,
    close: async () => {
      await d.quit().catch(() => undefined);
      service.kill();
    },
  };
}

export const LAUNCH: Record<EngineName, (display: string) => Promise<EnginePage>> = { firefox: launchFirefox, webkit: launchWebKit };
