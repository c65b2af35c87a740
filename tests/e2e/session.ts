// One page shared by the tests of a describe block: opened before them (once the app shows `readyTestId`),
// closed after them with the preview server. Kept apart from harness.ts, which scripts use outside vitest.
import { afterAll, beforeAll } from 'vitest';
import { openApp, stopServer, type Session } from './harness.ts';

export function sharedSession(hash: string, readyTestId: string, opened: (s: Session) => void, before?: () => Promise<void>): void {
  let session: Session | undefined;
  beforeAll(async () => {
    await before?.();
    session = await openApp({ hash });
    opened(session);
    await session.page.getByTestId(readyTestId).waitFor();
  });
  afterAll(async () => {
    await session?.close();
    await stopServer();
  });
}
