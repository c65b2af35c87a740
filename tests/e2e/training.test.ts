import { describe, expect, it } from 'vitest';
import type { Session } from '../../node/browser.ts';
import { pagePerTest } from './session.ts';

const status = (s: Session) => s.page.getByTestId('training-status').textContent();

/** Stop, and skip the final check if it has begun: the run ends stopped (or finished, had it reached its budget). */
async function stopAndSkipCheck(s: Session): Promise<void> {
  const p = s.page;
  if (/^Status: running/.test((await status(s)) ?? '')) await p.getByRole('button', { name: 'Stop' }).click();
  await expect.poll(() => status(s), { timeout: 120_000 }).toMatch(/^Status: (checking|stopped|finished)/);
  if (/^Status: checking/.test((await status(s)) ?? '')) await p.getByRole('button', { name: 'Skip the final check' }).click();
  await expect.poll(() => status(s), { timeout: 120_000 }).toMatch(/^Status: (stopped|finished)/);
  expect(await p.getByTestId('final-check').count()).toBe(0);
}

/** The lab's prediction as shown: the text with the top class's probability, and the ten probability bars. */
async function labPrediction(s: Session): Promise<string> {
  const panel = s.page.getByTestId('original');
  const bars = await panel.locator('.recharts-bar-rectangle path').evaluateAll((paths) => paths.map((e) => e.getAttribute('d')));
  return [await panel.getByTestId('original-prediction').textContent(), ...bars].join(' ');
}

/** Small training settings, so the browser test stays quick. */
async function smallBudget(s: Session): Promise<void> {
  await s.page.getByLabel(/^Budget/).fill('1000');
  await s.page.getByLabel(/^Batch size/).fill('16');
}

describe('adversarial training and the robustness lab in the browser (WASM, tiny budgets)', () => {
  // Nothing any test does here may log an error.
  const open = pagePerTest({ noConsoleErrors: true });
  /** The page on WASM (not about WebGL) at its defaults, once the first attack result is shown. */
  const openPage = () => open({ hash: '#backend=wasm', ready: 'verdict' });

  it('trains a copy of the standard model live, with pause, resume and stop, while the lab follows it', async () => {
    const s = await openPage();
    const p = s.page;
    await smallBudget(s);
    await p.getByLabel(/^Evaluate at most every/).fill('5');
    await expect.poll(() => p.getByTestId('original').locator('.recharts-bar-rectangle path').count()).toBeGreaterThan(0);
    const pretrained = await labPrediction(s);
    await p.getByRole('button', { name: 'Start' }).click();
    // The copy becomes the lab's model.
    await expect.poll(() => p.getByRole('combobox', { name: 'Model', exact: true }).inputValue(), { timeout: 120_000 }).toBe('training');
    await expect.poll(() => status(s), { timeout: 240_000 }).toMatch(/Status: running · \d+ examples/);
    // The page answers clicks while it trains: a <details> opens and closes, and training goes on.
    const details = p.locator('details.saved-models');
    await details.locator('summary').click();
    await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await details.locator('summary').click();
    await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await status(s)).toMatch(/^Status: running/);
    // On WASM the steps run in a worker, off the page's thread.
    expect(s.requests.some((url) => /trainingWorker[^/]*\.js$/.test(url))).toBe(true);
    await p.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => status(s)).toMatch(/^Status: paused/);
    const pausedAt = await status(s);
    await p.waitForTimeout(1500);
    expect((await status(s))?.match(/(\d+) examples/)?.[1]).toBe(pausedAt?.match(/(\d+) examples/)?.[1]);
    await p.getByRole('button', { name: 'Resume' }).click();
    // The game is watched from the first step: the chart of the two players, the words, and the attacker's images.
    await p.getByTestId('game-chart').waitFor({ timeout: 120_000 });
    expect(await p.getByTestId('game-chart').locator('.recharts-line').count()).toBe(3);
    expect(await p.getByTestId('game-words').textContent()).toMatch(
      new RegExp(
        '(The attacker is ahead|Neck and neck|The model is ahead).*' +
          String.raw`Loss on this batch: \d+\.\d\d on its adversarial versions against \d+\.\d\d on the clean images`,
      ),
    );
    const strip = p.getByTestId('adversarial-strip');
    await strip.waitFor();
    expect(await strip.locator('li').count()).toBe(8);
    expect(await strip.locator('figcaption').textContent()).toMatch(/^What the attacker made at step \d+: [0-8] of 8 shown fool the model$/);
    const fooledShown = Number((await strip.locator('figcaption').textContent())!.match(/: (\d) of 8/)![1]);
    expect(await strip.locator('li.fooled').count()).toBe(fooledShown);
    const firstStripStep = await strip.locator('figcaption').textContent();
    await expect.poll(() => strip.locator('figcaption').textContent(), { timeout: 120_000 }).not.toBe(firstStripStep);
    // A held-out check (as often as 15% of the time allows, and after the last step): its size and attack said.
    await p.getByTestId('training-accuracy').waitFor({ timeout: 240_000 });
    expect(await p.getByTestId('training-accuracy').textContent()).toMatch(
      /^Held-out check \(100 images, each figure good to ±10 points at most\): clean \d+\.\d% · FGSM \d+\.\d% · PGD-3 \d+\.\d%$/,
    );
    expect(await p.getByTestId('loss-chart').locator('.recharts-line').count()).toBe(1);
    expect(await p.getByTestId('accuracy-chart').locator('.recharts-line').count()).toBe(3);
    // The trade-off plane: the shipped models as fixed points, and this model's checks.
    const plane = p.getByTestId('tradeoff-plane');
    await plane.waitFor();
    expect(await plane.locator('.recharts-scatter').count()).toBeGreaterThanOrEqual(2);
    expect(await p.getByTestId('tradeoff-note').textContent()).toMatch(
      /Checks while training: 100 held-out images, PGD-3, each figure good to ±10 points at most \(95%\)/,
    );
    // The lab's prediction is recomputed against the changing weights.
    await expect.poll(() => p.getByTestId('original-prediction').isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => labPrediction(s), { timeout: 60_000 }).not.toBe(pretrained);
    await stopAndSkipCheck(s);
  });

  it('saves the trained model in the browser, where it stays after a reload, and compares it on the same image', async () => {
    const s = await openPage();
    const p = s.page;
    // A training copy of the standard model that has taken a few steps.
    await smallBudget(s);
    await p.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => p.getByRole('combobox', { name: 'Model', exact: true }).inputValue(), { timeout: 120_000 }).toBe('training');
    await expect.poll(() => status(s), { timeout: 240_000 }).toMatch(/Status: running · \d+ examples/);
    await stopAndSkipCheck(s);
    await p.getByText('Save or download this model').click();
    await p.getByLabel('Name', { exact: true }).fill('class demo');
    await p.getByRole('button', { name: 'Save in browser' }).click();
    await p.getByText('Saved in this browser as "class demo".').waitFor();
    await p.getByRole('button', { name: 'Test on all models' }).click();
    await p.getByTestId('transfer').waitFor();
    const rows = await p.getByTestId('transfer').locator('tbody tr').allTextContents();
    expect(rows.some((r) => r.startsWith('class demo (saved)'))).toBe(true);
    expect(rows.some((r) => r.startsWith('Standard CNN'))).toBe(true);
    // Reset to pretrained drops the training copy and goes back to the model it came from.
    await p.getByRole('button', { name: 'Reset to pretrained' }).click();
    await expect.poll(() => p.getByRole('combobox', { name: 'Model', exact: true }).inputValue()).toBe('standard');
    expect(await p.getByRole('combobox', { name: 'Model', exact: true }).locator('option[value="training"]').count()).toBe(0);
    await p.reload();
    await p.getByTestId('original-prediction').waitFor();
    await expect
      .poll(() => p.getByRole('combobox', { name: 'Model', exact: true }).locator('option').allTextContents())
      .toContain('class demo (saved)');
    await p.getByRole('combobox', { name: 'Model', exact: true }).selectOption({ label: 'class demo (saved)' });
    await expect.poll(() => p.getByTestId('original-prediction').textContent(), { timeout: 60_000 }).toMatch(/^Model says/);
    await p.getByText('Save or download this model').click();
    await p.getByRole('button', { name: 'Delete from browser' }).click();
    await expect
      .poll(() => p.getByRole('combobox', { name: 'Model', exact: true }).locator('option').allTextContents())
      .not.toContain('class demo (saved)');
  });

  it('the catastrophic-overfitting preset is caught: training stops, the weights before are restored, and the page says why', async () => {
    const s = await openPage();
    const p = s.page;
    await p.getByRole('button', { name: 'Catastrophic overfitting (demo)' }).click();
    expect(await p.getByRole('button', { name: 'Catastrophic overfitting (demo)' }).getAttribute('aria-pressed')).toBe('true');
    expect(await p.getByLabel(/^Random start/).isChecked()).toBe(false);
    await p.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => status(s), { timeout: 300_000 }).toMatch(/^Status: restored/);
    const message = (await p.getByTestId('training-message').textContent()) ?? '';
    expect(message).toMatch(
      /^Catastrophic overfitting at step \d+: on the held-out images FGSM accuracy is (\d+\.\d)% but PGD accuracy only (\d+\.\d)%\./,
    );
    const [, fgsm, pgd] = /FGSM accuracy is ([\d.]+)% but PGD accuracy only ([\d.]+)%/.exec(message)!;
    expect(Number(fgsm) - Number(pgd)).toBeGreaterThanOrEqual(15);
    expect(message).toContain('The model learned to defeat the one-step attack it trains on');
    expect(message).toMatch(/the weights from step \d+ were restored/);
    // "After a few hundred training images" (the lesson): caught within 30 steps of 32.
    expect(Number(/at step (\d+)/.exec(message)![1])).toBeLessThanOrEqual(30);
    expect(message).toContain('Turn the random start back on');
    // No word of a "price of robustness": what fell was undone.
    expect(await p.getByTestId('price-notice').count()).toBe(0);
    // The check that caught it is on screen, FGSM beside PGD.
    expect(await p.getByTestId('training-accuracy').textContent()).toMatch(new RegExp(`FGSM ${fgsm}% · PGD-3 ${pgd}%`));
  });

  it('draws a robustness curve for two models, and can cancel one', async () => {
    const s = await openPage();
    const p = s.page;
    await p.getByLabel('Number of evaluation images').selectOption('20');
    await p.getByRole('button', { name: 'Draw the curve' }).click();
    await p.getByTestId('robustness-curve').waitFor({ timeout: 240_000 });
    await expect.poll(() => p.getByRole('button', { name: 'Draw the curve' }).isVisible(), { timeout: 240_000 }).toBe(true);
    const lines = await p.getByTestId('robustness-curve').locator('.recharts-line').count();
    expect(lines).toBe(2);
    const legend = await p.getByTestId('robustness-curve').locator('.recharts-legend-item-text').allTextContents();
    expect(legend.sort()).toEqual(['Robust CNN (adversarially trained) · PGD', 'Standard CNN · PGD']);
    // Drawing again keeps the finished curve on screen; cancelling before a new one is complete leaves it there.
    await p.getByRole('button', { name: 'Draw the curve' }).click();
    await p.getByTestId('curve-eta').waitFor();
    await p.getByRole('button', { name: 'Cancel' }).last().click();
    await p.getByText('Cancelled before a curve was complete: the previous one is shown.').waitFor();
    expect(await p.getByTestId('robustness-curve').locator('.recharts-line').count()).toBe(2);
  });
});
