// Lessons in the page: the shipped one played start to finish in presenter mode with each step's claim checked on
// screen, and on a phone; one an instructor writes in the editor from the lab on screen, downloaded, opened again
// from the file and from a link to a copy beside the app; bad files and foreign links refused with the reason.
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../node/paths.ts';
import { SUB_PATH, type Session } from '../../node/browser.ts';
import { ISOLATION_HEADERS } from '../../src/runtime/offline/isolationHeaders.ts';
import { parseLesson } from '../../src/lessons/format.ts';
import { SHIPPED_LESSONS } from '../../src/lessons/shipped.ts';
import { attackControls } from './harness.ts';
import { violationsAboveMinor } from './axe.ts';
import { file } from './files.ts';
import { pagePerTest } from './session.ts';
import { startStaticServer, type StaticServer } from './staticServer.ts';

const eps = (s: Session) => s.page.getByTestId('param-eps-value').textContent();
/** The lessons entry, its choices shown. */
async function lessonMenu(s: Session) {
  const menu = s.page.getByRole('region', { name: 'Lessons' });
  const toggle = menu.getByRole('button', { name: 'Lessons' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return menu;
}
const modelSelect = (s: Session) => s.page.getByRole('region', { name: 'Model' }).getByLabel('Model', { exact: true });

const SHIPPED = SHIPPED_LESSONS[0]!;
const shipped = (() => {
  const parsed = parseLesson(readFileSync(join(ROOT, 'public', SHIPPED.path), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.lesson;
})();
const verdict = (s: Session) => s.page.getByTestId('verdict').textContent();

/** What each step of the shipped lesson must show on screen once the lab has its state, by the step's title. */
const ON_SCREEN: Record<string, (s: Session) => Promise<void>> = {
  'A confident model': async (s) => {
    await expect.poll(() => verdict(s)).toBe('Not fooled: still bird');
    expect(await s.page.getByTestId('original-prediction').textContent()).toMatch(/^Model says bird \(99\.\d%\)$/);
    expect(await eps(s)).toBe('0/255');
  },
  'The smallest epsilon that flips it': async (s) => {
    await expect.poll(() => eps(s)).toBe('2.5/255');
    await expect.poll(() => verdict(s)).toBe('Fooled: now frog');
    // One notch lower (Shift+left: the plain arrows step the lesson) and the model says bird again.
    await s.page.locator('body').press('Shift+ArrowLeft');
    await expect.poll(() => eps(s)).toBe('2.25/255');
    await expect.poll(() => verdict(s)).toBe('Not fooled: still bird');
    expect(await s.page.getByTestId('lesson-progress').textContent()).toBe('Step 2 of 9');
    // Coming back to the step restores its state.
    await s.page.locator('body').press('ArrowLeft');
    await expect.poll(() => s.page.getByTestId('lesson-progress').textContent()).toBe('Step 1 of 9');
    await s.page.locator('body').press('PageDown');
    await expect.poll(() => s.page.getByTestId('lesson-progress').textContent()).toBe('Step 2 of 9');
    await expect.poll(() => eps(s)).toBe('2.5/255');
    await expect.poll(() => verdict(s)).toBe('Fooled: now frog');
  },
  'The perturbation, amplified': async (s) => {
    await expect.poll(() => s.page.getByTestId('readout-linf').textContent()).toContain('(2.50/255)');
    expect(await s.page.getByTestId('amplification').textContent()).toMatch(/^×\d+$/);
    expect(await verdict(s)).toBe('Fooled: now frog');
  },
  'FGSM against PGD at the same epsilon': async (s) => {
    await expect.poll(() => attackControls(s).getByRole('radio', { name: 'PGD', exact: true }).isChecked()).toBe(true);
    expect(await eps(s)).toBe('2/255');
    await expect.poll(() => verdict(s), { timeout: 120_000 }).toMatch(/^Fooled: now /);
  },
  'A targeted attack': async (s) => {
    await expect.poll(() => verdict(s), { timeout: 120_000 }).toBe('Fooled into airplane');
  },
  "L2 against L-infinity: DeepFool's minimal change": async (s) => {
    await expect
      .poll(() =>
        attackControls(s)
          .getByRole('radio', { name: /DeepFool/ })
          .isChecked(),
      )
      .toBe(true);
    // Less than half the L2 length of FGSM's 2.5/255 change (0.54), with one channel moved by more than 2.5/255.
    await expect.poll(async () => Number(await s.page.getByTestId('readout-l2').textContent()), { timeout: 120_000 }).toBeLessThan(0.27);
    expect(await verdict(s)).toMatch(/^Fooled: now /);
    const linf = (await s.page.getByTestId('readout-linf').textContent())!.match(/\(([\d.]+)\/255\)/)![1]!;
    expect(Number(linf)).toBeGreaterThan(2.5);
  },
  'The robust model resists, at a price': async (s) => {
    await expect.poll(() => modelSelect(s).inputValue()).toBe('robust');
    await expect.poll(() => verdict(s), { timeout: 120_000 }).toBe('Not fooled: still bird');
    expect(await s.page.getByTestId('model-card').textContent()).toContain('clean 70.8%');
    expect(await eps(s)).toBe('8/255');
  },
  'Class features from the robust model': async (s) => {
    expect(await s.page.getByTestId('selected-label').textContent()).toContain('dog');
    // "the largest L2 budget on the slider (8)"
    expect(await eps(s)).toBe('8');
    const slider = attackControls(s)
      .getByLabel(/^Epsilon/)
      .first();
    expect(await slider.getAttribute('max')).toBe('8');
    await expect.poll(() => verdict(s), { timeout: 240_000 }).toBe('Fooled into horse');
  },
  'Train your own and read the robustness curve': async (s) => {
    await expect.poll(() => s.page.locator('.gallery-panel').count()).toBe(0);
    expect(await s.page.getByRole('region', { name: 'Adversarial training' }).isVisible()).toBe(true);
    expect(await s.page.getByRole('region', { name: 'Robustness curve' }).isVisible()).toBe(true);
  },
};

describe('the shipped lesson', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  it('plays start to finish in presenter mode, each step showing what it says', async () => {
    expect(Object.keys(ON_SCREEN).sort()).toEqual(shipped.steps.map((st) => st.title).sort());
    const s = await open({ hash: `#backend=wasm&big=1&lesson=${SHIPPED.path}`, ready: 'lesson-bar' });
    await s.page.setViewportSize({ width: 1920, height: 1080 });
    expect(await s.page.getByTestId('key-legend').textContent()).toMatch(/step.*Shift.*epsilon/);
    const bar = s.page.getByTestId('lesson-bar');
    expect(await bar.getByTestId('lesson-title').textContent()).toBe(SHIPPED.title);
    // Readable from the back of the room.
    expect(await bar.getByTestId('lesson-step-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(32);
    expect(
      await bar
        .locator('.lesson-text p')
        .first()
        .evaluate((e) => parseFloat(getComputedStyle(e).fontSize)),
    ).toBeGreaterThanOrEqual(24);
    for (const [i, step] of shipped.steps.entries()) {
      await expect.poll(() => bar.getByTestId('lesson-progress').textContent()).toBe(`Step ${i + 1} of ${shipped.steps.length}`);
      expect(await bar.getByTestId('lesson-step-title').textContent()).toBe(step.title);
      expect(await bar.getByTestId('lesson-question').textContent()).toBe(`Question: ${step.question}`);
      await ON_SCREEN[step.title]!(s);
      // The address keeps the lesson and the step, beside the lab's own keys.
      await expect.poll(() => new URL(s.page.url()).hash).toContain(`lesson=${SHIPPED.path}&step=${i + 1}`);
      expect(await s.page.getByTestId('notice').count()).toBe(0);
      if (i < shipped.steps.length - 1) await s.page.locator('body').press('ArrowRight');
    }
    expect(await bar.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    // Presenter mode stayed on all along; closing the lesson gives the parts the last step hid back.
    expect(await s.page.locator('.app.big-text').count()).toBe(1);
    await bar.getByRole('button', { name: 'Close lesson' }).click();
    await expect.poll(() => s.page.locator('.gallery-panel').count()).toBe(1);
    await expect.poll(() => new URL(s.page.url()).hash).not.toContain('lesson=');
    expect(await s.page.getByTestId('key-legend').textContent()).not.toContain('Shift');
  });

  it.each([
    { where: 'on a laptop (1366x768)', width: 1366, height: 768, big: '' },
    { where: 'in presenter mode (1920x1080)', width: 1920, height: 1080, big: '&big=1' },
    { where: 'on a phone (390x844)', width: 390, height: 844, big: '' },
  ])('played $where: the step, Back and Next, and what each step points at are on screen at every step', async ({ width, height, big }) => {
    const s = await open({ hash: `#backend=wasm${big}`, ready: 'verdict' });
    await s.page.setViewportSize({ width, height });
    await s.page.evaluate((h) => {
      window.location.hash = h;
    }, `#backend=wasm${big}&lesson=${SHIPPED.path}`);
    const bar = s.page.getByTestId('lesson-bar');
    /** Whether the element is in the window, not under the lesson's sheet, nor under images that stick to the top. */
    const onScreen = async (selector: string) => {
      const [box, sheet, panels] = await s.page.evaluate((sel) => {
        const rect = (e: Element | null) => (e ? (e.getBoundingClientRect().toJSON() as DOMRect) : null);
        const el = document.querySelector(sel);
        const lab = document.querySelector('.lab-panels');
        const sticky = lab && !lab.contains(el) && getComputedStyle(lab).position === 'sticky' ? rect(lab) : null;
        return [rect(el), rect(document.querySelector('[data-testid="lesson-bar"]')), sticky];
      }, selector);
      return box !== null && box.height > 0 && box.top >= (panels?.bottom ?? 0) - 1 && box.bottom <= sheet!.top + 1;
    };
    const inWindow = async (el: ReturnType<typeof bar.getByRole>) => {
      const box = (await el.boundingBox())!;
      return box.y >= 0 && box.y + box.height <= height + 1;
    };
    const POINTS_AT: Record<string, string[]> = {
      'lab-images': ['[data-testid="verdict"]', '[data-testid="adversarial-prediction"]'],
      epsilon: ['[data-lesson-focus="epsilon"]', '[data-testid="verdict"]'],
      readout: ['[data-testid="readout-linf"]', '[data-testid="readout-l2"]'],
      training: ['.training-buttons button.primary'],
    };
    for (const [i, step] of shipped.steps.entries()) {
      await expect.poll(() => bar.getByTestId('lesson-progress').textContent()).toBe(`Step ${i + 1} of ${shipped.steps.length}`);
      for (const part of [
        bar.getByTestId('lesson-step-title'),
        bar.getByRole('button', { name: 'Back' }),
        bar.getByRole('button', { name: 'Next' }),
      ]) {
        expect(await inWindow(part), `step ${i + 1}`).toBe(true);
      }
      expect(step.focus, step.title).toBeDefined();
      for (const selector of POINTS_AT[step.focus!]!) {
        await expect.poll(() => onScreen(selector), { timeout: 90_000, message: `step ${i + 1}: ${selector}` }).toBe(true);
      }
      if (i < shipped.steps.length - 1) await bar.getByRole('button', { name: 'Next' }).click();
    }
  });

  it('on a laptop, without presenter mode: Shift with the arrows moves epsilon, the plain arrows step the lesson', async () => {
    const s = await open({ hash: `#backend=wasm&lesson=${SHIPPED.path}&step=3`, ready: 'lesson-bar' });
    await s.page.setViewportSize({ width: 1366, height: 768 });
    const bar = s.page.getByTestId('lesson-bar');
    await expect.poll(() => bar.getByTestId('lesson-progress').textContent()).toBe(`Step 3 of ${shipped.steps.length}`);
    expect(await s.page.getByTestId('key-legend').count()).toBe(0);
    const eps = attackControls(s)
      .getByLabel(/^Epsilon/)
      .first();
    const before = Number(await eps.inputValue());
    await s.page.locator('body').press('Shift+ArrowRight');
    await expect.poll(async () => Number(await eps.inputValue())).toBeGreaterThan(before);
    const raised = Number(await eps.inputValue());
    await s.page.locator('body').press('Shift+ArrowLeft');
    await expect.poll(async () => Number(await eps.inputValue())).toBe(before);
    // Without Shift the lesson moves on, and epsilon stays where the step put it.
    await s.page.locator('body').press('ArrowRight');
    await expect.poll(() => bar.getByTestId('lesson-progress').textContent()).toBe(`Step 4 of ${shipped.steps.length}`);
    expect(raised).not.toBe(before);
  });

  it('has no axe violation above minor with a lesson open and its editor beside it', async () => {
    const s = await open({ hash: `#backend=wasm&lesson=${SHIPPED.path}`, ready: 'lesson-bar' });
    await expect.poll(() => verdict(s)).toBe('Not fooled: still bird');
    await s.page.getByTestId('lesson-bar').getByRole('button', { name: 'Edit this lesson' }).click();
    await expect.poll(() => s.page.getByTestId('draft-step').count()).toBe(shipped.steps.length);
    expect(await violationsAboveMinor(s.page)).toEqual([]);
  });

  it('on a phone the lesson is a sheet at the bottom: the images stay on screen', async () => {
    const s = await open({ hash: `#backend=wasm&lesson=${SHIPPED.path}&step=2`, ready: 'lesson-bar' });
    await s.page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => verdict(s)).toBe('Fooled: now frog');
    const panels = await s.page.locator('.lab-panels').evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect);
    const bar = await s.page.getByTestId('lesson-bar').evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect);
    expect(panels.top).toBeGreaterThanOrEqual(0);
    expect(panels.bottom).toBeLessThanOrEqual(bar.top);
    expect(bar.bottom).toBeLessThanOrEqual(844 + 1);
    expect(bar.height).toBeLessThan(844 / 2);
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await s.page.getByTestId('lesson-bar').getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => s.page.getByTestId('lesson-progress').textContent()).toBe('Step 3 of 9');
  });
});

describe('writing a lesson', () => {
  const open = pagePerTest({ noConsoleErrors: true });
  let server: StaticServer | null = null;
  afterAll(() => server?.close());

  it('built in the editor, downloaded, then opened from the file and from a link beside the app', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022&attack=fgsm&eps=2', ready: 'verdict' });
    await (await lessonMenu(s)).getByRole('button', { name: 'New lesson' }).click();
    const editor = s.page.getByRole('region', { name: 'Lesson editor' });
    await editor.getByLabel('Lesson title').fill('Week 3: epsilon');
    // Step 1: the lab as it is (eps 2); step 2: eps 6 on the robust model; step 3 added, then deleted.
    await editor.getByRole('button', { name: 'Add this view as a step' }).click();
    await editor.getByLabel('Title of step 1').fill('Small epsilon');
    await editor.getByLabel('Text of step 1').fill('Two levels out of 255. <b>Not bold</b>');
    await attackControls(s)
      .getByLabel(/^Epsilon/)
      .fill('6');
    await modelSelect(s).selectOption('robust');
    await expect.poll(() => eps(s)).toBe('6/255');
    await editor.getByRole('button', { name: 'Add this view as a step' }).click();
    await editor.getByLabel('Title of step 2').fill('Robust at 6');
    await editor.getByLabel('Question of step 2 (optional)').fill('Why does it hold?');
    await editor.getByRole('button', { name: 'Add this view as a step' }).click();
    await editor.getByLabel('Title of step 3').fill('To be deleted');
    // Reorder: step 2 up, then back down; then delete step 3.
    await editor.getByRole('button', { name: 'Move step 2 up' }).click();
    expect(await editor.getByLabel('Title of step 1').inputValue()).toBe('Robust at 6');
    await editor.getByRole('button', { name: 'Move step 1 down' }).click();
    expect(await editor.getByLabel('Title of step 1').inputValue()).toBe('Small epsilon');
    await editor.getByRole('button', { name: 'Delete step 3' }).click();
    await expect.poll(() => editor.getByTestId('draft-step').count()).toBe(2);
    // The captured states are the lab's link keys only: no backend, no lesson keys.
    const states = await editor.getByTestId('draft-state').allTextContents();
    expect(states[0]).toMatch(/image=1022.*attack=fgsm.*eps=2/);
    expect(states[1]).toMatch(/image=1022.*model=robust.*eps=6/);
    for (const state of states) expect(state).not.toMatch(/backend=|lesson=|step=|big=/);

    // A step without its text is not saved with a placeholder: the download names the field instead.
    expect(await editor.getByLabel('Text of step 2').inputValue()).toBe('');
    await editor.getByRole('button', { name: 'Download the lesson' }).click();
    expect(await editor.getByTestId('draft-problem').textContent()).toContain('steps[1].text: must not be empty');
    await editor.getByLabel('Text of step 2').fill('The robust model holds at 6/255.');
    const download = s.page.waitForEvent('download');
    await editor.getByRole('button', { name: 'Download the lesson' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('week-3-epsilon.json');
    const text = readFileSync(await saved.path(), 'utf8');
    const parsed = parseLesson(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.lesson.steps.map((st) => st.title)).toEqual(['Small epsilon', 'Robust at 6']);
    expect(parsed.lesson.steps[1]!.question).toBe('Why does it hold?');
    await editor.getByRole('button', { name: 'Close the editor' }).click();

    // From the file: the lab moves to step 1 (eps 2, standard model), and the markup is shown as text.
    await attackControls(s)
      .getByLabel(/^Epsilon/)
      .fill('9');
    await (await lessonMenu(s)).getByTestId('lesson-file-input').setInputFiles(file('week3.json', 'application/json', Buffer.from(text)));
    const bar = s.page.getByTestId('lesson-bar');
    await expect.poll(() => bar.getByTestId('lesson-progress').textContent()).toBe('Step 1 of 2');
    expect(await bar.getByTestId('lesson-title').textContent()).toBe('Week 3: epsilon');
    expect(await bar.getByText('Two levels out of 255. <b>Not bold</b>').count()).toBe(1);
    expect(await bar.locator('b').count()).toBe(0);
    await expect.poll(() => eps(s)).toBe('2/255');
    await bar.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => eps(s)).toBe('6/255');
    expect(await modelSelect(s).inputValue()).toBe('robust');
    expect(await bar.getByTestId('lesson-question').textContent()).toBe('Question: Why does it hold?');
    // A file has no address: the link does not name it.
    expect(new URL(s.page.url()).hash).not.toContain('lesson=');

    // From a link: the same file on the host, beside the app.
    const root = mkdtempSync(join(tmpdir(), 'epsilon-lesson-'));
    for (const entry of readdirSync(join(ROOT, 'dist'))) symlinkSync(join(ROOT, 'dist', entry), join(root, entry));
    writeFileSync(join(root, 'week3.json'), text);
    server = await startStaticServer({ root, subPath: SUB_PATH, headers: ISOLATION_HEADERS });
    await s.page.goto(`${server.url}#backend=wasm&lesson=week3.json&step=2`);
    await expect.poll(() => s.page.getByTestId('lesson-progress').textContent()).toBe('Step 2 of 2');
    expect(await s.page.getByTestId('lesson-step-title').textContent()).toBe('Robust at 6');
    await expect.poll(() => eps(s)).toBe('6/255');
    // The address keeps the lesson and its step as the student moves on.
    await s.page.getByTestId('lesson-bar').getByRole('button', { name: 'Back' }).click();
    await expect.poll(() => new URL(s.page.url()).hash).toMatch(/lesson=week3\.json&step=1/);
    await expect.poll(() => eps(s)).toBe('2/255');
  });

  it('a bad lesson file gets a message naming the field, and the lab is left as it was', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022&attack=fgsm&eps=4', ready: 'verdict' });
    const menu = await lessonMenu(s);
    const bad = {
      format: 'epsilon-lesson',
      version: 1,
      title: 'Bad',
      steps: [
        { title: 'ok', text: 'ok', state: 'image=975' },
        { title: 5, text: 'x', state: '' },
      ],
    };
    await menu.getByTestId('lesson-file-input').setInputFiles(file('bad.json', 'application/json', Buffer.from(JSON.stringify(bad))));
    await expect
      .poll(() => s.page.getByTestId('lesson-error').textContent())
      .toContain('The file bad.json is not a lesson Epsilon can open: steps[1].title: must be text.');
    await menu.getByTestId('lesson-file-input').setInputFiles(file('notes.json', 'application/json', Buffer.from('{ "format": "epsilon-lesson", ')));
    await expect
      .poll(() => s.page.getByTestId('lesson-error').textContent())
      .toMatch(/The file notes\.json is not a lesson Epsilon can open: not JSON: /);
    expect(await s.page.getByTestId('lesson-bar').count()).toBe(0);
    expect(await eps(s)).toBe('4/255');
    expect(await s.page.getByTestId('selected-label').textContent()).toContain('1022');
  });

  it('a link to a lesson on another site is refused, and says why', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022&lesson=https://elsewhere.example/l.json', ready: 'verdict' });
    await expect
      .poll(() => s.page.getByTestId('lesson-error').textContent())
      .toMatch(
        new RegExp(
          String.raw`lesson=https:\/\/elsewhere\.example\/l\.json is on another site \(https:\/\/elsewhere\.example\); ` +
            String.raw`lessons open only from this site \(http:\/\/127\.0\.0\.1:\d+\)`,
        ),
      );
    expect(s.requests.some((r) => r.includes('elsewhere.example'))).toBe(false);
    expect(await s.page.getByTestId('lesson-bar').count()).toBe(0);
  });
});
