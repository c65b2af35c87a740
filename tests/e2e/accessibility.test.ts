// axe-core (the engine behind most automated WCAG checks) run inside the page over the lab's main states: no
// violation above minor (moderate, serious or critical) in any of them. Also: the first Tab reaches the skip link, which goes to epsilon.
import { describe, expect, it } from 'vitest';
import { attackControls } from './harness.ts';
import { violationsAboveMinor } from './axe.ts';
import { pagePerTest } from './session.ts';

describe('accessibility', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  const STATES: [string, string, string][] = [
    ['the default lab (FGSM)', '#backend=wasm&image=1022', 'verdict'],
    ['PGD', '#backend=wasm&image=1022&attack=pgd', 'readout-steps'],
    ['APGD', '#backend=wasm&image=1022&attack=apgd&steps=20', 'readout-steps'],
    ['Square', '#backend=wasm&image=1022&attack=square&queries=200', 'readout-steps'],
    ['DeepFool', '#backend=wasm&image=1022&attack=deepfool', 'readout-steps'],
    ['C&W', '#backend=wasm&image=1022&attack=cw&binarySearchSteps=1&steps=10', 'readout-steps'],
    ['presenter mode', '#backend=wasm&image=1022&big=1', 'verdict'],
  ];
  for (const [name, hash, ready] of STATES) {
    it(`has no axe violation above minor: ${name}`, async () => {
      const s = await open({ hash, ready });
      expect(await violationsAboveMinor(s.page)).toEqual([]);
    });
  }

  it('has no axe violation above minor at phone width, nor with the training panel in use', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022', ready: 'verdict' });
    await s.page.setViewportSize({ width: 390, height: 844 });
    expect(await violationsAboveMinor(s.page)).toEqual([]);
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await s.page.getByRole('region', { name: 'Adversarial training' }).scrollIntoViewIfNeeded();
    expect(await violationsAboveMinor(s.page)).toEqual([]);
  });

  it('the first Tab reaches the skip link, which moves the focus to epsilon', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022', ready: 'verdict' });
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the attack controls');
    await s.page.keyboard.press('Enter');
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('aria-valuetext'))).toBe('8/255');
    expect(
      await attackControls(s)
        .getByLabel(/^Epsilon/)
        .evaluate((e) => e === document.activeElement),
    ).toBe(true);
  });

  it('the next skip links lead to the gallery and to training: three Tabs from the top of the page to its first control', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022', ready: 'verdict' });
    const active = () => s.page.evaluate(() => document.activeElement?.textContent ?? '');
    for (const label of ['Skip to the attack controls', 'Skip to the gallery', 'Skip to adversarial training']) {
      await s.page.keyboard.press('Tab');
      expect(await active()).toBe(label);
    }
    await s.page.keyboard.press('Enter');
    const inTraining = () => s.page.evaluate(() => Boolean(document.activeElement?.closest('section[aria-label="Adversarial training"]')));
    expect(await inTraining()).toBe(true);
    // From there the Start button is a few Tabs away, not some 150.
    let tabs = 0;
    while (!(await s.page.evaluate(() => document.activeElement?.textContent === 'Start')) && tabs < 40) {
      await s.page.keyboard.press('Tab');
      tabs++;
    }
    expect(tabs).toBeLessThan(40);
  });
});
