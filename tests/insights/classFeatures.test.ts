// The class-features preset does what its button says on the shipped robust model: a non-horse image ends up
// classified as a horse, with a perturbation far larger than the lab's default attacks make.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAttack, type ModelFn } from '../../src/attacks/index.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { loadModelDir, modelExists } from '../../node/modelDir.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { PRESETS } from '../../src/state/presets.ts';
import { EPS } from '../../src/attacks/parameters.ts';
import { CLASS_NAMES } from '../../src/data/cifar10.ts';

const preset = PRESETS.find((p) => p.id === 'class-features')!;
/** Minutes when the two cores are shared with other work. */
const SLOW = 900_000;

describe.runIf(modelExists('robust'))('class features preset on the robust model', () => {
  let layers: tf.LayersModel;
  let robust: ModelFn;
  let x: tf.Tensor4D;
  let labels: number[];

  beforeAll(async () => {
    await useBackend('wasm');
    ({ model: layers, modelFn: robust } = await loadModelDir(preset.state.model));
    // The gallery's first images that are not horses already.
    const batch = await cifarBatch('test', 0, 8);
    const keep = batch.labels
      .map((l, i) => [l, i] as const)
      .filter(([l]) => l !== preset.state.target)
      .slice(0, 4)
      .map(([, i]) => i);
    x = tf.tidy(() => tf.gather(batch.x, keep) as tf.Tensor4D);
    labels = keep.map((i) => batch.labels[i]!);
    batch.x.dispose();
  });
  afterAll(() => {
    x?.dispose();
    layers?.dispose();
  });

  test('sets a targeted L2 PGD on the robust model, aimed at horse', () => {
    expect(preset.state.model).toBe('robust');
    expect(preset.state.config).toMatchObject({ kind: 'pgd', norm: 'l2' });
    // Large, and still on the slider (a link carries it unclamped).
    expect(preset.state.config.eps).toBeGreaterThanOrEqual(2);
    expect(preset.state.config.eps).toBeLessThanOrEqual(EPS.l2.max);
    expect(CLASS_NAMES[preset.state.target]).toBe('horse');
  });

  test(
    'ends classified as a horse with a large perturbation',
    async () => {
      const tensorsBefore = tf.memory().numTensors;
      const r = await runAttack(robust, x, labels, preset.state.config, { target: labels.map(() => preset.state.target), seed: 0 });
      r.adversarial.dispose();
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      expect(r.advPred).toEqual(labels.map(() => preset.state.target));
      for (const n of r.norms) {
        // Large: well beyond the lab's default L2 budget (0.5) and its default L-infinity budget (8/255).
        expect(n.l2).toBeGreaterThan(1);
        expect(n.linf).toBeGreaterThan(16 / 255);
        expect(n.l2).toBeLessThanOrEqual(preset.state.config.eps + 1e-4);
      }
    },
    SLOW,
  );
});
