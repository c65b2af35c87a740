// The shipped lesson tells the truth: every step's state is run as the lab runs it (the same attack code, seed and
// models, on the gallery image the step names) and what its text claims is checked. A step without a check fails.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAttack, type AttackConfig, type ModelFn } from '../../src/attacks/index.ts';
import { ATTACK_DEFAULTS } from '../../src/attacks/defaults.ts';
import { CLASS_NAMES } from '../../src/data/cifar10.ts';
import { imagesFromBytes } from '../../src/data/bytesToTensor.ts';
import { parseLesson, type Lesson, type LessonStep } from '../../src/lessons/format.ts';
import { SHIPPED_LESSONS } from '../../src/lessons/shipped.ts';
import { decodeHashReport, type SharedState } from '../../src/state/urlSchema.ts';
import { loadModelDir, modelExists } from '../../node/modelDir.ts';
import { cifarSplit } from '../../node/cifarData.ts';
import { ROOT } from '../../node/paths.ts';
import { useBackend } from '../../node/tfBackend.ts';

const SHIPPED = SHIPPED_LESSONS[0]!;
const readLesson = (): Lesson => {
  const parsed = parseLesson(readFileSync(join(ROOT, 'public', SHIPPED.path), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.lesson;
};
const gallery = () => JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'manifest.json'), 'utf8')).subsets.gallery as { sourceIndex: number[] };
const card = (name: string) => JSON.parse(readFileSync(join(ROOT, 'models', name, 'card.json'), 'utf8')) as { evaluation: { clean: { accuracy: number }; pgd20: { accuracy: number } } };
/** A model card's figure as the lesson writes it: 0.905 -> "90.5%", 0 -> "0%". */
const percent = (a: number) => `${Number((a * 100).toFixed(1))}%`;
const classOf = (name: string) => CLASS_NAMES.indexOf(name as (typeof CLASS_NAMES)[number]);

/** What the lab shows for a state: the clean prediction and the attack's result, as the page computes them. */
interface LabRun {
  state: SharedState;
  label: number;
  cleanPred: number;
  cleanProbs: number[];
  advPred: number;
  norms: { l0: number; l2: number; linf: number };
  /** |adversarial - clean| per channel. */
  change: Float32Array;
}

describe.runIf(modelExists('standard') && modelExists('robust'))('the shipped lesson', () => {
  const models: Record<string, ModelFn> = {};
  const layers: tf.LayersModel[] = [];
  const lesson = readLesson();
  const stepNamed = (title: string): LessonStep => {
    const s = lesson.steps.find((st) => st.title === title);
    if (!s) throw new Error(`no step "${title}"`);
    return s;
  };

  beforeAll(async () => {
    await useBackend('wasm');
    for (const name of ['standard', 'robust']) {
      const loaded = await loadModelDir(name);
      layers.push(loaded.model);
      models[name] = loaded.modelFn;
    }
  });
  afterAll(() => layers.forEach((l) => l.dispose()));

  /** Runs a state as the lab does: the gallery image's true label is the reference, PGD's random start is seeded 0. */
  async function run(hash: string, override: Partial<AttackConfig> = {}): Promise<LabRun> {
    const { state, problems } = decodeHashReport(hash);
    expect(problems).toEqual([]);
    expect(gallery().sourceIndex).toContain(state.image);
    const data = await cifarSplit('test');
    const before = tf.memory().numTensors;
    const x = imagesFromBytes(data.images.subarray(state.image! * 3072, (state.image! + 1) * 3072), 1);
    const label = data.labels[state.image!]!;
    const model = models[state.model ?? 'standard']!;
    const config = { ...(state.config ?? ATTACK_DEFAULTS.fgsm), ...override } as AttackConfig;
    const target = state.target ?? null;
    try {
      const probs = tf.tidy(() => tf.softmax(model(x)));
      const cleanProbs = Array.from(await probs.data());
      probs.dispose();
      const r = await runAttack(model, x, [label], config, { seed: 0, ...(target !== null ? { target: [target] } : {}) });
      const diff = tf.tidy(() => tf.abs(tf.sub(r.adversarial, x)));
      const change = (await diff.data()) as Float32Array;
      diff.dispose();
      r.adversarial.dispose();
      return { state, label, cleanPred: cleanProbs.indexOf(Math.max(...cleanProbs)), cleanProbs, advPred: r.advPred[0]!, norms: r.norms[0]!, change };
    } finally {
      x.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  }
  const epsOf = (r: LabRun) => (r.state.config as { eps: number }).eps;

  /** Each step's claims, by its title. */
  const CLAIMS: Record<string, (step: LessonStep) => Promise<void>> = {
    'A confident model': async (step) => {
      const r = await run(step.state);
      expect(CLASS_NAMES[r.label]).toBe('bird');
      expect(r.cleanPred).toBe(r.label);
      expect(r.cleanProbs[r.label]).toBeGreaterThan(0.99);
      expect(epsOf(r)).toBe(0);
      expect(r.advPred).toBe(r.label);
      expect(step.text).toContain(`classifies ${percent(card('standard').evaluation.clean.accuracy)} of the test set`);
    },
    'The smallest epsilon that flips it': async (step) => {
      const r = await run(step.state);
      expect(r.state.attack).toBe('fgsm');
      expect(epsOf(r) * 255).toBeCloseTo(2.5, 9);
      expect(CLASS_NAMES[r.advPred]).toBe('frog');
      // Not fooled at any epsilon on the slider below it (steps of 0.25/255).
      for (let e = 0.25; e < 2.5 - 1e-9; e += 0.25) {
        expect((await run(step.state, { eps: e / 255 })).advPred, `eps ${e}/255`).toBe(r.label);
      }
    },
    'The perturbation, amplified': async (step) => {
      const r = await run(step.state);
      expect(r.state.view?.colormap).toBe('diverging');
      expect(r.norms.linf * 255).toBeCloseTo(2.5, 3);
      const atEps = r.change.filter((c) => Math.abs(c - 2.5 / 255) < 1e-5).length;
      expect(atEps / r.change.length).toBeGreaterThan(0.99);
      expect(r.advPred).not.toBe(r.label);
    },
    'FGSM against PGD at the same epsilon': async (step) => {
      const r = await run(step.state);
      expect(r.state.attack).toBe('pgd');
      expect(epsOf(r) * 255).toBeCloseTo(2, 9);
      expect(r.advPred).not.toBe(r.label);
      const fgsm = await run(step.state.replace('attack=pgd', 'attack=fgsm'));
      expect(epsOf(fgsm) * 255).toBeCloseTo(2, 9);
      expect(fgsm.advPred).toBe(fgsm.label);
    },
    'A targeted attack': async (step) => {
      const r = await run(step.state);
      expect(r.state.target).toBe(classOf('airplane'));
      expect(epsOf(r) * 255).toBeCloseTo(8, 9);
      expect(r.advPred).toBe(classOf('airplane'));
    },
    "L2 against L-infinity: DeepFool's minimal change": async (step) => {
      const r = await run(step.state);
      expect(r.state.attack).toBe('deepfool');
      expect((r.state.config as { norm: string }).norm).toBe('l2');
      expect(r.advPred).not.toBe(r.label);
      const fgsm = await run(stepNamed('The smallest epsilon that flips it').state);
      expect(r.norms.l2).toBeLessThan(fgsm.norms.l2 / 2);
      expect(r.norms.linf).toBeGreaterThan(2.5 / 255);
    },
    'The robust model resists, at a price': async (step) => {
      const r = await run(step.state);
      expect(r.state.model).toBe('robust');
      expect(r.state.attack).toBe('pgd');
      expect(epsOf(r) * 255).toBeCloseTo(8, 9);
      expect(epsOf(r)).toBeGreaterThan(3 * (2.5 / 255));
      expect(r.cleanPred).toBe(r.label);
      expect(r.advPred).toBe(r.label);
      const standard = await run(stepNamed('A confident model').state);
      expect(r.cleanProbs[r.label]).toBeLessThan(standard.cleanProbs[r.label]! - 0.3);
      const [std, rob] = [card('standard').evaluation, card('robust').evaluation];
      expect(step.text).toContain(`${percent(rob.clean.accuracy)} of the clean test set correctly against ${percent(std.clean.accuracy)}`);
      expect(step.text).toContain(`it keeps ${percent(rob.pgd20.accuracy)} where the standard model keeps ${percent(std.pgd20.accuracy)}`);
    },
    'Class features from the robust model': async (step) => {
      const r = await run(step.state);
      expect(CLASS_NAMES[r.label]).toBe('dog');
      expect(r.state.model).toBe('robust');
      expect(r.state.config).toMatchObject({ kind: 'pgd', norm: 'l2', eps: 3, steps: 100 });
      expect(r.cleanPred).toBe(r.label);
      expect(r.advPred).toBe(classOf('horse'));
    },
    'Train your own and read the robustness curve': async (step) => {
      const { state } = decodeHashReport(step.state);
      expect(state.view?.hidden).toEqual(expect.not.arrayContaining(['training', 'robustness', 'model', 'controls']));
      expect(state.view?.hidden).toEqual(expect.arrayContaining(['gallery']));
    },
  };

  test('is the lesson the page lists, of about eight steps, each with a check', () => {
    expect(lesson.title).toBe(SHIPPED.title);
    expect(lesson.steps.length).toBeGreaterThanOrEqual(8);
    expect(lesson.steps.map((s) => s.title).sort()).toEqual(Object.keys(CLAIMS).sort());
  });

  for (const [title, check] of Object.entries(CLAIMS)) {
    test(`"${title}" shows what its text says`, () => check(stepNamed(title)), 300_000);
  }
});
