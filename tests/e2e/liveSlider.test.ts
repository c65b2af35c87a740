// A live slider stays live: during a continuous mouse drag of FGSM's epsilon, the page shows new predictions
// before the drag ends (latest wins, and every finished result is shown), on WASM and on the software WebGL.
import { describe, expect, it } from 'vitest';
import { attackControls } from './harness.ts';
import { pagePerTest } from './session.ts';

describe('the live epsilon slider', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  for (const backend of ['wasm', 'webgl']) {
    it(`shows intermediate results during a 4-second drag on ${backend}`, async () => {
      const s = await open({ hash: `#backend=${backend}&image=1022&eps=0`, ready: 'outcome-eps' });
      // Every eps the adversarial panel reports, as it changes, with the time it was shown.
      await s.page.evaluate(() => {
        const seen: { text: string; at: number }[] = [];
        (window as unknown as { seen: typeof seen }).seen = seen;
        new MutationObserver(() => {
          const text = document.querySelector('[data-testid="outcome-eps"]')?.textContent ?? '';
          if (seen.at(-1)?.text !== text) seen.push({ text, at: performance.now() });
        }).observe(document.querySelector('[data-testid="adversarial"]')!, { subtree: true, childList: true, characterData: true });
      });
      const box = (await attackControls(s)
        .getByLabel(/^Epsilon/)
        .boundingBox())!;
      const y = box.y + box.height / 2;
      await s.page.mouse.move(box.x + 2, y);
      await s.page.mouse.down();
      const start = await s.page.evaluate(() => performance.now());
      for (let i = 1; i <= 40; i++) {
        await s.page.mouse.move(box.x + 2 + ((box.width - 4) * i) / 40, y);
        await s.page.waitForTimeout(100);
      }
      const end = await s.page.evaluate(() => performance.now());
      await s.page.mouse.up();
      const during = await s.page.evaluate(
        ([a, b]) => (window as unknown as { seen: { text: string; at: number }[] }).seen.filter((e) => e.at > a! && e.at <= b!),
        [start, end],
      );
      // Several distinct eps were drawn while the mouse was still moving, each labelled with its own eps.
      expect(new Set(during.map((e) => e.text.match(/ε = ([\d.]+)\/255/)?.[1])).size).toBeGreaterThanOrEqual(2);
    });
  }
});
