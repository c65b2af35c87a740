// The one-click recipes: the page's default is the class preset, each preset is a valid recipe, and the panel
// recognises a preset only while the settings are exactly it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../../node/paths.ts';
import { CLASS_PRESET, TRAINING_PRESETS, presetOf } from '../../src/state/trainingPresets.ts';
import { DEFAULT_TRAINING, chosenMethod } from '../../src/state/trainingSlice.ts';
import { trainingConfig, validateTrainingConfig, withRecipe } from '../../src/training/config.ts';
import { collapseAt } from '../../src/training/safety.ts';

describe('training presets', () => {
  test('the default is the class preset, at 4/255 with the step 1.25 eps', () => {
    expect(DEFAULT_TRAINING).toBe(CLASS_PRESET.settings);
    const m = chosenMethod(DEFAULT_TRAINING);
    expect(m).toMatchObject({ kind: 'fast', eps: 4 / 255, randomStart: true });
    expect((m as { stepSize: number }).stepSize).toBeCloseTo(5 / 255, 10);
  });

  test.each(TRAINING_PRESETS)('$label is a valid recipe', (p) => {
    const { method: _, methods: __, ...recipe } = p.settings;
    expect(() => validateTrainingConfig(trainingConfig({ ...withRecipe(recipe), method: chosenMethod(p.settings) }))).not.toThrow();
    expect(presetOf(p.settings)).toBe(p);
  });

  test("what each preset claims it reached is the sweep's measurement of that recipe", () => {
    const rows = readFileSync(join(ROOT, 'scripts', 'train', 'class_recipe_sweep.results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    for (const p of TRAINING_PRESETS) {
      if (p.measured === null) continue;
      const m = chosenMethod(p.settings) as { kind: string; eps: number; stepSize: number };
      const row = rows.find(
        (r) =>
          r.budget === '5 min' &&
          r.recipe.method === m.kind &&
          r.recipe.eps === Math.round(m.eps * 255) &&
          r.recipe.lr === p.settings.learningRate &&
          Object.keys(r.recipe).every((k) => ['method', 'eps', 'lr', 'step'].includes(k)),
      );
      expect(row, p.label).toBeDefined();
      expect(row.examples).toBe(p.measured.examples);
      expect(row.clean).toBeCloseTo(p.measured.clean, 2);
      expect((row.recipe.step ?? 1.25 * row.recipe.eps) / 255).toBeCloseTo(m.stepSize, 10);
    }
  });

  test("the catastrophic-overfitting preset is the mirror's recipe, and there the page's detector fires within its budget", () => {
    const overfit = TRAINING_PRESETS.find((p) => p.id === 'overfit')!;
    expect(overfit.measured).toBeNull();
    const m = chosenMethod(overfit.settings) as { kind: string; eps: number; stepSize: number; randomStart: boolean };
    const all = readFileSync(join(ROOT, 'scripts', 'train', 'class_recipe_sweep.overfit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const recipe = {
      method: m.kind,
      lr: overfit.settings.learningRate,
      eps: Math.round(m.eps * 255),
      step: Math.round(m.stepSize * 255),
      random_start: m.randomStart,
    };
    const rows = all.filter((r) => JSON.stringify(r.recipe) === JSON.stringify(recipe));
    expect(rows.length).toBeGreaterThan(3);
    expect(Math.max(...rows.map((r) => r.examples))).toBeLessThanOrEqual(overfit.settings.examples);
    const at = collapseAt(rows.map((r) => ({ robustAccuracy: r.pgd3, fgsmAccuracy: r.fgsm })));
    expect(at).toBeGreaterThanOrEqual(0);
    // Caught as FGSM-only: PGD never got anywhere.
    expect(Math.max(...rows.map((r) => r.pgd3))).toBeLessThan(0.1);
    // The class default, checked the same way in the same file, is never caught.
    const healthy = all.filter((r) => r.recipe.eps === 4 && r.recipe.random_start === undefined);
    expect(healthy.length).toBeGreaterThan(3);
    expect(collapseAt(healthy.map((r) => ({ robustAccuracy: r.pgd3, fgsmAccuracy: r.fgsm })))).toBe(-1);
  });

  test("a changed setting is the user's own recipe", () => {
    expect(presetOf({ ...DEFAULT_TRAINING, learningRate: 0.03 })).toBeNull();
  });
});
