// "Common corruptions" in the page (the default backend): the standard model on the first 100 held-out images, one
// chart per corruption with a line starting at the clean accuracy; the figures are the ones the project's code
// computes in Node on the same images, to the rounding shown. Cancel stops a sweep and says so; `hide=corruptions`
// hides the panel.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../node/tfBackend.ts';
import { loadModelDir } from '../../node/modelDir.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { CORRUPTIONS } from '../../src/data/corruptions.ts';
import { corruptionSweep, type CorruptionSweep } from '../../src/evaluation/index.ts';
import { pagePerTest } from './session.ts';

const N = 100;
let node: CorruptionSweep;

beforeAll(async () => {
  await useBackend('wasm');
  const { x, labels } = await cifarBatch('test', 0, N);
  const { model } = await loadModelDir('standard');
  node = await corruptionSweep(model, x, labels);
  model.dispose();
  x.dispose();
  tf.disposeVariables();
}, 300_000);

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

describe('common corruptions in the page', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  it('draws one chart per corruption for the standard model, with the figures Node computes', async () => {
    const s = await open({ hash: '#image=1022', ready: 'verdict' });
    const panel = s.page.getByRole('region', { name: 'Common corruptions' });
    await panel.getByLabel('Robust CNN (adversarially trained)', { exact: true }).uncheck();
    await panel.getByRole('button', { name: 'Measure under corruptions' }).click();
    await panel.getByTestId('corruptions-eta').waitFor();
    await panel.getByRole('button', { name: 'Measure under corruptions' }).waitFor({ timeout: 300_000 });
    expect(await panel.getByTestId('corruptions-caption').textContent()).toBe(
      `${N} held-out images; each chart starts at the clean accuracy (severity 0).`,
    );
    expect(await panel.getByRole('list', { name: 'Models' }).locator('li').allTextContents()).toEqual(['Standard CNN']);
    const charts = panel.getByTestId('corruption-chart');
    expect(await charts.count()).toBe(CORRUPTIONS.length);
    for (const [i, c] of CORRUPTIONS.entries()) {
      const chart = charts.nth(i);
      expect(await chart.getAttribute('data-corruption')).toBe(c.id);
      expect(await chart.locator('figcaption').textContent()).toBe(c.label);
      expect(await chart.locator('.recharts-line').count()).toBe(1);
      // Six points: the clean accuracy and five severities.
      expect(await chart.locator('.recharts-line-dot, .recharts-dot').count()).toBe(6);
      const said = `Standard CNN: clean ${pct(node.clean)}, ${node.accuracy[c.id]!.map((a, k) => `severity ${k + 1} ${pct(a)}`).join(', ')}.`;
      expect(await chart.getByTestId('corruption-figures').textContent()).toBe(said);
    }
  });

  it('Cancel stops a sweep and says so; hide=corruptions hides the panel', async () => {
    const s = await open({ hash: '#image=1022', ready: 'verdict' });
    const panel = s.page.getByRole('region', { name: 'Common corruptions' });
    await panel.getByRole('button', { name: 'Measure under corruptions' }).click();
    await panel.getByTestId('corruptions-eta').waitFor();
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.getByRole('status').filter({ hasText: 'Cancelled: the models measured before are shown.' }).waitFor();
    expect(await panel.getByTestId('corruption-chart').count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Measure under corruptions' }).isEnabled()).toBe(true);
    const hidden = await open({ hash: '#image=1022&hide=corruptions', ready: 'verdict' });
    expect(await hidden.page.getByRole('region', { name: 'Common corruptions' }).count()).toBe(0);
    expect(await hidden.page.getByRole('region', { name: 'Robustness curve' }).count()).toBe(1);
  });
});
