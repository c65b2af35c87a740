// Square Attack on toy models: its window schedule, that every result stays in the eps-ball and [0,1], that an image
// it cannot fool is queried exactly its budget (and a fooled one fewer, an already-wrong one never), that seeded runs
// repeat, targeted runs, and no tensor is left behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { squareShare, squareSide } from '../../src/attacks/square.ts';
import { defaultsFor, runAttack, type ModelFn, type Norm, type SquareConfig } from '../../src/attacks/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { linearModel, rng, uniformArray } from './helpers/models.ts';

beforeAll(async () => {
  await useBackend('cpu');
});

const square = (over: Partial<SquareConfig> = {}, norm: Norm = 'linf'): SquareConfig => ({
  ...(defaultsFor('square', norm) as SquareConfig),
  ...over,
});
const SHAPE = [6, 6, 3] as const;
const D = 6 * 6 * 3;

/** Class 1 rises with every pixel: it needs the sum of the pixels to rise by `needed` to pass class 0. */
function risingModel(needed: number): ModelFn {
  return (x) =>
    tf.tidy(() => {
      const rise = tf.sub(tf.sum(tf.reshape(x, [x.shape[0], D]), 1), D * 0.5);
      const n = x.shape[0];
      return tf.stack([tf.zeros([n]), tf.sub(rise, needed), tf.fill([n], -5)], 1) as tf.Tensor2D;
    });
}

describe('the schedule', () => {
  it("halves the window share at AutoAttack's thresholds of the budget", () => {
    expect(squareShare(0.8, 0, 10000)).toBe(0.8);
    expect(squareShare(0.8, 10, 10000)).toBe(0.8);
    expect(squareShare(0.8, 11, 10000)).toBe(0.4);
    expect(squareShare(0.8, 51, 10000)).toBe(0.2);
    expect(squareShare(0.8, 8001, 10000)).toBeCloseTo(0.8 / 512, 12);
    // The same shares of a smaller budget: query 2 of 1,000 is 20 ten-thousandths, query 6 is 60.
    expect(squareShare(0.8, 2, 1000)).toBe(0.4);
    expect(squareShare(0.8, 6, 1000)).toBe(0.2);
  });

  it('a side of round(sqrt(p h w)), at least 1 and under the image side', () => {
    expect(squareSide(0.8, 32, 32)).toBe(29);
    expect(squareSide(1, 32, 32)).toBe(31);
    expect(squareSide(0.05, 32, 32)).toBe(7);
    expect(squareSide(0.0001, 32, 32)).toBe(1);
  });
});

describe('a run', () => {
  for (const norm of ['linf', 'l2'] as const) {
    it(`${norm}: stays in the eps-ball and [0,1], pixels at the edges of [0,1] included`, async () => {
      const eps = norm === 'linf' ? 8 / 255 : 0.5;
      const x = tf.tensor4d(
        uniformArray(rng(7), 4 * D, 0, 1).map((v, i) => (i % 5 === 0 ? 0 : i % 7 === 0 ? 1 : v)),
        [4, ...SHAPE],
      );
      const m = linearModel([Array.from({ length: D }, (_, i) => Math.sin(i)), Array.from({ length: D }, (_, i) => Math.cos(i))], [0, 0]);
      const labels = Array.from(await tf.tidy(() => tf.argMax(m.model(x), 1)).data());
      const r = await runAttack(m.model, x, labels, square({ eps, queries: 60 }, norm), { seed: 4 });
      const delta = tf.sub(r.adversarial, x);
      const [lo, hi] = [(await tf.min(r.adversarial).data())[0]!, (await tf.max(r.adversarial).data())[0]!];
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
      for (const nrm of r.norms) expect(norm === 'linf' ? nrm.linf : nrm.l2).toBeLessThanOrEqual(eps + 1e-5);
      delta.dispose();
      r.adversarial.dispose();
      x.dispose();
      m.dispose();
    });
  }

  it('queries an image it cannot fool exactly its budget, a fooled one fewer, an already-wrong one never', async () => {
    const model = risingModel(8 * (8 / 255)); // needs a mean rise of 8/255 over 108 values: a third of the corner
    const x = tf.fill([3, ...SHAPE], 0.5) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    // Image 0: eps 8/255 can reach it. Image 2's label (1) is already wrong... the model says 0 at x.
    const r = await runAttack(model, x, [0, 0, 1], square({ queries: 300 }), { seed: 1 });
    expect(r.success[0]).toBe(true);
    expect(r.steps[0]).toBeLessThan(300);
    expect(r.steps[2]).toBe(0);
    r.adversarial.dispose();
    // Needing more than the whole corner gives (108 x 8/255): never fooled, every query spent.
    const hard = risingModel(200 * (8 / 255));
    const h = await runAttack(hard, x, [0, 0, 0], square({ queries: 137 }), { seed: 1 });
    expect(h.success).toEqual([false, false, false]);
    expect(h.steps).toEqual([137, 137, 137]);
    // Every query it kept lowered the margin: it ends at the corner the model is weakest at, or near it.
    expect(h.norms[0]!.linf).toBeCloseTo(8 / 255, 5);
    h.adversarial.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('repeats exactly with a seed, and differs with another', async () => {
    const model = risingModel(200 * (8 / 255));
    const x = tf.fill([1, ...SHAPE], 0.5) as tf.Tensor4D;
    const run = async (seed: number) => {
      const r = await runAttack(model, x, [0], square({ queries: 40 }), { seed });
      const v = Array.from(await r.adversarial.data());
      r.adversarial.dispose();
      return v;
    };
    const a = await run(3);
    expect(await run(3)).toEqual(a);
    expect(await run(4)).not.toEqual(a);
    x.dispose();
  });

  it('targeted, it lowers the cross-entropy of the target until the model says it', async () => {
    // Class 2 rises with the first channel and falls with the others; the model says 0 at x.
    const W = [new Array(D).fill(0), new Array(D).fill(0), Array.from({ length: D }, (_, i) => (i % 3 === 0 ? 1 : -1))];
    const m = linearModel(W, [0.5, -1, -0.5 + 0.5 * (D / 3)]);
    const x = tf.fill([1, ...SHAPE], 0.5) as tf.Tensor4D;
    const r = await runAttack(m.model, x, [0], square({ queries: 400 }), { seed: 2, target: [2] });
    expect(r.advPred).toEqual([2]);
    r.adversarial.dispose();
    x.dispose();
    m.dispose();
  });

  it('eps 0 returns x and spends nothing', async () => {
    const x = tf.fill([1, ...SHAPE], 0.5) as tf.Tensor4D;
    const r = await runAttack(risingModel(1), x, [0], square({ eps: 0 }), { seed: 1 });
    expect(Array.from(await r.adversarial.data())).toEqual(Array.from(await x.data()));
    expect(r.steps).toEqual([0]);
    r.adversarial.dispose();
    x.dispose();
  });
});
