// The attacks on the shipped standard model, on 100 fixed CIFAR-10 test images (0..99).
// Runs only when models/standard exists. Attacks run on a lean copy of the model's function (BatchNorm folded,
// unfused ops), checked here to compute the same logits and the same FGSM as the shipped ModelFn.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ATTACK_DEFAULTS, runAttack, type AttackResult, type ModelFn } from '../../src/attacks/index.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { loadModelDir, modelExists } from '../../node/modelDir.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { foldInference, type FoldedModel } from '../../src/model/foldedModel.ts';
import { median } from '../../src/bench/measure.ts';

const N = 100;
/** Timeout of the attack tests: minutes when the two cores are shared with other work. */
const SLOW = 900_000;

describe.runIf(modelExists('standard'))('standard model, 100 test images', () => {
  let shipped: ModelFn;
  let lean: FoldedModel;
  let layers: tf.LayersModel;
  let x: tf.Tensor4D;
  let labels: number[];
  let clean: number[];
  const results: Partial<Record<'fgsm' | 'pgd' | 'deepfool', AttackResult>> = {};

  beforeAll(async () => {
    await useBackend('wasm');
    const loaded = await loadModelDir('standard');
    layers = loaded.model;
    shipped = loaded.modelFn;
    const folded = foldInference(layers);
    if (!folded) throw new Error('the standard model should fold');
    lean = folded;
    ({ x, labels } = await cifarBatch('test', 0, N));
    const pred = tf.tidy(() => tf.argMax(lean.modelFn(x), 1));
    clean = Array.from(await pred.data());
    pred.dispose();
  });
  afterAll(() => {
    Object.values(results).forEach((r) => r?.adversarial.dispose());
    x?.dispose();
    lean?.dispose();
    layers?.dispose();
  });

  const accuracy = (pred: number[]) => pred.filter((p, i) => p === labels[i]).length / pred.length;
  const correct = () => clean.map((p, i) => p === labels[i]);
  const figures = (...a: unknown[]) => process.env.ATTACK_FIGURES && console.log(...a);

  test('the lean function is the shipped model, gradients included', async () => {
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(shipped(x), lean.modelFn(x)))));
    expect((await diff.data())[0]).toBeLessThan(1e-3);
    diff.dispose();
    const some = tf.slice(x, [0, 0, 0, 0], [8, 32, 32, 3]) as tf.Tensor4D;
    const [a, b] = [
      await runAttack(shipped, some, labels.slice(0, 8), ATTACK_DEFAULTS.fgsm),
      await runAttack(lean.modelFn, some, labels.slice(0, 8), ATTACK_DEFAULTS.fgsm),
    ];
    const d = tf.tidy(() => tf.mean(tf.cast(tf.notEqual(a.adversarial, b.adversarial), 'float32')));
    expect((await d.data())[0]).toBeLessThan(1e-3); // sign(gradient) agrees almost everywhere
    expect(a.advPred).toEqual(b.advPred);
    [a.adversarial, b.adversarial, d, some].forEach((t) => t.dispose());
    figures('clean accuracy', accuracy(clean));
  });

  test(
    'PGD-10 at 8/255 leaves at most 5% accuracy',
    async () => {
      const r = (results.pgd = await runAttack(lean.modelFn, x, labels, ATTACK_DEFAULTS.pgd, { seed: 0 }));
      figures('PGD-10 accuracy', accuracy(r.advPred));
      expect(accuracy(r.advPred)).toBeLessThanOrEqual(0.05);
      for (const n of r.norms) expect(n.linf).toBeLessThanOrEqual(8 / 255 + 1e-6);
    },
    SLOW,
  );

  test(
    'FGSM at 8/255 leaves more accuracy than PGD',
    async () => {
      const r = (results.fgsm = await runAttack(lean.modelFn, x, labels, ATTACK_DEFAULTS.fgsm));
      const pgd = results.pgd ?? (results.pgd = await runAttack(lean.modelFn, x, labels, ATTACK_DEFAULTS.pgd, { seed: 0 }));
      figures('FGSM accuracy', accuracy(r.advPred));
      expect(accuracy(r.advPred)).toBeGreaterThan(accuracy(pgd.advPred));
      expect(accuracy(r.advPred)).toBeLessThan(accuracy(clean));
    },
    SLOW,
  );

  test(
    'DeepFool succeeds on at least 95% of the correctly classified images',
    async () => {
      const r = (results.deepfool = await runAttack(lean.modelFn, x, labels, ATTACK_DEFAULTS.deepfool));
      const ok = correct();
      const rate = r.success.filter((s, i) => s && ok[i]).length / ok.filter(Boolean).length;
      figures('DeepFool success', rate, 'median L2', median(r.norms.filter((_, i) => ok[i] && r.success[i]).map((m) => m.l2)));
      expect(rate).toBeGreaterThanOrEqual(0.95);
    },
    SLOW,
  );

  test(
    "C&W at its defaults succeeds on at least 95% and its median L2 is below DeepFool's",
    async () => {
      const r = await runAttack(lean.modelFn, x, labels, ATTACK_DEFAULTS.cw);
      const df = results.deepfool ?? (results.deepfool = await runAttack(lean.modelFn, x, labels, ATTACK_DEFAULTS.deepfool));
      const ok = correct();
      const both = ok.map((c, i) => c && r.success[i]! && df.success[i]!);
      const rate = r.success.filter((s, i) => s && ok[i]).length / ok.filter(Boolean).length;
      const cw = median(r.norms.filter((_, i) => both[i]).map((m) => m.l2));
      const deepfool = median(df.norms.filter((_, i) => both[i]).map((m) => m.l2));
      figures('C&W success', rate, 'median L2', cw, 'DeepFool on the same images', deepfool, 'gradient evaluations', r.gradientEvaluations);
      expect(rate).toBeGreaterThanOrEqual(0.95);
      expect(cw).toBeLessThan(deepfool);
      r.adversarial.dispose();
    },
    SLOW,
  );
});
