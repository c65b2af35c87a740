// The defended model in the page (the default backend), as a student meets it: it names its defence and the signs
// of gradient masking; PGD leaves the airplane of image 1022 alone, and the same PGD through the rounding (BPDA,
// switched on by its checkbox, offered only where a model has such a step), Square, which uses no gradient, and the
// standard model's adversarial image all fool it.
import { describe, expect, it } from 'vitest';
import type { Session } from '../../node/browser.ts';
import { attackControls } from './harness.ts';
import { pagePerTest } from './session.ts';

const verdict = (s: Session) => s.page.getByTestId('verdict').textContent();
const settled = (s: Session) => expect.poll(() => verdict(s), { timeout: 180_000 }).toMatch(/^(Fooled|Not fooled)/);
const bpdaBox = (s: Session) => attackControls(s).getByLabel('Attack through the rounding (BPDA)');

describe('a defence that only looks strong', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  it('PGD fails on it; the same PGD through the rounding (BPDA) and Square fool it', async () => {
    const s = await open({ hash: '#image=1022&model=defended&attack=pgd', ready: 'verdict' });
    const note = s.page.getByTestId('defence-note');
    expect(await note.textContent()).toContain("This model's defence: the standard CNN behind a rounding of every pixel to 8 bits");
    expect(await note.textContent()).toContain('its gradient is zero');
    await expect.poll(() => verdict(s), { timeout: 180_000 }).toBe('Not fooled: still airplane');
    await bpdaBox(s).check();
    await expect.poll(() => verdict(s), { timeout: 180_000 }).toBe('Fooled: now ship');
    expect(s.page.url()).toContain('bpda=1');
    await bpdaBox(s).uncheck();
    await expect.poll(() => verdict(s), { timeout: 180_000 }).toBe('Not fooled: still airplane');
    // Square needs no gradient, so BPDA is not offered for it; it counts its queries.
    await attackControls(s).getByLabel('Square', { exact: true }).check();
    await expect.poll(() => bpdaBox(s).count()).toBe(0);
    await expect.poll(() => verdict(s), { timeout: 180_000 }).toBe('Fooled: now ship');
    expect(await s.page.locator('dt', { hasText: 'Queries' }).count()).toBe(1);
    expect(Number(await s.page.getByTestId('readout-steps').textContent())).toBeLessThan(10);
  });

  it("the standard model's PGD image fools the defended model too; the standard model offers no BPDA", async () => {
    const s = await open({ hash: '#image=1022&attack=pgd', ready: 'verdict' });
    await settled(s);
    expect(await verdict(s)).toBe('Fooled: now ship');
    expect(await bpdaBox(s).count()).toBe(0);
    expect(await s.page.getByTestId('defence-note').count()).toBe(0);
    await s.page.getByRole('button', { name: 'Test on all models' }).click();
    const row = s.page.getByTestId('transfer').locator('tr', { hasText: 'Defended CNN (input quantisation)' });
    await expect.poll(() => row.locator('td').last().textContent(), { timeout: 120_000 }).toBe('yes');
  });
});
