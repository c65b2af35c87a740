// What end-to-end tests look for on the page, beyond the test ids.
import type { Locator } from 'playwright-core';
import type { Session } from '../../node/browser.ts';

/** The lab's attack controls (other panels have sliders named Epsilon too). */
export const attackControls = (s: Session) => s.page.getByRole('region', { name: 'Attack', exact: true });

/** The RGBA bytes of a canvas the app draws a 32x32 image on. */
export const canvasPixels = (canvas: Locator): Promise<number[]> =>
  canvas.evaluate((c) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 32, 32).data));
