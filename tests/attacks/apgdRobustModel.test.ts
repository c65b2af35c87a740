// APGD on the shipped robust model (first 64 test images, 8/255, WASM in Node): with either loss it leaves at most
// as many images standing as PGD-20 with 5 restarts, the yardstick the model card quotes, and every result stays
// in the eps-ball and in [0,1].
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultsFor, pgdEvaluation, runAttack, type ApgdConfig, type AttackConfig, type ModelFn } from '../../src/attacks/index.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { loadModelDir, modelExists } from '../../node/modelDir.ts';
import { useBackend } from '../../node/tfBackend.ts';

const N = 64;
const EPS = 8 / 255;
/** Minutes when the two cores are shared with other work. */
const SLOW = 900_000;

describe.runIf(modelExists('robust'))('APGD on the robust model, 64 test images at 8/255', () => {
  let layers: tf.LayersModel;
  let robust: ModelFn;
  let x: tf.Tensor4D;
  let labels: number[];
  const standing: Record<string, number> = {};

  beforeAll(async () => {
    await useBackend('wasm');
    ({ model: layers, modelFn: robust } = await loadModelDir('robust'));
    ({ x, labels } = await cifarBatch('test', 0, N));
  });
  afterAll(() => {
    x?.dispose();
    layers?.dispose();
  });

  /** Images still classified right after the attack; checks the budget on the way. */
  async function survivors(config: AttackConfig): Promise<number> {
    const before = tf.memory().numTensors;
    const r = await runAttack(robust, x, labels, config, { seed: 0 });
    r.adversarial.dispose();
    expect(tf.memory().numTensors).toBe(before);
    for (const n of r.norms) expect(n.linf).toBeLessThanOrEqual(EPS + 1e-6);
    return r.advPred.filter((p, i) => p === labels[i]).length;
  }

  test(
    'PGD-20 with 5 restarts, the yardstick',
    async () => {
      standing.pgd = await survivors(pgdEvaluation(EPS, { steps: 20, restarts: 5, stepSize: 2 / 255 }));
      // A robust model: some images stand, not all.
      expect(standing.pgd).toBeGreaterThan(N / 8);
      expect(standing.pgd).toBeLessThan(N);
    },
    SLOW,
  );

  for (const loss of ['ce', 'dlr'] as const) {
    test(
      `APGD-${loss.toUpperCase()} leaves no more standing`,
      async () => {
        const config: ApgdConfig = { ...(defaultsFor('apgd') as ApgdConfig), eps: EPS, loss };
        standing[loss] = await survivors(config);
        expect(standing.pgd).toBeDefined();
        expect(standing[loss]).toBeLessThanOrEqual(standing.pgd!);
        if (process.env.ATTACK_FIGURES) console.log(`robust, ${N} images at 8/255: PGD-20x5 leaves ${standing.pgd}, APGD-${loss} ${standing[loss]}`);
      },
      SLOW,
    );
  }
});
