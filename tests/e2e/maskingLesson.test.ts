// The third shipped lesson, "How not to fool yourself", played start to finish on the default backend at the three
// sizes a class meets it (presenter mode on a 1920x1080 wall, a 1366x768 laptop, a 390x844 phone): each step shows
// what its text says, and what it points at is on screen above the lesson sheet. Its claims are checked in Node by
// tests/lessons/maskingLesson.test.ts.
import { describe, expect, it } from 'vitest';
import type { Session } from '../../node/browser.ts';
import { SHIPPED_LESSONS } from '../../src/lessons/shipped.ts';
import { attackControls } from './harness.ts';
import { inView, playLesson } from './lessonPlay.ts';
import { pagePerTest } from './session.ts';

const SHIPPED = SHIPPED_LESSONS.find((l) => l.title === 'How not to fool yourself')!;
const verdict = (s: Session) => s.page.getByTestId('verdict').textContent();
const modelSelect = (s: Session) => s.page.getByRole('region', { name: 'Model' }).getByLabel('Model', { exact: true });

const focusOf = (s: Session, name: string) => s.page.locator(`[data-lesson-focus="${name}"]`).first();

const ON_SCREEN: Record<string, (s: Session) => Promise<void>> = {
  'A defence that looks strong': async (s) => {
    await expect.poll(() => modelSelect(s).inputValue()).toBe('defended');
    await expect.poll(() => verdict(s), { timeout: 180_000 }).toBe('Not fooled: still airplane');
    await expect.poll(() => s.page.getByTestId('model-card').textContent()).toMatch(/PGD-20 at 8\/255 \d/);
    await expect.poll(() => inView(s, s.page.getByTestId('model-card'))).toBe(true);
  },
  'Sign one: the attack does not move': async (s) => {
    await expect.poll(() => attackControls(s).getByLabel('FGSM', { exact: true }).isChecked()).toBe(true);
    await expect.poll(() => verdict(s), { timeout: 180_000 }).toBe('Not fooled: still airplane');
    await expect.poll(() => s.page.getByTestId('readout-linf').textContent()).toBe('0.0000 (0.00/255)');
    await expect.poll(() => inView(s, s.page.getByTestId('readout-linf'))).toBe(true);
  },
  'Sign two: an attacker without gradients wins': async (s) => {
    await expect.poll(() => verdict(s), { timeout: 180_000 }).toBe('Fooled: now ship');
    expect(Number(await s.page.getByTestId('readout-steps').textContent())).toBeLessThan(10);
    await expect.poll(() => inView(s, s.page.getByTestId('readout-steps'))).toBe(true);
  },
  'Sign three: borrowed adversarial images work': async (s) => {
    await expect.poll(() => modelSelect(s).inputValue()).toBe('standard');
    await expect.poll(() => verdict(s), { timeout: 180_000 }).toBe('Fooled: now ship');
    const button = s.page.getByRole('button', { name: 'Test on all models' });
    await expect.poll(() => inView(s, button)).toBe(true);
    await button.click();
    const row = (name: string) => s.page.getByTestId('transfer').locator('tr', { hasText: name }).locator('td').last();
    await expect.poll(() => row('Defended CNN (input quantisation)').textContent(), { timeout: 120_000 }).toBe('yes');
    expect(await row('Robust CNN (adversarially trained)').textContent()).toBe('no');
  },
  'Break it: attack through the rounding': async (s) => {
    await expect.poll(() => modelSelect(s).inputValue()).toBe('defended');
    const box = attackControls(s).getByLabel('Attack through the rounding (BPDA)');
    await expect.poll(() => box.isChecked()).toBe(true);
    await expect.poll(() => verdict(s), { timeout: 180_000 }).toBe('Fooled: now ship');
    await expect.poll(() => inView(s, box)).toBe(true);
  },
  'The reliable figure': async (s) => {
    const panel = focusOf(s, 'reliable');
    await expect.poll(() => inView(s, panel.getByRole('button', { name: 'Measure robustness' }))).toBe(true);
    await expect.poll(() => s.page.getByTestId('model-card-reliable').textContent()).toMatch(/^Worst of APGD-CE, APGD-T and Square: /);
  },
};

describe('the gradient-masking lesson', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  it.each([
    { where: 'in presenter mode (1920x1080)', big: '&big=1', width: 1920, height: 1080 },
    { where: 'on a laptop (1366x768)', big: '', width: 1366, height: 768 },
    { where: 'on a phone (390x844)', big: '', width: 390, height: 844 },
  ])('plays start to finish $where, each step showing what it says and what it points at', async ({ big, width, height }) => {
    const s = await open({ hash: `#lesson=${SHIPPED.path}${big}`, ready: 'lesson-bar' });
    await playLesson(s, SHIPPED, ON_SCREEN, { width, height });
  });
});
