// "Show QR code" in front of a class: a dialog on the projector whose QR code decodes back to the link of exactly
// what is on screen, with the address under it and a word when the address only works on this computer.
import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { violationsAboveMinor } from './axe.ts';
import { pagePerTest } from './session.ts';

describe('the QR code of the current view', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  it('on a 1920x1080 wall: large, decodes back to the link, says the local address will not reach phones, closes', async () => {
    const s = await open({ hash: '#backend=wasm&big=1&image=1022&attack=pgd&eps=4', ready: 'verdict' });
    await s.page.setViewportSize({ width: 1920, height: 1080 });
    await s.page.getByRole('button', { name: 'Show QR code' }).click();
    const dialog = s.page.getByTestId('qr-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('Open this view on a phone');
    const qr = dialog.getByTestId('qr-code');
    // Sized for the projector: more than half the wall's height.
    const { width, height, data } = await qr.evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      return { width: canvas.width, height: canvas.height, data: Array.from(d.data) };
    });
    expect(Math.min(width, height)).toBeGreaterThan(1080 / 2);
    const decoded = jsQR(Uint8ClampedArray.from(data), width, height);
    expect(decoded).not.toBeNull();
    // The link of this view: what the dialog prints, and the page's own address now.
    expect(decoded!.data).toBe(await dialog.getByTestId('qr-link').textContent());
    expect(decoded!.data).toBe(s.page.url());
    const hash = new URL(decoded!.data).hash;
    for (const part of ['image=1022', 'attack=pgd', 'eps=4', 'big=1']) expect(hash).toContain(part);
    // The test server is on 127.0.0.1: a phone could not open it, and the dialog says so.
    expect(await dialog.getByTestId('qr-local').textContent()).toContain('only works on this computer');
    expect(await violationsAboveMinor(s.page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
