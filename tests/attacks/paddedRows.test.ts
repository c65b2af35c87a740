// The WebGL path of the active-row attacks: rows padded to a power of two. tfjs reports 'webgl' here so
// activeRows pads; the arithmetic still runs on the CPU backend. Padding must not change any result.
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { activeRows } from '../../src/attacks/activeRows.ts';
import type { AttackConfig } from '../../src/attacks/index.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { dot, expectBatchMatchesAlone, linearModel, rng, uniformArray } from './helpers/models.ts';

vi.mock('@tensorflow/tfjs', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@tensorflow/tfjs')>()),
  getBackend: () => 'webgl',
}));

const SHAPE: [number, number, number] = [2, 2, 3];
const D = 12;

beforeAll(() => useBackend('cpu'));

describe('padded rows (WebGL)', () => {
  test('activeRows pads when the backend is WebGL', () => {
    expect(activeRows([true, true, true, false, false]).rows).toEqual([0, 1, 2, 0]);
  });

  test.each<[string, AttackConfig]>([
    ['C&W', { kind: 'cw', steps: 60, binarySearchSteps: 3, initialConst: 0.1, confidence: 0, learningRate: 0.01, abortEarly: true }],
    ['DeepFool', { kind: 'deepfool', norm: 'l2', steps: 50, overshoot: 0.02, candidates: 3 }],
  ])('%s: each image of a padded batch gets what it gets alone, and no tensor leaks', async (_, config) => {
    const r = rng(31);
    const W = Array.from({ length: 3 }, () => uniformArray(r, D, -1, 1));
    const { model, dispose } = linearModel(W, [0, 0, 0]);
    const xs = Array.from({ length: 5 }, () => uniformArray(r, D, 0.2, 0.8));
    const labels = xs.map((xi) => {
      const z = W.map((w) => dot(w, xi));
      return z.indexOf(Math.max(...z));
    });
    await expectBatchMatchesAlone(model, xs, labels, config, SHAPE);
    dispose();
  });
});
