// The insight views as a user meets them: the gradient view and the decision landscape drawn for both shipped
// models (the landscape's centre is the image, so it says what the lab says about the clean image), and the
// class-features preset setting the lab.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../node/paths.ts';
import type { Session } from '../../node/browser.ts';
import { attackControls, canvasPixels } from './harness.ts';
import { pagePerTest } from './session.ts';
import { violationsAboveMinor } from './axe.ts';

const MODELS = ['standard', 'robust'] as const;

/** The class the lab shows for the clean image ("Model says airplane (79.9%)" -> "airplane"). */
async function cleanClass(s: Session): Promise<string> {
  await expect.poll(() => s.page.getByTestId('original-prediction').textContent()).toMatch(/says \w+/);
  return /says (\w+)/.exec((await s.page.getByTestId('original-prediction').textContent()) ?? '')![1]!;
}

/** How many distinct RGB colours a canvas shows. */
async function colours(s: Session, selector: string): Promise<number> {
  const px = await canvasPixels(s.page.locator(selector).first());
  return new Set(px.map((_, i) => (i % 4 === 0 ? `${px[i]},${px[i + 1]},${px[i + 2]}` : '')).filter(Boolean)).size;
}

describe('insight views (WASM backend)', () => {
  const open = pagePerTest({ noConsoleErrors: true });
  const openLab = (link = '') => open({ hash: `#backend=wasm&image=1022${link}`, ready: 'verdict' });

  it('the gradient view draws magnitude and sign for both shipped models once it is on screen', async () => {
    const s = await openLab();
    const view = s.page.getByRole('region', { name: 'Input gradients' });
    await view.scrollIntoViewIfNeeded();
    await view.getByTestId('gradient-maps').waitFor();
    for (const m of MODELS) {
      const maps = view.getByTestId(`gradient-${m}`).getByRole('img');
      expect(await maps.count()).toBe(2);
      expect(await maps.nth(0).getAttribute('aria-label')).toMatch(/Size of .*loss gradient for airplane/);
      expect(await maps.nth(1).getAttribute('aria-label')).toMatch(/red where brightening/);
      // A drawn map, not a blank one: many grey levels, many colours.
      expect(await colours(s, `[data-testid="gradient-${m}"] canvas[aria-label^="Size"]`)).toBeGreaterThan(20);
      expect(await colours(s, `[data-testid="gradient-${m}"] canvas[aria-label^="Sign"]`)).toBeGreaterThan(20);
    }
    // The two models' gradients differ.
    const [a, b] = await Promise.all(MODELS.map((m) => canvasPixels(s.page.locator(`[data-testid="gradient-${m}"] canvas[aria-label^="Sign"]`))));
    expect(a).not.toEqual(b);
  });

  it('an uploaded model joins the gradient view beside the shipped pair, and computes what its weights compute', async () => {
    const s = await openLab();
    // The standard model's own files, uploaded: a third row whose gradient equals the standard model's.
    const dir = join(ROOT, 'models', 'standard');
    await s.page
      .getByRole('region', { name: 'Model' })
      .getByLabel(/Upload a tfjs model/)
      .setInputFiles([
        { name: 'model.json', mimeType: 'application/json', buffer: readFileSync(join(dir, 'model.json')) },
        { name: 'weights.bin', mimeType: 'application/octet-stream', buffer: readFileSync(join(dir, 'weights.bin')) },
      ]);
    const picker = s.page.getByRole('region', { name: 'Model' }).getByRole('combobox', { name: 'Model' });
    await expect.poll(() => picker.inputValue()).toMatch(/^upload:/);
    const uploaded = await picker.inputValue();
    const view = s.page.getByRole('region', { name: 'Input gradients' });
    await view.scrollIntoViewIfNeeded();
    const row = view.getByTestId(`gradient-${uploaded}`);
    await row.waitFor({ timeout: 60_000 });
    expect(await view.getByTestId('gradient-maps').locator('.gradient-row').count()).toBe(3);
    const sign = (id: string) => canvasPixels(s.page.locator(`[data-testid="gradient-${id}"] canvas[aria-label^="Sign"]`));
    expect(await sign(uploaded)).toEqual(await sign('standard'));
  });

  const landscapeDrawn =
    'the landscape is drawn for both models, centred on the clean prediction, cancellable, and read by hover and keys, with no axe violation';
  it(landscapeDrawn, async () => {
    const s = await openLab();
    const panel = s.page.getByRole('region', { name: 'Decision landscape' });
    await panel.scrollIntoViewIfNeeded();
    // Cancelling stops it and says so; drawing again runs to the end.
    await panel.getByRole('button', { name: 'Draw the landscape' }).click();
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => panel.getByText('Cancelled.').count()).toBe(1);
    await panel.getByRole('button', { name: 'Draw the landscape' }).click();
    await expect.poll(() => panel.getByLabel('Landscape progress').count()).toBe(1);
    await panel.getByTestId('landscape-robust').waitFor({ timeout: 240_000 });
    expect(await panel.getByTestId('landscape-direction').textContent()).toMatch(/each model's own FGSM direction.*FGSM at 8\/255/);
    expect(await panel.getByTestId('loss-along').count()).toBe(1);
    for (const m of MODELS) expect(await colours(s, `[data-testid="landscape-${m}"] canvas`)).toBeGreaterThan(3);
    // The x-axis labels sit under the points they name: "0" under the map's centre, the ends at its edges.
    for (const m of MODELS) {
      const map = (await panel.getByTestId(`landscape-${m}`).locator('.landscape-map').boundingBox())!;
      const labels = panel.getByTestId(`landscape-axis-${m}`).locator('span');
      const [left, zero, right] = await Promise.all([0, 1, 2].map(async (k) => (await labels.nth(k).boundingBox())!));
      expect(Math.abs(zero!.x + zero!.width / 2 - (map.x + map.width / 2))).toBeLessThan(2);
      expect(Math.abs(left!.x - map.x)).toBeLessThan(2);
      expect(Math.abs(right!.x + right!.width - (map.x + map.width))).toBeLessThan(2);
    }

    // The centre of each map is the image: it says what the lab says about it, with that model selected.
    const picker = s.page.getByRole('region', { name: 'Model' }).getByLabel('Model', { exact: true });
    for (const m of MODELS) {
      await picker.selectOption(m);
      const clean = await cleanClass(s);
      expect(await panel.getByTestId(`landscape-${m}`).getAttribute('data-centre-class')).toBe(clean);
      expect(await panel.getByTestId(`landscape-readout-${m}`).textContent()).toMatch(new RegExp(`^${clean} \\d+% at the image`));
    }

    // Hovering a corner reads that point; arrow keys move from the centre.
    const map = panel.getByTestId('landscape-standard').getByRole('group');
    // hover() scrolls the map into view first (choosing a model may have scrolled the page).
    const box = (await map.boundingBox())!;
    await map.hover({ position: { x: box.width - 2, y: box.height / 2 } });
    await expect
      .poll(() => panel.getByTestId('landscape-readout-standard').textContent())
      .toMatch(/^\w+ \d+% at \+16\/255 along the attack, 0\/255 across$/);
    await s.page.mouse.move(0, 0);
    await map.focus();
    await s.page.keyboard.press('ArrowRight');
    await expect.poll(() => panel.getByTestId('landscape-readout-standard').textContent()).toMatch(/at \+0\.8\/255 along the attack/);
    // The undefended model's answer changes close to the image along its attack; the robust model's holds farther.
    const flip = async (m: string) => {
      const t = (await panel.getByTestId(`landscape-${m}`).getByRole('img').getAttribute('aria-label')) ?? '';
      return /holds over the whole/.test(t) ? Infinity : Number(/changes \+([\d.]+)\/255/.exec(t)?.[1]);
    };
    expect(await flip('standard')).toBeLessThan(await flip('robust'));

    // Both views drawn: still no axe violation above minor.
    await s.page.getByRole('region', { name: 'Input gradients' }).scrollIntoViewIfNeeded();
    await s.page.getByTestId('gradient-maps').waitFor();
    expect(await violationsAboveMinor(s.page)).toEqual([]);
  });

  it('the class-features preset sets the robust model and a targeted L2 PGD towards horse, and says what to look for', async () => {
    const s = await openLab();
    await s.page.getByTestId('preset-class-features').click();
    expect(await s.page.getByRole('region', { name: 'Model' }).getByLabel('Model', { exact: true }).inputValue()).toBe('robust');
    const controls = attackControls(s);
    expect(await controls.getByLabel('PGD', { exact: true }).isChecked()).toBe(true);
    expect(await controls.getByLabel('Goal').inputValue()).toBe('7');
    await expect.poll(() => s.page.getByTestId('param-eps-value').textContent()).toBe('8');
    expect(await s.page.getByTestId('presets').getByRole('status').textContent()).toMatch(/horse/);
    // The image stays the one on screen, and the robust model is pushed all the way to horse.
    expect(await s.page.getByTestId('selected-label').textContent()).toMatch(/CIFAR-10 test image 1022/);
    await expect.poll(() => s.page.getByTestId('verdict').textContent(), { timeout: 240_000 }).toBe('Fooled into horse');
  });
});
