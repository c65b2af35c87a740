// The FGSM direction for the live epsilon slider, and 8-bit quantisation.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyDirection, fgsmDirection, predictAlong, runAttack, survivesQuantization } from '../../src/attacks/index.ts';
import { quantize } from '../../src/lib/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { predict, rng, uniformArray, type TestModel } from './helpers/models.ts';
import { randomConvModel } from './helpers/randomModel.ts';

const SHAPE: [number, number, number] = [4, 4, 3];
let net: TestModel;
let x: tf.Tensor4D;
let labels: number[];

beforeAll(async () => {
  await useBackend('wasm');
  net = randomConvModel(SHAPE, 4, 17);
  x = tf.tensor4d(uniformArray(rng(2), 4 * 48, 0, 1), [4, ...SHAPE]);
  labels = await predict(net.model, x);
});
afterAll(() => {
  net.dispose();
  x.dispose();
});

describe.each([
  ['linf', false],
  ['l2', false],
  ['linf', true],
  ['l2', true],
] as const)('%s targeted=%s', (norm, targeted) => {
  test('x + eps * direction is FGSM at every eps, from one gradient', async () => {
    const target = targeted ? labels.map((l) => (l + 1) % 4) : undefined;
    const before = tf.memory().numTensors;
    const dir = await fgsmDirection(net.model, x, labels, { norm, target });
    expect(dir.cleanPred).toEqual(labels);
    const d = await dir.direction.data();
    if (norm === 'linf') for (const v of d) expect([-1, 0, 1]).toContain(v);
    for (const eps of norm === 'linf' ? [1 / 255, 4 / 255, 8 / 255, 0.1] : [0.1, 0.5, 1.5]) {
      const along = applyDirection(x, dir.direction, eps);
      const res = await runAttack(net.model, x, labels, { kind: 'fgsm', norm, eps }, { target });
      const [a, b] = [await along.data(), await res.adversarial.data()];
      for (let i = 0; i < a.length; i++) expect(a[i]!).toBeCloseTo(b[i]!, 6);
      const p = await predictAlong(net.model, x, dir.direction, eps);
      expect(p.pred).toEqual(res.advPred);
      p.probs.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo(res.advProbs[i]![k]!, 5)));
      along.dispose();
      res.adversarial.dispose();
    }
    dir.direction.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

test('fgsmDirection validates its inputs', async () => {
  await expect(fgsmDirection(net.model, x, labels, { norm: 'l1' as 'l2' })).rejects.toThrow(/^norm: /);
  await expect(fgsmDirection(net.model, x, labels, { norm: 'linf', target: labels })).rejects.toThrow(/equals the label/);
});

describe('quantisation', () => {
  test('round(255 x) / 255', async () => {
    const t = tf.tensor4d([0, 0.001, 0.5 / 255 + 1e-4, 0.9999], [1, 1, 1, 4]);
    const q = quantize(t);
    const got = Array.from(await q.data());
    [0, 0, 1 / 255, 1].forEach((v, i) => expect(got[i]!).toBeCloseTo(v, 7));
    t.dispose();
    q.dispose();
  });

  test('an example that only just crosses the boundary may not survive; a clean one keeps its class', async () => {
    const res = await runAttack(net.model, x, labels, { kind: 'deepfool', norm: 'l2', steps: 50, overshoot: 0, candidates: 4 });
    const survives = await survivesQuantization(net.model, res.adversarial, labels);
    expect(survives).toHaveLength(4);
    const qx = quantize(res.adversarial);
    const pred = await predict(net.model, qx);
    survives.forEach((s, i) => expect(s).toBe(pred[i] !== labels[i]));
    expect(await survivesQuantization(net.model, x, labels)).toEqual(labels.map(() => false));
    qx.dispose();
    res.adversarial.dispose();
  });
});
