import { describe, expect, it } from 'vitest';
import { pagePerTest } from './session.ts';
import { cifarSplit } from '../../node/cifarData.ts';
import { CLASS_NAMES, IMAGE_BYTES } from '../../src/data/cifar10.ts';

describe('the app shell in Chromium, served from a sub-path', () => {
  const open = pagePerTest();
  /** The app at `hash`, once its gallery is listed and its backend chosen. */
  async function openShell(hash: string) {
    const s = await open({ hash });
    await s.page.getByRole('list', { name: 'CIFAR-10 test images' }).waitFor();
    await s.page.getByTestId('backend-line').filter({ hasNotText: 'starting' }).waitFor();
    return s;
  }

  it('shows every gallery image with its class name', async () => {
    const s = await openShell('#backend=wasm');
    const thumbs = s.page.locator('.gallery .thumb');
    expect(await thumbs.count()).toBe(120);
    const labels = await s.page.locator('.gallery .thumb-label').allTextContents();
    for (const name of CLASS_NAMES) expect(labels.filter((l) => l === name)).toHaveLength(12);
  });

  it('draws exactly the pixels Node decodes from the CIFAR-10 sprites', async () => {
    const s = await openShell('#backend=wasm');
    const drawn = await s.page.evaluate(() =>
      [...document.querySelectorAll<HTMLButtonElement>('.gallery .thumb')].map((b) => {
        const canvas = b.querySelector('canvas')!;
        const rgba = canvas.getContext('2d')!.getImageData(0, 0, 32, 32).data;
        return { index: Number(b.dataset.sourceIndex), rgba: Array.from(rgba) };
      }),
    );
    const test = await cifarSplit('test');
    let mismatches = 0;
    for (const { index, rgba } of drawn) {
      const expected = test.images.subarray(index * IMAGE_BYTES, (index + 1) * IMAGE_BYTES);
      for (let p = 0; p < 1024; p++) {
        for (let c = 0; c < 3; c++) if (rgba[p * 4 + c] !== expected[p * 3 + c]) mismatches++;
        if (rgba[p * 4 + 3] !== 255) mismatches++;
      }
    }
    expect(drawn).toHaveLength(120);
    expect(mismatches).toBe(0);
  });

  it('selecting an image shows it large with its true label', async () => {
    const s = await openShell('#backend=wasm');
    const thumb = s.page.locator('.gallery .thumb').nth(37);
    const label = await thumb.locator('.thumb-label').textContent();
    await thumb.click();
    await expect.poll(() => thumb.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => s.page.getByTestId('selected-label').textContent()).toContain(`True label: ${label}`);
    const same = await s.page.evaluate(() => {
      const pixels = (c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, 32, 32).data).join();
      const big = document.querySelector<HTMLCanvasElement>('[data-testid="original"] canvas')!;
      const small = document.querySelector<HTMLCanvasElement>('.thumb[aria-pressed="true"] canvas')!;
      return pixels(big) === pixels(small);
    });
    expect(same).toBe(true);
    expect(s.consoleErrors).toEqual([]);
  });

  // The two tests of the default load (no hash): the backend is chosen by measurement.
  it('names the active backend and its precision', async () => {
    const s = await openShell('');
    const text = await s.page.getByTestId('backend-line').textContent();
    expect(text).toMatch(/^Backend: (webgl|wasm|cpu) · /);
  });

  it("on this machine's software WebGL, picks WASM by measurement and says why, beside the model picker", async () => {
    const s = await openShell('');
    expect(await s.page.getByTestId('backend-line').textContent()).toMatch(/^Backend: wasm · /);
    const reason = await s.page.getByRole('region', { name: 'Model' }).getByTestId('backend-reason').textContent();
    expect(reason).toMatch(/^WebGL is emulated in software here \(SwiftShader\); WASM /);
    expect(await s.page.getByRole('region', { name: 'Model' }).getByLabel('Run on').inputValue()).toBe('wasm');
    // Picking WebGL here runs it, and says that it is emulated.
    await s.page.getByRole('region', { name: 'Model' }).getByLabel('Run on').selectOption('webgl');
    await expect.poll(() => s.page.getByTestId('backend-line').textContent(), { timeout: 120_000 }).toMatch(/^Backend: webgl · /);
    expect(await s.page.getByRole('region', { name: 'Model' }).getByTestId('backend-reason').textContent()).toBe(
      'You chose it, but WebGL is emulated in software here (SwiftShader): expect it to be slower than WASM.',
    );
  });

  it('loads with no console errors and no request to another origin', async () => {
    const s = await openShell('');
    // Everything a first visit loads: the first prediction and attack result on the default image.
    await s.page.getByTestId('verdict').waitFor({ timeout: 120_000 });
    expect(s.consoleErrors).toEqual([]);
    const origin = new URL(s.url).origin;
    const foreign = s.requests.filter((r) => !r.startsWith(origin) && !r.startsWith('data:') && !r.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect(s.requests.some((r) => r.includes('/some/sub/path/data/gallery.png'))).toBe(true);
    // Each of the standard model's files once (a first visit may reload once to become cross-origin isolated,
    // before anything is loaded).
    const weights = s.requests.filter((r) => r.endsWith('/models/standard/model.json'));
    expect(weights).toHaveLength(1);
  });
});
