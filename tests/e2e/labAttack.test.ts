import { describe, expect, it } from 'vitest';
import type { Session } from '../../node/browser.ts';
import { attackControls, canvasPixels } from './harness.ts';
import { pagePerTest } from './session.ts';

/** The attack's numbers as shown. */
async function readout(s: Session) {
  const text = async (id: string) => (await s.page.getByTestId(id).textContent()) ?? '';
  return {
    success: await text('readout-success'),
    linf255: Number(/\(([\d.]+)\/255\)/.exec(await text('readout-linf'))?.[1]),
    l2: Number(await text('readout-l2')),
    steps: Number(await text('readout-steps')),
    quantized: await text('readout-quantized'),
  };
}

const perturbationPixels = (s: Session) => canvasPixels(s.page.getByTestId('perturbation').locator('canvas').first());

/** Whether some pixel of RGBA bytes passes `test`. */
const somePixel = (px: number[], test: (r: number, g: number, b: number) => boolean) =>
  px.some((_, i) => i % 4 === 0 && test(px[i]!, px[i + 1]!, px[i + 2]!));

describe('attacking in the lab (WASM backend, so the browser test stays quick)', () => {
  // Nothing any test does in the lab may log an error.
  const open = pagePerTest({ noConsoleErrors: true });
  /** The lab at gallery image 1022, with `link` added to its hash, once the first attack result is shown. */
  const openLab = (link = '') => open({ hash: `#backend=wasm&image=1022${link}`, ready: 'verdict' });

  it('FGSM at 8/255 shows three panels, the amplification factor, bars, norms and the 8-bit check', async () => {
    const s = await openLab();
    for (const id of ['original', 'perturbation', 'adversarial']) expect(await s.page.getByTestId(id).isVisible()).toBe(true);
    expect(await s.page.getByTestId('amplification').textContent()).toMatch(/^×\d+(\.\d+)?$/);
    expect(await s.page.getByTestId('adversarial').getByTestId('prediction-bars').count()).toBe(1);
    const r = await readout(s);
    expect(r.linf255).toBeCloseTo(8, 1);
    expect(r.steps).toBe(1);
    expect(r.quantized).toMatch(/fools the model|not adversarial/);
    // The perturbation really is magnified: grey means no change, and the changes reach far from grey.
    const px = await perturbationPixels(s);
    const spread = Math.max(...px.filter((_, i) => i % 4 !== 3).map((v) => Math.abs(v - 128)));
    expect(spread).toBeGreaterThan(60);
  });

  it('the epsilon slider is live: each input event gives a new adversarial image at that epsilon', async () => {
    const s = await openLab();
    const slider = attackControls(s).getByLabel(/^Epsilon/);
    for (const eps of [2, 16, 0.5]) {
      await slider.fill(String(eps));
      await expect.poll(() => s.page.getByTestId('param-eps-value').textContent()).toBe(`${eps}/255`);
      await expect.poll(async () => (await readout(s)).linf255).toBeCloseTo(eps, 1);
    }
    await slider.fill('0');
    await expect.poll(async () => (await readout(s)).l2).toBe(0);
    // Image 1022 is an airplane the model gets right: at eps 0 it still says airplane.
    expect(await s.page.getByTestId('verdict').textContent()).toBe('Not fooled: still airplane');
    await attackControls(s).getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(() => s.page.getByTestId('param-eps-value').textContent()).toBe('8/255');
  });

  it('the diverging colour map draws red, blue and white instead of grey', async () => {
    const s = await openLab();
    await s.page.getByLabel('Diverging colour map').check();
    // divergingRgb: (255, fade, fade) where the mean change over the channels is positive, (fade, fade, 255)
    // where it is negative, fading to white where there is none. FGSM moves every channel by +-eps: pixels whose
    // three channels all went up are strongly red, all down strongly blue; a pixel whose channels disagree has
    // |mean| <= eps/3, and the amplification maps eps to at most half the range, so its fade is >= 2/3: every
    // channel >= 170.
    await expect
      .poll(async () => {
        const px = await perturbationPixels(s);
        return {
          red: somePixel(px, (r, g, b) => r === 255 && g < 128 && b < 128),
          blue: somePixel(px, (r, g, b) => b === 255 && r < 128 && g < 128),
          nearWhite: somePixel(px, (r, g, b) => Math.min(r, g, b) >= 170),
        };
      })
      .toEqual({ red: true, blue: true, nearWhite: true });
  });

  it('PGD fools the standard model, stays in the eps-ball and draws its trajectory', async () => {
    const s = await openLab();
    await attackControls(s).getByLabel('PGD', { exact: true }).check();
    await s.page.getByTestId('trajectory').waitFor();
    await expect.poll(async () => (await readout(s)).steps).toBe(10);
    const r = await readout(s);
    expect(r.success).toBe('yes');
    expect(r.linf255).toBeLessThanOrEqual(8.001);
    expect(await s.page.getByTestId('trajectory').locator('.recharts-line').count()).toBe(2);
  });

  it('"Run again" with a random start draws a new start and says which; a link reproduces the first', async () => {
    const s = await openLab('&attack=pgd&eps=2');
    await expect
      .poll(() => s.page.getByTestId('random-draw').textContent(), { timeout: 60_000 })
      .toBe('Random start: the first draw (a link gives this one); Run again draws another.');
    const first = await perturbationPixels(s);
    await s.page.getByRole('button', { name: 'Run again' }).click();
    await expect.poll(() => s.page.getByTestId('random-draw').textContent(), { timeout: 60_000 }).toBe('Random start: draw 2.');
    expect(await perturbationPixels(s)).not.toEqual(first);
    // A changed setting starts from the first draw again.
    await attackControls(s)
      .getByLabel(/^Steps/)
      .fill('9');
    await expect.poll(() => s.page.getByTestId('random-draw').textContent(), { timeout: 60_000 }).toMatch(/^Random start: the first draw/);
  });

  it('a targeted attack aims at the chosen class', async () => {
    const s = await openLab('&attack=pgd');
    // A generous budget: the point is the goal, not the smallest change.
    await attackControls(s)
      .getByLabel(/^Epsilon/)
      .fill('16');
    await attackControls(s)
      .getByLabel(/^Steps/)
      .fill('20');
    await attackControls(s).getByLabel('Goal').selectOption({ label: 'Targeted: make it say frog' });
    await expect.poll(() => s.page.getByTestId('verdict').textContent(), { timeout: 60_000 }).toBe('Fooled into frog');
    expect(await s.page.getByTestId('adversarial-prediction').textContent()).toMatch(/^Model says frog/);
  });

  it('DeepFool is untargeted and finds a small perturbation; its explanation is shown', async () => {
    const s = await openLab();
    await attackControls(s).getByLabel('DeepFool').check();
    expect(await attackControls(s).getByLabel('Goal').isDisabled()).toBe(true);
    await expect.poll(async () => (await readout(s)).steps, { timeout: 60_000 }).toBeLessThan(50);
    expect((await readout(s)).success).toBe('yes');
    expect(await s.page.locator('.explanation summary').textContent()).toContain('DeepFool');
  });

  it('C&W shows progress and can be cancelled, then run again', async () => {
    const s = await openLab();
    await attackControls(s).getByLabel('C&W').check();
    const cancel = s.page.getByRole('button', { name: 'Cancel' });
    await cancel.waitFor();
    expect(await s.page.getByLabel('Attack progress').isVisible()).toBe(true);
    await cancel.click();
    // The FGSM result from before stays, dimmed, and both the panel and the result say what it is.
    const note = s.page.getByTestId('earlier-note');
    await expect
      .poll(() => note.textContent())
      .toMatch(/^Cancelled\. Dimmed: the earlier result \(FGSM, ε = [\d.]+\/255\), not the settings now chosen\./);
    expect(await s.page.getByRole('region', { name: 'Attack result' }).getByRole('status').textContent()).toMatch(
      /^Cancelled: the result shown, dimmed, is the earlier one \(FGSM, ε = /,
    );
    expect(await s.page.getByTestId('verdict').evaluate((e) => getComputedStyle(e.parentElement!).opacity)).toBe('0.55');
    await note.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => note.count(), { timeout: 120_000 }).toBe(0);
    await expect.poll(() => s.page.getByTestId('readout').textContent(), { timeout: 120_000 }).not.toContain('…');
    await s.page.getByRole('button', { name: 'Run again' }).waitFor({ timeout: 120_000 });
    expect((await readout(s)).success).toBe('yes');
  });

  it('transfer: the adversarial image is shown to every model', async () => {
    const s = await openLab('&attack=pgd');
    // PGD fools the standard model on this image (see above): the attacked model's row must say so.
    await expect.poll(async () => (await readout(s)).success).toBe('yes');
    await s.page.getByRole('button', { name: 'Test on all models' }).click();
    await s.page.getByTestId('transfer').waitFor();
    const rows = await s.page.getByTestId('transfer').locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.find((r) => r.includes('(attacked)'))).toMatch(/yes$/);
  });

  it('distance to the boundary: minimal PGD eps, DeepFool L2 and C&W L2', async () => {
    const s = await openLab();
    await s.page.getByRole('button', { name: 'Measure', exact: true }).click();
    await s.page.getByTestId('boundary-cw').filter({ hasNotText: '…' }).waitFor({ timeout: 240_000 });
    const eps = await s.page.getByTestId('boundary-pgd').textContent();
    expect(eps).toMatch(/^\d+\.\d\d\/255$/);
    const deepfool = Number(await s.page.getByTestId('boundary-deepfool').textContent());
    const cw = Number(await s.page.getByTestId('boundary-cw').textContent());
    expect(deepfool).toBeGreaterThan(0);
    expect(cw).toBeGreaterThan(0);
  });
});
