// The robustness curve with AutoAttack, as a student draws it (the default backend): the standard model alone, 20
// held-out images; the page's points are the ones the project's code gives in Node on the same images, the line is
// dotted and named, and it only falls.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../node/tfBackend.ts';
import { loadModelDir } from '../../node/modelDir.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { robustnessCurve, type RobustnessCurve } from '../../src/evaluation/index.ts';
import { pagePerTest } from './session.ts';

const N = 20;
// The page's grid (runtime/measure/curve.ts); the caption below names each point's eps, so a change there fails here.
const EPSILONS = [0, 1, 2, 3, 4, 6, 8, 12, 16].map((e) => e / 255);
let node: RobustnessCurve;

beforeAll(async () => {
  await useBackend('wasm');
  const { model } = await loadModelDir('standard');
  const { x, labels } = await cifarBatch('test', 0, N);
  try {
    node = await robustnessCurve([{ name: 'Standard CNN', model }], { x, labels }, { attack: 'autoattack', epsilons: EPSILONS, batchSize: 50 });
  } finally {
    x.dispose();
    model.dispose();
  }
}, 300_000);
afterAll(() => tf.disposeVariables());

describe('the robustness curve with AutoAttack', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  it('on the standard model: the points Node gives, a dotted line named AutoAttack, never rising', async () => {
    const s = await open({ hash: '#image=1022', ready: 'verdict' });
    const panel = s.page.getByRole('region', { name: 'Robustness curve' });
    await panel.scrollIntoViewIfNeeded();
    await panel.getByLabel('Robust CNN (adversarially trained)', { exact: true }).uncheck();
    await panel.getByLabel('PGD', { exact: true }).uncheck();
    await panel.getByLabel(/^AutoAttack/).check();
    expect(await panel.getByLabel('Number of evaluation images').inputValue()).toBe(String(N));
    await panel.getByRole('button', { name: 'Draw the curve' }).click();
    await expect.poll(() => panel.getByRole('button', { name: 'Draw the curve' }).isVisible(), { timeout: 300_000 }).toBe(true);
    const figure = s.page.getByTestId('robustness-curve');
    expect(await figure.locator('.recharts-legend-item-text').allTextContents()).toEqual(['Standard CNN · AutoAttack']);
    expect(await figure.locator('.recharts-line-curve').getAttribute('stroke-dasharray')).toBe('2 3');
    const accuracy = node.curves[0]!.accuracy;
    const points = EPSILONS.map((eps, i) => `${Math.round(accuracy[i]! * 100)}% at ${Math.round(eps * 255 * 100) / 100}/255`).join(', ');
    expect(await figure.locator('figcaption').textContent()).toBe(`Standard CNN · AutoAttack: ${points}.`);
    accuracy.slice(1).forEach((a, i) => expect(a).toBeLessThanOrEqual(accuracy[i]!));
    expect(accuracy[0]).toBeGreaterThan(0.8);
    expect(accuracy.at(-1)).toBe(0);
  });
});
