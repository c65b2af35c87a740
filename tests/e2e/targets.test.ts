// Every goal the Goal list offers ends in a clear verdict, from a link and by clicking: a goal that is the image's
// own class (nothing to attack where the model already says it, "made right" where it does not), targeted verdicts
// on images the model already gets wrong, C&W returning at once on such an image, and never another image's result.
import { describe, expect, it } from 'vitest';
import type { Session } from '../../node/browser.ts';
import { CLASS_NAMES } from '../../src/data/cifar10.ts';
import { attackControls } from './harness.ts';
import { pagePerTest } from './session.ts';

const verdict = (s: Session) => s.page.getByTestId('verdict');
const text = async (s: Session, id: string) => (await s.page.getByTestId(id).textContent()) ?? '';
/** The gallery is grouped by class, 12 images each: the second of class c (the page opens on image 975, the first airplane). */
const secondOfClass = (s: Session, c: number) => s.page.locator('.gallery .thumb').nth(12 * c + 1);

describe('goals in the lab (WASM)', () => {
  const open = pagePerTest({ noConsoleErrors: true });
  const openLink = (link: string) => open({ hash: `#backend=wasm${link}`, ready: 'verdict' });

  it('from a link, a goal equal to the class the model already says: nothing to attack, said plainly', async () => {
    // Test image 975 is an airplane, and the standard model says so.
    const s = await openLink('&image=975&attack=pgd&target=0');
    await expect
      .poll(() => verdict(s).textContent(), { timeout: 60_000 })
      .toBe('Already says airplane, its true class: nothing to attack (pick another goal)');
    expect(await text(s, 'readout-steps')).toBe('0');
    expect(await text(s, 'readout-success')).toBe('no (the goal is its true class, which the model already says)');
    expect(await s.page.getByRole('alert').count()).toBe(0);
    // The Goal list says which class is the image's own.
    expect(await attackControls(s).getByLabel('Goal').locator('option:checked').textContent()).toBe(
      'Targeted: make it say airplane (its true class)',
    );
  });

  it('a goal equal to the true class of an image the model gets wrong asks for it to be made right', async () => {
    // Test image 982 is an airplane the standard model calls dog.
    const s = await openLink('&image=982&attack=pgd&target=0');
    await expect.poll(() => verdict(s).textContent(), { timeout: 60_000 }).toBe('Made right: now airplane, its true class');
    expect(await text(s, 'readout-success')).toBe('yes (the goal was its true class: the attack made the model right)');
    expect(await s.page.getByTestId('adversarial-prediction').textContent()).toMatch(/^Model says airplane/);
  });

  it('targeted and untargeted verdicts on an image the model already gets wrong say so; C&W returns at once', async () => {
    // Test image 986 is a cat the robust model calls dog.
    const s = await openLink('&model=robust&image=986&attack=pgd&target=0');
    await expect.poll(() => verdict(s).textContent(), { timeout: 60_000 }).toMatch(/it was wrong before the attack \(said dog, is cat\)$/);
    expect(await text(s, 'readout-success')).toBe('no (the model was wrong before the attack)');
    await attackControls(s).getByLabel('Goal').selectOption('none');
    await attackControls(s).getByRole('radio', { name: 'C&W' }).check();
    await expect.poll(() => verdict(s).textContent(), { timeout: 60_000 }).toBe('Already wrong before the attack (said dog, is cat)');
    expect(await text(s, 'readout-steps')).toBe('0');
    expect(await text(s, 'readout-l2')).toBe('0.000');
  });

  it('every goal on an image of that class, by clicking, ends in a verdict about that image and never shows the previous one', async () => {
    const s = await openLink('&image=975&attack=pgd');
    for (let c = 0; c < CLASS_NAMES.length; c++) {
      // The goal first (an attack runs on the image before), then another image, of that class.
      await attackControls(s).getByLabel('Goal').selectOption(String(c));
      await secondOfClass(s, c).click();
      const name = CLASS_NAMES[c]!;
      const aboutThisImage = new RegExp(
        `^(Already says ${name}, its true class: nothing to attack \\(pick another goal\\)|Made right: now ${name}, its true class|` +
          `(Still|Now) \\w+: not made right \\(the goal was ${name}, its true class\\))$`,
      );
      // Once this image is on screen, whatever shows is about it: nothing yet, or a verdict on the goal as its own
      // class (the previous image's verdict on the same goal would read "Fooled into ...").
      await expect.poll(() => s.page.getByTestId('selected-label').textContent()).toContain(`True label: ${name}`);
      const seen = (await verdict(s).count()) ? await verdict(s).textContent() : null;
      if (seen !== null) expect(seen, `class ${name}`).toMatch(aboutThisImage);
      await expect.poll(() => verdict(s).textContent(), { timeout: 60_000 }).toMatch(aboutThisImage);
      expect(await s.page.getByRole('alert').count()).toBe(0);
    }
  });
});
