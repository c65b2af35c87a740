// The shipped lesson tells the truth: every step's state is run as the lab runs it (the same attack code, seed and
// models, on the gallery image the step names) and what its text claims is checked. A step without a check fails.
import { describe, expect, test } from 'vitest';
import { CLASS_NAMES } from '../../src/data/cifar10.ts';
import type { LessonStep } from '../../src/lessons/format.ts';
import { SHIPPED_LESSONS } from '../../src/lessons/shipped.ts';
import { decodeHashReport } from '../../src/state/urlSchema.ts';
import { modelExists } from '../../node/modelDir.ts';
import { PRESETS } from '../../src/state/presets.ts';
import { EPS } from '../../src/attacks/parameters.ts';
import {
  useShippedModels,
  card,
  classOf,
  epsOf,
  neighbourCorrelation,
  percent,
  readLesson as readLessonAt,
  runLabState,
  type LabRun,
} from './helpers/labRun.ts';

const SHIPPED = SHIPPED_LESSONS[0]!;
const readLesson = () => readLessonAt(SHIPPED.path);

describe.runIf(modelExists('standard') && modelExists('robust'))('the shipped lesson', () => {
  const models = useShippedModels();
  const lesson = readLesson();
  const stepNamed = (title: string): LessonStep => {
    const s = lesson.steps.find((st) => st.title === title);
    if (!s) throw new Error(`no step "${title}"`);
    return s;
  };

  const run = (hash: string, override: Parameters<typeof runLabState>[2] = {}): Promise<LabRun> => runLabState(models, hash, override);

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
      // "ten steps instead of one ... pulled back into the same 2/255 budget"
      expect(r.state.config).toMatchObject({ kind: 'pgd', steps: 10 });
      expect(step.text).toContain('ten steps instead of one');
      expect(r.norms.linf * 255).toBeLessThanOrEqual(2 + 1e-4);
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
      // How it was trained, as its card says.
      expect(card('robust').training.method).toBe('fast-at');
      expect(step.text).toContain('made by FGSM from a random start (Fast-AT');
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
      // The class-features preset's attack, at the largest L2 budget the slider gives.
      expect(r.state.config).toEqual(PRESETS.find((p) => p.id === 'class-features')!.state.config);
      expect(epsOf(r)).toBe(EPS.l2.max);
      expect(step.text).toContain(`the largest L2 budget on the slider (${EPS.l2.max})`);
      expect(r.cleanPred).toBe(r.label);
      expect(r.advPred).toBe(classOf('horse'));
      // Strokes, not noise: neighbouring pixels change together, and more so up and down ("upright").
      expect(neighbourCorrelation(r.delta, 'across')).toBeGreaterThan(0.45);
      expect(neighbourCorrelation(r.delta, 'down')).toBeGreaterThan(neighbourCorrelation(r.delta, 'across'));
      // Plain to see in the adversarial image: channels moved by more than a third of their range.
      expect(r.norms.linf).toBeGreaterThan(1 / 3);
      // The standard model: speckled noise, and fooled short of the whole budget.
      const standard = await run(step.state.replace('model=robust', 'model=standard'));
      expect(standard.state.model).toBe('standard');
      expect(standard.advPred).toBe(classOf('horse'));
      expect(neighbourCorrelation(standard.delta, 'across')).toBeLessThan(0.35);
      expect(neighbourCorrelation(standard.delta, 'down')).toBeLessThan(0.35);
      expect(standard.norms.l2).toBeLessThan(0.75 * epsOf(r));
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
