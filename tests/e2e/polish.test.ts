// The small things a class notices: words that read right, a chart that counts its steps, one selected thumbnail,
// and on a phone the attacked image stays on screen while epsilon is dragged.
import { describe, expect, it } from 'vitest';
import { attackControls } from './harness.ts';
import { file, pngOf } from './files.ts';
import { pagePerTest } from './session.ts';

describe('polish', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  it('PGD: the result has a heading, units read right, and the trajectory counts 0..10 with titled axes', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022&attack=pgd', ready: 'readout-steps' });
    await expect.poll(() => s.page.getByTestId('readout-steps').textContent()).toBe('10');
    expect(await s.page.getByRole('region', { name: 'Attack result' }).getByRole('heading').textContent()).toBe('Result');
    const controls = await attackControls(s).textContent();
    expect(controls).toContain('Restarts: 1 run');
    expect(controls).not.toMatch(/1 runs|Steps: 10 steps/);
    const chart = s.page.getByTestId('trajectory');
    // The chart draws once its container is measured: wait for the axis.
    // recharts draws the tick labels in a layer of their own: read the chart's texts in order, where the x axis's
    // ticks (0 to the last update) come first, then its title.
    const texts = chart.locator('text');
    await expect.poll(() => texts.count()).toBeGreaterThan(2);
    const all = await texts.allTextContents();
    expect(all[0]).toBe('0');
    expect(all[all.indexOf('updates made') - 1]).toBe('10');
    expect(await chart.textContent()).toContain('updates made');
    expect(await chart.locator('figcaption').textContent()).toMatch(/^Over 10 updates the loss went from/);
  });

  it('live FGSM never reports "0 ms"', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022', ready: 'verdict' });
    await attackControls(s)
      .getByLabel(/^Epsilon/)
      .fill('3');
    await expect.poll(() => s.page.getByTestId('param-eps-value').textContent()).toBe('3/255');
    expect(await s.page.getByTestId('readout-time').textContent()).not.toBe('0 ms');
  });

  it('after an upload only the upload looks selected', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022', ready: 'verdict' });
    await s.page.getByLabel('Use your own image').setInputFiles(
      file(
        'red.png',
        'image/png',
        pngOf(40, 40, () => [220, 20, 20, 255]),
      ),
    );
    // Wait for the upload to be selected (before it is, the gallery's image is the one pressed), then: only it.
    await expect.poll(() => s.page.locator('.upload [aria-pressed="true"]').count()).toBe(1);
    // Of the image choices (gallery thumbnails and the upload), only it; the training recipes have their own.
    expect(await s.page.locator('.thumb[aria-pressed="true"]').count()).toBe(1);
    expect(await s.page.locator('.thumb').count()).toBeGreaterThan(100);
  });

  it('on a phone, the attacked image and its prediction stay on screen while epsilon is dragged', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022', ready: 'verdict' });
    await s.page.setViewportSize({ width: 390, height: 844 });
    const slider = attackControls(s).getByLabel(/^Epsilon/);
    await slider.scrollIntoViewIfNeeded();
    await s.page.mouse.wheel(0, 300);
    await slider.fill('2');
    await expect.poll(() => s.page.getByTestId('param-eps-value').textContent()).toBe('2/255');
    const inView = async (sel: string) =>
      s.page
        .locator(sel)
        .first()
        .evaluate((e) => {
          const r = e.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
        });
    expect(await inView('[data-testid="adversarial"] canvas')).toBe(true);
    expect(await inView('[data-testid="adversarial-prediction"]')).toBe(true);
    expect(
      await slider.evaluate((e) => {
        const r = e.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }),
    ).toBe(true);
  });
});
