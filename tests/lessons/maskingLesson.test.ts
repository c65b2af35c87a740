// The third shipped lesson, "How not to fool yourself", tells the truth: each step's state is run as the lab runs it
// on the shipped models (the defended one through its rounding, and through its straight-through twin where the
// step ticks BPDA), and the figures it quotes are the cards'. A step without a check fails.
import { describe, expect, test } from 'vitest';
import { CLASS_NAMES } from '../../src/data/cifar10.ts';
import type { LessonStep } from '../../src/lessons/format.ts';
import { SHIPPED_LESSONS } from '../../src/lessons/shipped.ts';
import { modelExists } from '../../node/modelDir.ts';
import { useShippedModels, card, epsOf, percent, readLesson, runLabState } from './helpers/labRun.ts';

const SHIPPED = SHIPPED_LESSONS.find((l) => l.title === 'How not to fool yourself')!;

interface Evaluation {
  accuracy: number;
  n: number;
  pgd20SameImages?: number;
}
const evaluation = (name: string) => (card(name) as unknown as { evaluation: Record<string, Evaluation> }).evaluation;

describe.runIf(modelExists('standard') && modelExists('robust') && modelExists('defended'))('the gradient-masking lesson', () => {
  const models = useShippedModels();
  const lesson = readLesson(SHIPPED.path);
  const run = (hash: string) => runLabState(models, hash);
  const stepNamed = (title: string): LessonStep => lesson.steps.find((st) => st.title === title)!;
  const [std, def, rob] = [evaluation('standard'), evaluation('defended'), evaluation('robust')];
  const airplane = CLASS_NAMES.indexOf('airplane');
  const ship = CLASS_NAMES.indexOf('ship');

  const CLAIMS: Record<string, (step: LessonStep) => Promise<void>> = {
    'A defence that looks strong': async (step) => {
      expect(step.focus).toBe('model');
      const r = await run(step.state);
      expect(r.state.model).toBe('defended');
      expect(r.state.config).toMatchObject({ kind: 'pgd' });
      expect(epsOf(r) * 255).toBeCloseTo(8, 9);
      expect([r.label, r.cleanPred, r.advPred]).toEqual([airplane, airplane, airplane]);
      expect(step.text).toContain(
        `PGD-20 at 8/255 leaves it ${percent(def.pgd20!.accuracy)} of the test set, where the standard CNN keeps ${percent(std.pgd20!.accuracy)}`,
      );
      // Its clean accuracy is the standard model's own, on the whole test set.
      expect(def.clean!.n).toBe(10000);
      expect(def.clean!.accuracy).toBe(std.clean!.accuracy);
      expect(step.text).toContain(`its clean accuracy, ${percent(def.clean!.accuracy)}, is the standard CNN's own`);
    },
    'Sign one: the attack does not move': async (step) => {
      expect(step.focus).toBe('readout');
      const r = await run(step.state);
      expect(r.state.config).toMatchObject({ kind: 'fgsm' });
      expect(r.norms.linf).toBe(0);
      expect(r.change.every((v) => v === 0)).toBe(true);
      expect(r.advPred).toBe(airplane);
      expect(step.text).toContain('its change as L∞ 0.0000 (0.00/255)');
    },
    'Sign two: an attacker without gradients wins': async (step) => {
      const r = await run(step.state);
      expect(r.state.config).toMatchObject({ kind: 'square', eps: 8 / 255 });
      expect(r.advPred).toBe(ship);
      expect(r.steps).toBeLessThan(10);
      expect(step.text).toContain('it needs fewer than 10 queries: now ship');
    },
    'Sign three: borrowed adversarial images work': async (step) => {
      expect(step.focus).toBe('transfer');
      const r = await run(step.state);
      expect(r.state.model ?? 'standard').toBe('standard');
      expect(r.advPred).toBe(ship);
      expect(r.transfer.defended).not.toBe(airplane);
      // The question's robust CNN is not fooled by it.
      expect(r.transfer.robust).toBe(airplane);
    },
    'Break it: attack through the rounding': async (step) => {
      expect(step.focus).toBe('bpda');
      const r = await run(step.state);
      expect(r.state.bpda).toBe(true);
      expect(r.advPred).toBe(ship);
      // Without BPDA the same state is the first step's: not fooled.
      expect((await run(step.state.replace('&bpda=1', ''))).advPred).toBe(airplane);
      expect(def.pgd20Bpda!.n).toBe(1000);
      expect(step.text).toContain(
        `PGD-20 through the rounding leaves it ${percent(def.pgd20Bpda!.accuracy)}, the standard CNN's ${percent(std.pgd20!.accuracy)}`,
      );
      expect(def.pgd20Bpda!.accuracy).toBe(std.pgd20!.accuracy);
    },
    'The reliable figure': async (step) => {
      expect(step.focus).toBe('reliable');
      const [d, r] = [def.reliable!, rob.reliable!];
      expect(d.n).toBe(500);
      expect(r.n).toBe(500);
      expect(step.text).toContain(`it leaves the defended CNN ${percent(d.accuracy)}, where PGD-20 said ${percent(d.pgd20SameImages!)}`);
      expect(step.text).toContain(`keeps ${percent(r.accuracy)} (PGD-20: ${percent(r.pgd20SameImages!)})`);
      expect(r.accuracy).toBeLessThan(r.pgd20SameImages!);
      expect(d.accuracy).toBeLessThan(r.accuracy);
    },
  };

  test('is the lesson the page lists, each step with a check', () => {
    expect(lesson.title).toBe(SHIPPED.title);
    expect(lesson.steps.map((s) => s.title).sort()).toEqual(Object.keys(CLAIMS).sort());
  });

  for (const [title, check] of Object.entries(CLAIMS)) {
    test(`"${title}" shows what its text says`, () => check(stepNamed(title)), 300_000);
  }
});
