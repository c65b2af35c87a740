// "Common corruptions" in the page (the default backend): the standard and robust models on 100 held-out images,
// one chart per corruption, each with a line per model starting at the clean accuracy; the figures are the ones the
// project's code computes in Node on the same images, to the rounding shown.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../node/tfBackend.ts';
import { loadModelDir } from '../../node/modelDir.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { CORRUPTIONS } from '../../src/data/corruptions.ts';
import { corruptionSweep, type CorruptionSweep } from '../../src/training/index.ts';
import { pagePerTest } from './session.ts';

const N = 100;
const node: Record<string, CorruptionSweep> = {};

beforeAll(async () => {
  await useBackend('wasm');
  const { x, labels } = await cifarBatch('test', 0, N);
  for (const name of ['standard', 'robust']) {
    const { model } = await loadModelDir(name);
    node[name] = await corruptionSweep(model, x, labels);
    model.dispose();
  }
  x.dispose();
  tf.disposeVariables();
}, 300_000);

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

describe('common corruptions in the page', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  it('draws one chart per corruption for the standard and robust models, with the figures Node computes', async () => {
    const s = await open({ hash: '#image=1022', ready: 'verdict' });
    const panel = s.page.getByRole('region', { name: 'Common corruptions' });
    await panel.getByRole('button', { name: 'Measure under corruptions' }).click();
    await panel.getByTestId('corruptions-eta').waitFor();
    await panel.getByRole('button', { name: 'Measure under corruptions' }).waitFor({ timeout: 300_000 });
    expect(await panel.getByTestId('corruptions-caption').textContent()).toBe(`${N} held-out images; each chart starts at the clean accuracy (severity 0).`);
    expect(await panel.getByRole('list', { name: 'Models' }).locator('li').allTextContents()).toEqual(['Standard CNN', 'Robust CNN (adversarially trained)']);
    const charts = panel.getByTestId('corruption-chart');
    expect(await charts.count()).toBe(CORRUPTIONS.length);
    for (const [i, c] of CORRUPTIONS.entries()) {
      const chart = charts.nth(i);
      expect(await chart.getAttribute('data-corruption')).toBe(c.id);
      expect(await chart.locator('figcaption').textContent()).toBe(c.label);
      expect(await chart.locator('.recharts-line').count()).toBe(2);
      const said = (name: string, r: CorruptionSweep) => `${name}: clean ${pct(r.clean)}, ${r.accuracy[c.id]!.map((a, k) => `severity ${k + 1} ${pct(a)}`).join(', ')}.`;
      expect(await chart.getByTestId('corruption-figures').textContent()).toBe(`${said('Standard CNN', node.standard!)} ${said('Robust CNN (adversarially trained)', node.robust!)}`);
    }
  });
});
