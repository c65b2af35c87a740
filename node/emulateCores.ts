// Tells a page, and every worker it starts, that the machine has `cores` logical cores (CDP
// Emulation.setHardwareConcurrencyOverride). tfjs-backend-wasm runs at most half the logical cores, each context by
// its own navigator, so on a 2-core test machine only this lets the page and its workers (training, the thread
// probes) run two threads. A worker is held at its start until it has been told (waitForDebuggerOnStart).
import type { Page } from 'playwright-core';

interface Attached {
  sessionId: string;
  targetInfo: { type: string };
  waitingForDebugger: boolean;
}

export async function emulateCores(page: Page, cores: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores });
  // Non-flat sessions: messages to a worker go through Target.sendMessageToTarget (Playwright's CDPSession.send
  // takes no session id).
  const toWorker = (sessionId: string, id: number, method: string, params: object) =>
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
  cdp.on('Target.attachedToTarget', (e: Attached) => {
    void (async () => {
      if (e.targetInfo.type === 'worker') await toWorker(e.sessionId, 1, 'Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores });
      if (e.waitingForDebugger) await toWorker(e.sessionId, 2, 'Runtime.runIfWaitingForDebugger', {});
    })().catch(() => undefined);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
}
