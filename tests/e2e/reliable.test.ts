// "Measure robustness" in the page, as a student meets it (the default backend): the standard model measured on
// 100 held-out images gives the same figures as the project's code in Node on the same images, stage by stage;
// a measurement of the robust model can be cancelled and keeps what it measured; the shipped cards state the
// worst case beside PGD-20 on the same images.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../node/paths.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { loadModelDir } from '../../node/modelDir.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { reliableFigure, type ReliableFigure } from '../../src/evaluation/index.ts';
import { pagePerTest } from './session.ts';

const N = 100;
let node: ReliableFigure;

beforeAll(async () => {
  await useBackend('wasm');
  const { model } = await loadModelDir('standard');
  const { x, labels } = await cifarBatch('test', 0, N);
  try {
    node = await reliableFigure(model, x, labels);
  } finally {
    x.dispose();
    model.dispose();
  }
}, 300_000);
afterAll(() => tf.disposeVariables());

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

describe('measuring robustness in the page', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  it('the standard model on 100 held-out images: each stage on what is left, the figures the Node code gives', async () => {
    const s = await open({ hash: '#image=1022', ready: 'verdict' });
    const p = s.page;
    const panel = p.locator('.reliable');
    await panel.scrollIntoViewIfNeeded();
    expect(await panel.getByLabel('Model to measure').inputValue()).toBe('standard');
    await panel.getByLabel('Number of images to measure on').selectOption(String(N));
    await panel.getByRole('button', { name: 'Measure robustness' }).click();
    await p.getByTestId('reliable-summary').waitFor({ timeout: 300_000 });
    const row = (label: string) => panel.locator(`tr[data-figure="${label}"]`);
    const cells = async (label: string) => await row(label).locator('th, td').allTextContents();
    expect(await panel.locator('caption').textContent()).toBe(`Standard CNN at 8/255, ${N} held-out images`);
    expect(await cells('clean')).toEqual(['None (clean)', pct(node.clean), '—', expect.stringMatching(/^\d/)]);
    // Every image the model gets right meets APGD-CE; the images it leaves meet APGD-T, then Square.
    const [ce, t, square] = node.stages;
    expect((await cells('APGD-CE')).slice(0, 3)).toEqual(['APGD-CE (100 steps)', pct(ce!.accuracy), `${Math.round(node.clean * N)} images`]);
    expect((await cells('APGD-T')).slice(0, 3)).toEqual([
      '+ APGD-T (100 steps at each of the top 3 other classes)',
      pct(t!.accuracy),
      `${t!.attacked} images`,
    ]);
    expect((await cells('Square')).slice(0, 3)).toEqual(['+ Square (1,000 queries)', pct(square!.accuracy), `${square!.attacked} images`]);
    expect((await cells('PGD-20'))[1]).toBe(pct(node.pgd20));
    const summary = (await p.getByTestId('reliable-summary').textContent()) ?? '';
    expect(summary).toContain(`Robust accuracy at 8/255: ${pct(node.accuracy)} ±`);
    expect(summary).toContain(`(95%, ${N} images)`);
  });

  it('a measurement of the robust model can be cancelled, and keeps the figures it measured', async () => {
    const s = await open({ hash: '#image=1022', ready: 'verdict' });
    const p = s.page;
    const panel = p.locator('.reliable');
    await panel.getByLabel('Model to measure').selectOption('robust');
    await panel.getByRole('button', { name: 'Measure robustness' }).click();
    await p
      .getByTestId('reliable-eta')
      .filter({ hasText: /^Running APGD-CE/ })
      .waitFor({ timeout: 300_000 });
    expect(await panel.locator('tr[data-figure="clean"]').count()).toBe(1);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.getByText('Cancelled: the figures measured so far are shown, and the last is not the worst case.').waitFor();
    expect(await p.getByTestId('reliable-summary').count()).toBe(0);
    expect(await panel.locator('tr[data-figure="PGD-20"]').count()).toBe(1);
    await panel.getByRole('button', { name: 'Measure robustness' }).waitFor();
  });

  it("the robust model's card gives the worst case beside PGD-20 on the same images", async () => {
    const s = await open({ hash: '#model=robust&image=1022', ready: 'verdict' });
    const line = s.page.getByTestId('model-card-reliable');
    await line.waitFor();
    const card = JSON.parse(readFileSync(join(ROOT, 'models/robust/card.json'), 'utf8')) as {
      evaluation: { reliable: { accuracy: number; pgd20SameImages: number; n: number } };
    };
    const { accuracy, pgd20SameImages, n } = card.evaluation.reliable;
    expect(n).toBeGreaterThanOrEqual(500);
    expect(await line.textContent()).toBe(
      `Worst of APGD-CE, APGD-T and Square: ${pct(accuracy)} (PGD-20 ${pct(pgd20SameImages)} on the same ${n} images)`,
    );
    // The worst case is below PGD-20's figure: PGD-20 alone overstates this model.
    expect(accuracy).toBeLessThan(pgd20SameImages);
  });
});
