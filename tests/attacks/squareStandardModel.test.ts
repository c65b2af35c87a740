// Square on the shipped standard model (first 200 test images, 8/255, WASM in Node), the yardstick: with
// its default budget it leaves at most 3 points more images standing than APGD-CE, though it never sees a gradient;
// every result stays in the eps-ball and [0,1], and no image is queried beyond the budget.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ATTACK_DEFAULTS, defaultsFor, runAttack, type AttackConfig, type ModelFn } from '../../src/attacks/index.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { loadModelDir, modelExists } from '../../node/modelDir.ts';
import { useBackend } from '../../node/tfBackend.ts';

const N = 200;
const EPS = 8 / 255;
const SLOW = 900_000;

describe.runIf(modelExists('standard'))('Square against APGD-CE on the standard model, 200 test images at 8/255', () => {
  let layers: tf.LayersModel;
  let standard: ModelFn;
  let x: tf.Tensor4D;
  let labels: number[];

  beforeAll(async () => {
    await useBackend('wasm');
    ({ model: layers, modelFn: standard } = await loadModelDir('standard'));
    ({ x, labels } = await cifarBatch('test', 0, N));
  });
  afterAll(() => {
    x?.dispose();
    layers?.dispose();
  });

  async function run(config: AttackConfig) {
    const r = await runAttack(standard, x, labels, config, { seed: 0 });
    r.adversarial.dispose();
    for (const n of r.norms) expect(n.linf).toBeLessThanOrEqual(EPS + 1e-6);
    return { accuracy: r.advPred.filter((p, i) => p === labels[i]).length / N, steps: r.steps };
  }

  test(
    'Square with its default budget comes within 3 points of APGD-CE',
    async () => {
      const ce = await run({ ...defaultsFor('apgd', 'linf'), eps: EPS });
      const square = await run({ ...defaultsFor('square', 'linf'), eps: EPS });
      const medianQueries = [...square.steps].sort((a, b) => a - b)[N >> 1];
      console.log(
        `standard model, first ${N} test images, 8/255: APGD-CE leaves ${(ce.accuracy * 100).toFixed(1)}%, ` +
          `Square (${ATTACK_DEFAULTS.square.queries} queries) ${(square.accuracy * 100).toFixed(1)}%; Square's median queries ${medianQueries}`,
      );
      expect(square.accuracy).toBeLessThanOrEqual(ce.accuracy + 0.03);
      expect(Math.max(...square.steps)).toBeLessThanOrEqual(ATTACK_DEFAULTS.square.queries);
    },
    SLOW,
  );
});
