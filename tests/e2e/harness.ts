// What end-to-end tests look for on the page, beyond the test ids.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import type { Session } from '../../node/browser.ts';

/** The lab's attack controls (other panels have sliders named Epsilon too). */
export const attackControls = (s: Session) => s.page.getByRole('region', { name: 'Attack', exact: true });

/** The RGBA bytes of a canvas the app draws a 32x32 image on. */
export const canvasPixels = (canvas: Locator): Promise<number[]> =>
  canvas.evaluate((c) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 32, 32).data));

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** The serious and critical violations axe finds on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
