// axe-core (the engine behind most automated WCAG checks) run inside the page over the lab's main states: no
// serious or critical violation in any of them. Also: the first Tab reaches the skip link, which goes to epsilon.
import { describe, expect, it } from 'vitest';
import { attackControls } from './harness.ts';
import { seriousViolations } from './axe.ts';
import { pagePerTest } from './session.ts';

describe('accessibility', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  const STATES: [string, string, string][] = [
    ['the default lab (FGSM)', '#backend=wasm&image=1022', 'verdict'],
    ['PGD', '#backend=wasm&image=1022&attack=pgd', 'readout-steps'],
    ['DeepFool', '#backend=wasm&image=1022&attack=deepfool', 'readout-steps'],
    ['C&W', '#backend=wasm&image=1022&attack=cw&binarySearchSteps=1&steps=10', 'readout-steps'],
    ['presenter mode', '#backend=wasm&image=1022&big=1', 'verdict'],
  ];
  for (const [name, hash, ready] of STATES) {
    it(`has no serious or critical axe violation: ${name}`, async () => {
      const s = await open({ hash, ready });
      expect(await seriousViolations(s.page)).toEqual([]);
    });
  }

  it('has no serious or critical axe violation at phone width, nor with the training panel in use', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022', ready: 'verdict' });
    await s.page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(s.page)).toEqual([]);
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await s.page.getByRole('region', { name: 'Adversarial training' }).scrollIntoViewIfNeeded();
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it('the first Tab reaches the skip link, which moves the focus to epsilon', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022', ready: 'verdict' });
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the attack controls');
    await s.page.keyboard.press('Enter');
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('aria-valuetext'))).toBe('8/255');
    expect(await attackControls(s).getByLabel(/^Epsilon/).evaluate((e) => e === document.activeElement)).toBe(true);
  });
});
