// The reliable figure on toy models where each stage's answer is known: a linear model that gradients break at
// once, and the same model behind a rounding step that hides its gradient (zero almost everywhere), which only the
// gradient-free Square gets through. Then the bookkeeping: stages run on what is left, figures only fall, wrongly
// classified images are never attacked, nothing leaks, Cancel stops it.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelFn } from '../../src/attacks/index.ts';
import { reliableFigure, reliableStages, robustnessCurve, type FigureRow } from '../../src/evaluation/index.ts';
import { useBackend } from '../../node/tfBackend.ts';

beforeAll(async () => {
  await useBackend('cpu');
});

const EPS = 8 / 255;
const SHAPE = [4, 4, 3] as const;
const D = 4 * 4 * 3;
const X0 = 128 / 255;

/**
 * Class 1's logit is the sum of the pixels' rise over 128/255 minus 30 eps: only the corner where every pixel
 * rises by eps (48 eps in all) passes class 0's logit 0; a random start in the ball (spread about 4 eps) does not.
 * `masked`: the pixels are rounded to 8 bits first, exact at 128/255 +- 8/255, with a zero gradient.
 */
function toy(masked: boolean): ModelFn {
  return (x) =>
    tf.tidy(() => {
      const seen = masked ? tf.div(tf.round(tf.mul(x, 255)), 255) : x;
      const rise = tf.sub(tf.sum(tf.reshape(seen, [x.shape[0], D]), 1), D * X0);
      const n = x.shape[0];
      return tf.stack([tf.zeros([n]), tf.sub(rise, 30 * EPS), tf.fill([n], -1), tf.fill([n], -2)], 1) as tf.Tensor2D;
    });
}

const images = (n: number) => tf.fill([n, ...SHAPE], X0) as tf.Tensor4D;

describe('the reliable figure', () => {
  it('on a model gradients break, APGD-CE takes every image and the later stages have nothing left', async () => {
    const x = images(3);
    const before = tf.memory().numTensors;
    const seen: FigureRow[] = [];
    const r = await reliableFigure(toy(false), x, [0, 0, 0], { onRow: (f) => seen.push(f) });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.clean).toBe(1);
    expect(r.stages.map((s) => [s.label, s.accuracy, s.attacked])).toEqual([
      ['APGD-CE', 0, 3],
      ['APGD-T', 0, 0],
      ['Square', 0, 0],
    ]);
    expect(r.accuracy).toBe(0);
    expect(seen.map((f) => f.label)).toEqual(['clean', 'PGD-20', 'APGD-CE', 'APGD-T', 'Square']);
    x.dispose();
  });

  it('behind a rounding step with no gradient, PGD and both APGDs fail and Square gets through', async () => {
    const x = images(2);
    const r = await reliableFigure(toy(true), x, [0, 0]);
    expect(r.clean).toBe(1);
    expect(r.pgd20).toBe(1);
    expect(r.stages.map((s) => [s.label, s.accuracy, s.attacked])).toEqual([
      ['APGD-CE', 1, 2],
      ['APGD-T', 1, 2],
      ['Square', 0, 2],
    ]);
    expect(r.correct).toEqual([false, false]);
    x.dispose();
  });

  it('never attacks an image the model already gets wrong, and reports the stages in order with their budgets', async () => {
    const x = images(3);
    // Label 2 is wrong from the start: clean 2/3, and only two images reach the attacks.
    const r = await reliableFigure(toy(true), x, [0, 2, 0]);
    expect(r.clean).toBeCloseTo(2 / 3, 10);
    expect(r.stages[0]!.attacked).toBe(2);
    expect(r.correct[1]).toBe(false);
    const stages = reliableStages(EPS);
    expect(stages.map((s) => s.label)).toEqual(['APGD-CE', 'APGD-T', 'Square']);
    expect(stages.map((s) => s.budget)).toEqual(['100 steps', '100 steps at each of the top 3 other classes', '1,000 queries']);
    x.dispose();
  });

  it('stops when cancelled', async () => {
    const x = images(2);
    const controller = new AbortController();
    const run = reliableFigure(toy(true), x, [0, 0], { signal: controller.signal, onProgress: (p) => p.running === 'APGD-CE' && controller.abort() });
    await expect(run).rejects.toThrow();
    x.dispose();
  });
});

describe('the robustness curve with AutoAttack', () => {
  it("behind the rounding, PGD says robust at every eps; AutoAttack falls to zero once eps reaches the toy's 5/255, and only falls", async () => {
    // The toy's class 1 needs a rise of 30 x 8/255 over 48 pixels: any eps above 5/255 can reach it, none below.
    const x = images(2);
    const data = { x, labels: [0, 0] };
    const epsilons = [0, 4 / 255, 8 / 255, 12 / 255];
    const before = tf.memory().numTensors;
    const fractions: number[] = [];
    const auto = await robustnessCurve([{ name: 'masked', model: toy(true) }], data, {
      attack: 'autoattack',
      epsilons,
      onProgress: (p) => fractions.push(p.fraction),
    });
    const pgd = await robustnessCurve([{ name: 'masked', model: toy(true) }], data, { attack: 'pgd', epsilons, steps: 10 });
    expect(tf.memory().numTensors).toBe(before);
    expect(auto.attack).toBe('autoattack');
    expect(auto.curves[0]!.accuracy).toEqual([1, 1, 0, 0]);
    expect(auto.curves[0]!.rawAccuracy).toEqual(auto.curves[0]!.accuracy);
    expect(pgd.curves[0]!.accuracy).toEqual([1, 1, 1, 1]);
    expect(fractions).toEqual([0.25, 0.5, 0.75, 1]);
    x.dispose();
  });
});
