// One Chromium per test file (starting it is the slow part), and pages that belong to one test: each test opens
// its own at the link that describes its starting state, in a fresh profile, and they close after it. So a test
// that fails leaves nothing behind for the next one.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, stopServer, type OpenOptions, type Session } from '../../node/browser.ts';

export interface PageOptions extends OpenOptions {
  /** A test id to wait for before the test goes on, e.g. 'verdict' once the first attack result is shown. */
  ready?: string;
}

/** With `noConsoleErrors`, a test fails when any page it opened logged an error. */
export function pagePerTest({ noConsoleErrors = false } = {}): (options?: PageOptions) => Promise<Session> {
  let browser: Browser | undefined;
  let opened: Session[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    const closing = opened;
    opened = [];
    await Promise.all(closing.map((s) => s.close()));
    if (noConsoleErrors) expect(closing.flatMap((s) => s.consoleErrors)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await stopServer();
  });
  return async ({ ready, ...options } = {}) => {
    if (!browser) throw new Error('pagePerTest: Chromium did not start');
    const session = await openPage(browser, options);
    opened.push(session);
    if (ready) await session.page.getByTestId(ready).waitFor();
    return session;
  };
}
