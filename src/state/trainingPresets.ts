// Training recipes a teacher can pick in one click, each with what it was measured to reach (the class-time
// sweep, scripts/train/class_recipe_sweep.py, on the page's training subset and its first 500 held-out images).
import { TRAINING_METHODS } from '../training/methods.ts';
import { TRAINING_CHOICES, type TrainingSettings } from './trainingChoices.ts';

export interface TrainingPreset {
  id: 'class' | 'textbook';
  label: string;
  /** One sentence for the page: what it is for. */
  description: string;
  settings: TrainingSettings;
  /** Clean accuracy the sweep measured at the end of a run of this many images (the PyTorch mirror, one seed). */
  measured: { clean: number; examples: number };
}

const L255 = 1 / 255;
const methodsAt = (eps: number) => Object.fromEntries(TRAINING_CHOICES.map((k) => [k, TRAINING_METHODS[k].defaults(eps)])) as TrainingSettings['methods'];
const RECIPE = { warmupFraction: 0.1, batchSize: 32, weightDecay: 5e-4, examples: 5000, evalEvery: 10 };

/**
 * The class default: Fast-AT at 4/255 (step 5/255), peak learning rate 0.025, batch 32. Of the sweep's recipes it is
 * the one whose 2- and 5-minute points both sit on the clean-versus-PGD frontier with PGD near or above a quarter;
 * 8/255 is one click away (the textbook preset).
 */
const CLASS: TrainingPreset = {
  id: 'class',
  label: 'Class default (4/255)',
  description: 'Fast-AT at 4/255: clear robustness in a few minutes without losing most of the clean accuracy.',
  settings: { method: 'fast', methods: methodsAt(4 * L255), learningRate: 0.025, ...RECIPE },
  measured: { clean: 0.71, examples: 6400 },
};

const TEXTBOOK: TrainingPreset = {
  id: 'textbook',
  label: 'Textbook 8/255',
  description: 'Fast-AT at the 8/255 of the papers: more robustness per image, a far larger price in clean accuracy in class time.',
  settings: { method: 'fast', methods: methodsAt(8 * L255), learningRate: 0.025, ...RECIPE },
  measured: { clean: 0.524, examples: 6400 },
};

// No catastrophic-overfitting preset yet: the recipes tried (FGSM from x, step 2 eps, learning rate 0.05 at 8/255;
// 16/255 and 12/255 with step 24/255) did not overfit within class time on this model; see the sweep's results.
export const TRAINING_PRESETS: readonly TrainingPreset[] = [CLASS, TEXTBOOK];
export const CLASS_PRESET = CLASS;

/** The preset the settings are exactly, if any. */
export function presetOf(settings: TrainingSettings): TrainingPreset | null {
  return TRAINING_PRESETS.find((p) => JSON.stringify(p.settings) === JSON.stringify(settings)) ?? null;
}
