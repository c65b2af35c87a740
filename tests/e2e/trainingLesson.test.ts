// The second shipped lesson, "Adversarial training in ten minutes", played start to finish in presenter mode on
// WASM, each step showing on screen what its text says; its Start step trains for real until the game is on screen.
import { describe, expect, it } from 'vitest';
import type { Session } from '../../node/browser.ts';
import { SHIPPED_LESSONS } from '../../src/lessons/shipped.ts';
import { attackControls } from './harness.ts';
import { inView, playLesson } from './lessonPlay.ts';
import { pagePerTest } from './session.ts';

const SHIPPED = SHIPPED_LESSONS.find((l) => l.title === 'Adversarial training in ten minutes')!;
const verdict = (s: Session) => s.page.getByTestId('verdict').textContent();
const eps = (s: Session) => s.page.getByTestId('param-eps-value').textContent();
const modelSelect = (s: Session) => s.page.getByRole('region', { name: 'Model' }).getByLabel('Model', { exact: true });
const training = (s: Session) => s.page.getByRole('region', { name: 'Adversarial training' });
const status = (s: Session) => s.page.getByTestId('training-status').textContent();

const ON_SCREEN: Record<string, (s: Session) => Promise<void>> = {
  'Two players': async (s) => {
    await expect.poll(() => eps(s)).toBe('4/255');
    await expect.poll(() => verdict(s), { timeout: 120_000 }).toBe('Fooled: now frog');
    expect(await modelSelect(s).inputValue()).toBe('standard');
  },
  'After many rounds': async (s) => {
    await expect.poll(() => modelSelect(s).inputValue()).toBe('robust');
    await expect.poll(() => verdict(s), { timeout: 120_000 }).toBe('Not fooled: still bird');
  },
  'The price': async (s) => {
    expect(await s.page.getByTestId('model-card').textContent()).toContain('clean 70.8%');
    const plane = s.page.getByTestId('tradeoff-plane');
    // The step brings the plane above the lesson sheet.
    await expect.poll(() => inView(s, plane)).toBe(true);
    // Two fixed points, the standard model right of and below the robust one.
    const points = plane.locator('.recharts-scatter').first().locator('.recharts-scatter-symbol');
    await expect.poll(() => points.count()).toBe(2);
    const boxes = await points.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const [right, left] = [...boxes].sort((a, b) => b.x - a.x);
    expect(right!.y).toBeGreaterThan(left!.y);
    expect(await s.page.getByTestId('tradeoff-note').textContent()).toContain('shipped standard model (bottom right');
  },
  'Play the game: press Start': async (s) => {
    const panel = training(s);
    expect(await panel.getByRole('button', { name: 'Class default (4/255)' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => inView(s, panel.getByRole('button', { name: 'Start' }))).toBe(true);
    await panel.getByRole('button', { name: 'Start' }).click();
    const game = panel.getByTestId('game-chart');
    await game.waitFor({ timeout: 180_000 });
    // The game shows where the Start button was: on screen, above the sheet.
    await expect.poll(() => inView(s, game)).toBe(true);
    // The first watched batch: the attacker fools more than half of the images the model gets right.
    const words = (await panel.getByTestId('game-words').textContent())!;
    expect(Number(/fools (?:the model on |it on only )?(\d+)%/.exec(words)![1])).toBeGreaterThan(50);
    expect(await game.locator('.recharts-line').count()).toBe(3);
    expect(await game.locator('.recharts-legend-item-text').allTextContents()).toEqual(['attacker success %', 'loss, adversarial', 'loss, clean']);
    await panel.getByTestId('adversarial-strip').waitFor();
    expect(await panel.getByTestId('adversarial-strip').locator('li').count()).toBe(8);
    await panel.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => status(s), { timeout: 120_000 }).toMatch(/^Status: (checking|stopped)/);
    if (/^Status: checking/.test((await status(s)) ?? '')) await panel.getByRole('button', { name: 'Skip the final check' }).click();
    await expect.poll(() => status(s), { timeout: 120_000 }).toMatch(/^Status: stopped/);
  },
  'When the game goes wrong: catastrophic overfitting': async (s) => {
    // The preset the step names is on screen (what it does when started: tests/e2e/training.test.ts).
    const preset = training(s).getByRole('button', { name: 'Catastrophic overfitting (demo)' });
    await expect.poll(() => inView(s, preset)).toBe(true);
  },
  'The finished product': async (s) => {
    await expect.poll(() => modelSelect(s).inputValue()).toBe('robust');
    await expect.poll(() => attackControls(s).getByRole('radio', { name: /FGSM/ }).isChecked()).toBe(true);
    expect(await eps(s)).toBe('8/255');
    await expect.poll(() => verdict(s), { timeout: 120_000 }).toBe('Not fooled: still bird');
    expect(await s.page.getByTestId('model-card').textContent()).toContain('37.5%');
  },
  'Robustness at every epsilon': async (s) => {
    const curve = s.page.getByRole('region', { name: 'Robustness curve' });
    await expect.poll(() => inView(s, curve.getByRole('button', { name: 'Draw the curve' }))).toBe(true);
  },
};

describe('the adversarial-training lesson', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  it.each([
    { where: 'in presenter mode (1920x1080)', big: '&big=1', width: 1920, height: 1080 },
    { where: 'on a laptop (1366x768)', big: '', width: 1366, height: 768 },
  ])('plays start to finish $where, each step showing what it says and what it points at', async ({ big, width, height }) => {
    const s = await open({ hash: `#backend=wasm${big}&lesson=${SHIPPED.path}`, ready: 'lesson-bar' });
    await playLesson(s, SHIPPED, ON_SCREEN, { width, height });
  });
});
