// Auto-PGD's parts on toy inputs: the checkpoints, when a checkpoint halves the step, the momentum move, the DLR
// loss; then whole runs on hand-weighted linear models, where the answer is known, and no tensor left behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { apgdAimedObjective, apgdObjective } from '../../src/attacks/apgdLosses.ts';
import { apgdCheckpoints, apgdHalves, apgdMove } from '../../src/attacks/apgdStep.ts';
import { APGD_T_CLASSES } from '../../src/attacks/apgdAims.ts';
import { defaultsFor, runAttack, type ApgdConfig } from '../../src/attacks/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { binaryAffine, linearModel } from './helpers/models.ts';

beforeAll(async () => {
  await useBackend('cpu');
});

const apgd = (over: Partial<ApgdConfig> = {}): ApgdConfig => ({ ...(defaultsFor('apgd') as ApgdConfig), ...over });
const values = async (t: tf.Tensor) => {
  const v = Array.from(await t.data());
  t.dispose();
  return v;
};

describe('checkpoints', () => {
  it('first after 22% of the steps, then 3% of them sooner each time, never closer than 6%', () => {
    expect(apgdCheckpoints(100)).toEqual([22, 41, 57, 70, 80, 87, 93, 99]);
    const w = apgdCheckpoints(1000);
    const gaps = w.map((v, i) => v - (i > 0 ? w[i - 1]! : 0));
    expect(gaps[0]).toBe(220);
    expect(gaps[1]).toBe(190);
    expect(Math.min(...gaps)).toBe(60);
    expect(w.at(-1)!).toBeLessThanOrEqual(1000);
  });

  it('a short run still checks (every step at worst)', () => {
    expect(apgdCheckpoints(3)).toEqual([1, 2, 3]);
    expect(apgdCheckpoints(0)).toEqual([]);
  });
});

describe('a checkpoint', () => {
  const halves = (rises: number[], halvedLast: number[], checkedBest: number[], bestLoss: number[]) =>
    values(
      tf.tidy(() =>
        tf.cast(
          apgdHalves({
            rises: tf.tensor1d(rises),
            steps: 10,
            halvedLast: tf.tensor1d(halvedLast),
            checkedBest: tf.tensor1d(checkedBest),
            bestLoss: tf.tensor1d(bestLoss),
          }),
          'float32',
        ),
      ),
    );

  it('halves where the loss rose at no more than 75% of the steps since the last', async () => {
    // 7.5 of 10 is the line: 7 rises halve, 8 do not.
    expect(await halves([7, 8, 10, 0], [1, 1, 1, 1], [0, 0, 0, 0], [1, 1, 1, 1])).toEqual([1, 0, 0, 1]);
  });

  it('halves where the step was kept last time and the best loss has not improved since', async () => {
    expect(await halves([9, 9, 9], [0, 0, 1], [2, 1, 2], [2, 2, 2])).toEqual([1, 0, 0]);
  });
});

describe('a move', () => {
  const x = () => tf.fill([1, 1, 1, 4], 0.5) as tf.Tensor4D;

  it('the first is a projected step of eta along the gradient sign (L-infinity)', async () => {
    const next = tf.tidy(() =>
      apgdMove({
        cur: x(),
        prev: x(),
        grad: tf.tensor4d([1, -2, 0.1, -0.1], [1, 1, 1, 4]),
        eta: tf.tensor1d([0.1]),
        x: x(),
        eps: 0.3,
        norm: 'linf',
        first: true,
      }),
    );
    expect((await values(next)).map((v) => +v.toFixed(6))).toEqual([0.6, 0.4, 0.6, 0.4]);
  });

  it('later ones keep a quarter of the last move (momentum 0.75) and stay in the ball', async () => {
    const next = tf.tidy(() => {
      const cur = tf.tensor4d([0.6, 0.5, 0.5, 0.5], [1, 1, 1, 4]);
      const prev = tf.tensor4d([0.5, 0.5, 0.5, 0.3], [1, 1, 1, 4]);
      return apgdMove({
        cur,
        prev,
        grad: tf.tensor4d([1, 1, -1, 1], [1, 1, 1, 4]),
        eta: tf.tensor1d([0.05]),
        x: x(),
        eps: 0.15,
        norm: 'linf',
        first: false,
      });
    });
    // z = P(cur + 0.05 sign g) = [0.65, 0.55, 0.45, 0.55]; cur + 0.75 (z - cur) + 0.25 (cur - prev), then P.
    const expected = [
      Math.min(0.65, 0.6 + 0.75 * 0.05 + 0.25 * 0.1),
      0.5 + 0.75 * 0.05,
      0.5 - 0.75 * 0.05,
      Math.min(0.65, 0.5 + 0.75 * 0.05 + 0.25 * 0.2),
    ];
    (await values(next)).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });

  it('in L2 the step has length eta before projection onto the ball', async () => {
    const next = tf.tidy(() =>
      apgdMove({
        cur: x(),
        prev: x(),
        grad: tf.tensor4d([3, 4, 0, 0], [1, 1, 1, 4]),
        eta: tf.tensor1d([0.1]),
        x: x(),
        eps: 1,
        norm: 'l2',
        first: true,
      }),
    );
    (await values(next)).forEach((v, i) => expect(v).toBeCloseTo([0.56, 0.58, 0.5, 0.5][i]!, 6));
  });
});

describe('the DLR loss', () => {
  it('is the margin over the spread of the top logits, so it ignores the logit scale', async () => {
    const z = [[5, 3, 1, 0, -1]];
    const [u] = await values(tf.tidy(() => apgdObjective('dlr', tf.tensor2d(z), tf.tensor1d([0], 'int32'), false)));
    expect(u).toBeCloseTo(-(5 - 3) / (5 - 1), 6);
    const [scaled] = await values(tf.tidy(() => apgdObjective('dlr', tf.mul(tf.tensor2d(z), 100) as tf.Tensor2D, tf.tensor1d([0], 'int32'), false)));
    expect(scaled).toBeCloseTo(u!, 6);
    // Targeted at class 3: -(best other - z_t) / (z_(1) - (z_(3) + z_(4)) / 2).
    const [t] = await values(tf.tidy(() => apgdObjective('dlr', tf.tensor2d(z), tf.tensor1d([3], 'int32'), true)));
    expect(t).toBeCloseTo(-(5 - 0) / (5 - (1 + 0) / 2), 6);
  });

  it("APGD-T's: how far the aim's logit has come up to the label's, over the same spread, scale-free", async () => {
    const z = [[5, 3, 1, 0, -1]];
    const aimed = (k: number) =>
      values(tf.tidy(() => apgdAimedObjective(tf.mul(tf.tensor2d(z), k) as tf.Tensor2D, tf.tensor1d([1], 'int32'), tf.tensor1d([3], 'int32'))));
    const [a] = await aimed(1);
    // Label 1, aim 3: -(z_1 - z_3) / (z_(1) - (z_(3) + z_(4)) / 2).
    expect(a).toBeCloseTo(-(3 - 0) / (5 - (1 + 0) / 2), 6);
    expect((await aimed(50))[0]).toBeCloseTo(a!, 6);
  });
});

describe('APGD-T (loss dlr-t)', () => {
  // Label 0 (logit 1). The runner-up, class 1 (0.9), rises with every pixel but cannot pass 1 within eps 0.1; class 2
  // (0.5) passes it at the corner (+,-,+,-) only. Untargeted DLR follows the runner-up and fails; aiming at each of
  // the top classes in turn finds class 2.
  const toy = () =>
    linearModel(
      [
        [0, 0, 0, 0],
        [0.2, 0.2, 0.2, 0.2],
        [2, -2, 2, -2],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
      [1, 0.5, 0.5, 0, -1],
    );

  it('aims at the top other classes in turn, where untargeted DLR is led astray', async () => {
    const m = toy();
    const x = tf.fill([1, 1, 1, 4], 0.5) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const dlr = await runAttack(m.model, x, [0], apgd({ eps: 0.1, steps: 20, loss: 'dlr' }), { seed: 1 });
    dlr.adversarial.dispose();
    expect(dlr.success).toEqual([false]);
    const t = await runAttack(m.model, x, [0], apgd({ eps: 0.1, steps: 20, loss: 'dlr-t' }), { seed: 1 });
    const adv = await values(t.adversarial);
    expect(t.success).toEqual([true]);
    expect(t.advPred).toEqual([2]);
    adv.forEach((v, i) => expect(v).toBeCloseTo(0.5 + 0.1 * [1, -1, 1, -1][i]!, 5));
    // The runner-up first, for all its 20 steps; then class 2, fooled within a few.
    expect(t.steps[0]).toBeGreaterThan(20);
    expect(t.steps[0]).toBeLessThan(40);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    m.dispose();
  });

  it(`an image nothing fools takes every step for each of its ${APGD_T_CLASSES} aims and restarts`, async () => {
    const m = toy();
    const x = tf.fill([1, 1, 1, 4], 0.5) as tf.Tensor4D;
    const r = await runAttack(m.model, x, [0], apgd({ eps: 0.02, steps: 10, loss: 'dlr-t', restarts: 2 }), { seed: 1 });
    r.adversarial.dispose();
    expect(r.success).toEqual([false]);
    expect(r.steps).toEqual([APGD_T_CLASSES * 2 * 10]);
    x.dispose();
    m.dispose();
  });

  it('with a goal given, aims at that goal alone', async () => {
    const m = toy();
    const x = tf.fill([1, 1, 1, 4], 0.5) as tf.Tensor4D;
    const r = await runAttack(m.model, x, [0], apgd({ eps: 0.1, steps: 20, loss: 'dlr-t' }), { seed: 1, target: [2] });
    r.adversarial.dispose();
    expect(r.advPred).toEqual([2]);
    expect(r.steps[0]).toBeLessThan(20);
    x.dispose();
    m.dispose();
  });
});

describe('a run', () => {
  it('finds the corner a linear model is weakest at, inside the ball, and stops there', async () => {
    // f = w.x + c: the label (class 0) holds while f < 0; the worst point in the ball is x + eps sign(w).
    const w = [1, -1, 0.5, -0.5];
    const toy = binaryAffine(w, -0.35);
    const x = tf.fill([1, 1, 1, 4], 0.5) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const r = await runAttack(toy.model, x, [0], apgd({ eps: 0.1, steps: 20 }), { seed: 3 });
    const adv = await values(r.adversarial);
    expect(tf.memory().numTensors).toBe(before);
    // f at the corner: 0.1 * 3 - 0.35 < 0: nothing in the ball fools it; the attack reaches the corner anyway.
    expect(r.success).toEqual([false]);
    adv.forEach((v, i) => expect(v).toBeCloseTo(0.5 + 0.1 * Math.sign(w[i]!), 5));
    expect(r.steps).toEqual([20]);

    // With a larger ball the corner fools it, and the attack stops as soon as a point does.
    const fooled = await runAttack(toy.model, x, [0], apgd({ eps: 0.2, steps: 20 }), { seed: 3 });
    fooled.adversarial.dispose();
    expect(fooled.success).toEqual([true]);
    expect(fooled.steps[0]).toBeLessThan(20);
    expect(fooled.norms[0]!.linf).toBeLessThanOrEqual(0.2 + 1e-6);
    x.dispose();
    toy.dispose();
    expect(tf.memory().numTensors).toBe(before - 3);
  });

  it('targeted, with either loss, reaches the target', async () => {
    // Four classes: the image is class 0 (logits 0.5, 0.4, -0.4, 0); the target, 2, is reached by raising x3 and x4.
    const toy = linearModel(
      [
        [0, 0, 0, 0],
        [2, 2, 0, 0],
        [0, 0, 3, 3],
        [0, 0, 0, 0],
      ],
      [0.5, 0, -1, 0],
    );
    const x = tf.fill([1, 1, 1, 4], 0.1) as tf.Tensor4D;
    for (const loss of ['ce', 'dlr'] as const) {
      const r = await runAttack(toy.model, x, [0], apgd({ eps: 0.3, steps: 30, loss }), { seed: 1, target: [2] });
      r.adversarial.dispose();
      expect(r.advPred, loss).toEqual([2]);
    }
    x.dispose();
    toy.dispose();
  });

  it('restarts only the images still standing', async () => {
    const toy = binaryAffine([1, 1, 1, 1], -0.3);
    const x = tf.tensor4d([0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0], [2, 1, 1, 4]);
    // Image 0 falls at once (f = 2 - 0.3 > 0 already); image 1 cannot fall within eps 0.05 (f <= 0.2 - 0.3).
    const r = await runAttack(toy.model, x, [0, 0], apgd({ eps: 0.05, steps: 10, restarts: 3 }), { seed: 2 });
    r.adversarial.dispose();
    expect(r.success).toEqual([true, false]);
    expect(r.steps).toEqual([1, 30]);
    x.dispose();
    toy.dispose();
  });
});
