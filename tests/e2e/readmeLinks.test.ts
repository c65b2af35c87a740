// Every example link in README.md is real: opened as a reader would (no backend forced), it shows the image it
// names, the verdict the README promises, and exactly the parts its `hide=` names are gone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../node/paths.ts';
import { HIDEABLE, type Hideable } from '../../src/state/uiSlice.ts';
import { pagePerTest } from './session.ts';

/** Where each hideable part is on the page (the type makes a new part without a selector an error). */
const PART: Record<Hideable, string> = {
  header: '.app-header',
  model: 'section[aria-label="Model"]',
  gallery: '.gallery-panel',
  upload: 'section[aria-label="Your own image"]',
  controls: 'section[aria-label="Attack"]',
  explanation: 'details.explanation',
  perturbation: '[data-testid="perturbation"]',
  bars: '[data-testid="adversarial"] [data-testid="prediction-bars"]',
  readout: 'section[aria-label="Attack result"]',
  trajectory: '[data-part="trajectory"]',
  boundary: 'section[aria-label="Distance to the boundary"]',
  transfer: 'section[aria-label="Transfer to other models"]',
  share: 'section[aria-label="Keep and share"]',
  gradient: 'section[aria-label="Input gradients"]',
  landscape: 'section[aria-label="Decision landscape"]',
  training: 'section[aria-label="Adversarial training"]',
  robustness: 'section[aria-label="Robustness curve"]',
  corruptions: 'section[aria-label="Common corruptions"]',
  status: 'footer.status-line',
};
/** Parts that live inside another: they are on screen only when it is. */
const INSIDE: Partial<Record<Hideable, Hideable>> = { upload: 'gallery', explanation: 'controls' };

/** What the README says each example shows. */
const PROMISES: Record<string, { image: string; verdict: RegExp }> = {
  ['#image=1022&attack=fgsm&eps=4&hide=header,model,gallery,controls,readout,trajectory,boundary,transfer,share,' +
  'gradient,landscape,training,robustness,corruptions,status&big=1']: { image: 'airplane', verdict: /^Fooled: now / },
  '#image=1022&model=robust&attack=fgsm&eps=4&hide=gallery,trajectory,boundary,transfer,share,gradient,landscape,training,robustness,corruptions': {
    image: 'airplane',
    verdict: /^Not fooled: still airplane$/,
  },
};

const readmeLinks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/`(#image=[^`]+)`/g)].map((m) => m[1]!);

describe('the README example links', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  it('are exactly the ones this test checks', () => {
    expect(readmeLinks.sort()).toEqual(Object.keys(PROMISES).sort());
  });

  for (const link of Object.keys(PROMISES)) {
    it(`shows what the README promises: ${link}`, async () => {
      const s = await open({ hash: link, ready: 'verdict' });
      const params = new URLSearchParams(link.slice(1));
      const hidden = new Set((params.get('hide') ?? '').split(',').filter(Boolean));
      // The named image, no notice that parts of the link were not used, and the promised verdict.
      expect(await s.page.getByTestId('selected-label').textContent()).toBe(
        `True label: ${PROMISES[link]!.image} (CIFAR-10 test image ${params.get('image')})`,
      );
      expect(await s.page.getByText('Parts of this link were not used').count()).toBe(0);
      await expect.poll(() => s.page.getByTestId('verdict').textContent()).toMatch(PROMISES[link]!.verdict);
      for (const part of HIDEABLE) {
        const onScreen = !hidden.has(part) && !hidden.has(INSIDE[part] ?? part);
        const visible = await s.page.locator(PART[part]).first().isVisible();
        expect(visible, `${part} should ${onScreen ? '' : 'not '}be on screen`).toBe(onScreen);
      }
    });
  }
});
