import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { Session } from '../../node/browser.ts';
import { canvasPixels } from './harness.ts';
import { pagePerTest } from './session.ts';
import { file, pngOf } from './files.ts';
import { areaResizeToRgb } from '../../src/data/userImage.ts';

/** A 64x48 image: a colour gradient with a fully transparent vertical band. */
const W = 64,
  H = 48;
const pixel = (x: number, y: number): [number, number, number, number] =>
  x >= 20 && x < 24 ? [10, 200, 30, 0] : [(x * 4) % 256, (y * 5) % 256, (x * y) % 256, 255];

const uploadThumbPixels = (s: Session) => canvasPixels(s.page.locator('.upload-thumb').first());

describe('choosing an image', () => {
  const open = pagePerTest();
  /** The lab on WASM (these tests are not about WebGL) once the default image is classified. */
  const openLab = () => open({ hash: '#backend=wasm', ready: 'original-prediction' });

  it('a gallery image can be chosen with the keyboard, and the model classifies it', async () => {
    const s = await openLab();
    const thumb = s.page.locator('.gallery .thumb').nth(40); // a cat: 12 per class, grouped by class
    await thumb.focus();
    await s.page.keyboard.press('Enter');
    await expect.poll(() => thumb.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => s.page.getByTestId('selected-label').textContent()).toContain('True label: cat');
    await expect.poll(() => s.page.getByTestId('original-prediction').textContent()).toMatch(/^Model says \w+ \(\d+\.\d%\)$/);
    expect(await s.page.getByTestId('original').getByTestId('prediction-bars').count()).toBe(1);
  });

  it('an own image is centre-cropped, composited on white and area-averaged to 32x32, with a crop preview', async () => {
    const s = await openLab();
    await s.page.getByLabel('Use your own image').setInputFiles(file('gradient.png', 'image/png', pngOf(W, H, pixel)));
    await s.page.locator('.crop-box').waitFor();
    // The crop box marks the centred 48x48 square of the 64x48 original.
    const box = await s.page.locator('.crop-box').evaluate((e) => [(e as HTMLElement).style.left, (e as HTMLElement).style.width]);
    expect(box).toEqual(['12.5%', '75%']);
    // What Node computes from the same file must be what the page drew.
    const crop = new Uint8Array(48 * 48 * 4);
    for (let y = 0; y < 48; y++) for (let x = 0; x < 48; x++) crop.set(pixel(x + 8, y), (y * 48 + x) * 4);
    const expected = areaResizeToRgb(crop, 48);
    const drawn = await uploadThumbPixels(s);
    const rgb = drawn.filter((_, i) => i % 4 !== 3);
    expect(rgb).toEqual(Array.from(expected));
    // The transparent band (source columns 12..15 of the crop -> output columns 8..9) is white.
    expect(rgb.slice(8 * 3, 8 * 3 + 3)).toEqual([255, 255, 255]);
    await expect.poll(() => s.page.getByTestId('selected-label').textContent()).toContain('Your image: gradient.png');
    await expect.poll(() => s.page.getByTestId('original-prediction').textContent()).toMatch(/^Model says/);
  });

  it('an image can be dropped on the zone or pasted anywhere', async () => {
    const s = await openLab();
    const red = pngOf(40, 40, () => [220, 20, 20, 255]).toString('base64');
    await s.page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
      document.querySelector('.upload')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, red);
    await expect.poll(() => s.page.getByTestId('selected-label').textContent()).toContain('dropped.png');
    expect((await uploadThumbPixels(s)).slice(0, 4)).toEqual([220, 20, 20, 255]);
    const blue = pngOf(40, 40, () => [20, 20, 220, 255]).toString('base64');
    await s.page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt }));
    }, blue);
    await expect.poll(() => s.page.getByTestId('selected-label').textContent()).toContain('pasted.png');
    expect((await uploadThumbPixels(s)).slice(0, 4)).toEqual([20, 20, 220, 255]);
  });

  it('bad images get a clear message and the current image stays', async () => {
    const s = await openLab();
    const before = await s.page.getByTestId('selected-label').textContent();
    const input = s.page.getByLabel('Use your own image');
    const error = s.page.getByTestId('upload-error');
    const cases: [ReturnType<typeof file>, RegExp][] = [
      [file('notes.txt', 'text/plain', Buffer.from('hello')), /not an image/],
      [file('broken.png', 'image/png', pngOf(40, 40, () => [1, 2, 3, 255]).subarray(0, 60)), /could not be decoded/],
      [
        file(
          'drawing.svg',
          'image/svg+xml',
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><script>alert(1)</script></svg>'),
        ),
        /SVG/,
      ],
      [
        file(
          'tiny.png',
          'image/png',
          pngOf(4, 4, () => [0, 0, 0, 255]),
        ),
        /only 4x4 pixels/,
      ],
    ];
    for (const [f, message] of cases) {
      await input.setInputFiles(f);
      await expect.poll(() => error.textContent()).toMatch(message);
      expect(await s.page.getByTestId('selected-label').textContent()).toBe(before);
    }
  });

  it('a huge 8000x8000 image is shrunk without running out of memory', async () => {
    const s = await openLab();
    const png = new PNG({ width: 8000, height: 8000 });
    png.data.fill(255);
    for (let p = 0; p < 8000 * 8000; p++) png.data[p * 4] = p % 8000 < 4000 ? 0 : 255; // left half cyan, right half white
    await s.page.getByLabel('Use your own image').setInputFiles(file('huge.png', 'image/png', PNG.sync.write(png)));
    await expect.poll(() => s.page.getByTestId('selected-label').textContent(), { timeout: 60_000 }).toContain('huge.png');
    const px = await uploadThumbPixels(s);
    expect(px.slice(0, 3)).toEqual([0, 255, 255]);
    expect(px.slice(31 * 4, 31 * 4 + 3)).toEqual([255, 255, 255]);
  });
});
