// Training recipes a teacher can pick in one click, each with what it was measured to reach (the class-time
// sweep, scripts/train/class_recipe_sweep.py, on the page's training subset and its first 500 held-out images).
import { TRAINING_METHODS } from '../training/catalog.ts';
import { TRAINING_CHOICES, type TrainingSettings } from './trainingChoices.ts';

export interface TrainingPreset {
  id: 'class' | 'textbook' | 'overfit';
  label: string;
  /** One sentence for the page: what it is for. */
  description: string;
  settings: TrainingSettings;
  /**
   * Clean accuracy the sweep measured at the end of a run of this many images (the PyTorch mirror, one seed);
   * null for a demonstration of failure.
   */
  measured: { clean: number; examples: number } | null;
}

const L255 = 1 / 255;
const methodsAt = (eps: number) =>
  Object.fromEntries(TRAINING_CHOICES.map((k) => [k, TRAINING_METHODS[k].defaults(eps)])) as TrainingSettings['methods'];
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

/**
 * Catastrophic overfitting, on purpose: FGSM from the image itself (no random start) at 16/255 with a full-size step
 * and a low learning rate. In the PyTorch mirror (scripts/train/class_recipe_sweep.md) FGSM accuracy on held-out
 * images climbs to 20-26% within a few hundred images while PGD's stays at 0-2.5%: the model learns to defeat the
 * one-step attack and nothing else. The page's detector stops it and restores the weights before.
 */
const OVERFIT: TrainingPreset = {
  id: 'overfit',
  label: 'Catastrophic overfitting (demo)',
  description: 'Fast-AT without its random start at 16/255: the model learns to beat FGSM only, and the page catches it.',
  settings: {
    method: 'fast',
    methods: { ...methodsAt(16 * L255), fast: { kind: 'fast', eps: 16 * L255, stepSize: 16 * L255, randomStart: false, mixRatio: 1 } },
    learningRate: 0.01,
    ...RECIPE,
    examples: 2560,
  },
  measured: null,
};

export const TRAINING_PRESETS: readonly TrainingPreset[] = [CLASS, TEXTBOOK, OVERFIT];
export const CLASS_PRESET = CLASS;

/** The preset the settings are exactly, if any. */
export function presetOf(settings: TrainingSettings): TrainingPreset | null {
  return TRAINING_PRESETS.find((p) => JSON.stringify(p.settings) === JSON.stringify(settings)) ?? null;
}
