// A training job's settings, their defaults (the fine-tuning recipe found by scripts/train/finetune_sweep.py) and checks.
import { parameterProblem, type NumberParameter } from '../attacks/catalog.ts';
import { TrainingConfigError, methodDefaults, validateMethod, type TrainingMethod } from './methods.ts';
import type { OptimizerKind } from './optimizer.ts';
import { DEFAULT_COLLAPSE_RULE, type CollapseRule } from './safety.ts';
import type { LearningRateDecay } from './schedule.ts';

/** How much to train: images through the weight update, or passes over the training data. */
export type TrainingBudget = { examples: number } | { epochs: number };

export interface TrainingConfig {
  method: TrainingMethod;
  budget: TrainingBudget;
  batchSize: number;
  optimizer: OptimizerKind;
  /** Peak learning rate, reached at the end of the warm-up. */
  learningRate: number;
  /** SGD momentum (Nesterov); ignored by Adam. */
  momentum: number;
  /** Fraction of the steps spent warming up linearly. */
  warmupFraction: number;
  decay: LearningRateDecay;
  /** L2 on the kernels (PyTorch's weight_decay). */
  weightDecay: number;
  /** Random horizontal flips (natural images only). */
  flip: boolean;
  /** Held-out evaluation at most every this many steps (also before the first and after the last); 0: start and end only. */
  evalEvery: number;
  /** ... but only while the checks take at most this share of the running time (1: no limit). */
  evalTimeShare: number;
  seed: number;
  collapse: CollapseRule;
}

export const TRAINING_DEFAULTS: TrainingConfig = {
  method: methodDefaults('fast'),
  budget: { examples: 25_000 },
  batchSize: 128,
  optimizer: 'sgd',
  // Best of 0.01..0.2 for Fast-AT fine-tuning at batch 128 (scripts/train/finetune_sweep.py); the page, at batch
  // 32, uses it scaled linearly to 0.025 (src/state/trainingSlice.ts).
  learningRate: 0.1,
  momentum: 0.9,
  warmupFraction: 0.1,
  decay: 'cosine',
  weightDecay: 5e-4,
  flip: false,
  evalEvery: 20,
  evalTimeShare: 1,
  seed: 0,
  collapse: DEFAULT_COLLAPSE_RULE,
};

/** The recipe's settings a person sets (the page's form, flags), apart from the method's own. */
export interface RecipeSettings {
  learningRate: number;
  warmupFraction: number;
  batchSize: number;
  weightDecay: number;
  /** The budget, in images through the weight update. */
  examples: number;
  evalEvery: number;
}

const number = (
  label: string,
  description: string,
  p: Pick<NumberParameter, 'min' | 'max' | 'step' | 'limit'> & Partial<NumberParameter>,
): NumberParameter => ({ type: 'number', label, description, unit: '', scale: 1, integer: false, ...p });

/** Specs of the recipe's settings, in display order: the page's ranges, and what validation accepts (limit). */
export const RECIPE_PARAMETERS: { readonly [F in keyof RecipeSettings]: NumberParameter } = {
  learningRate: number('Peak learning rate', 'Reached at the end of the warm-up, then decays', {
    min: 0.001,
    max: 0.1,
    step: 0.001,
    limit: { min: 0, max: Number.MAX_VALUE },
  }),
  warmupFraction: number('Warm-up (share of the budget)', 'Share of the steps spent raising the learning rate linearly', {
    min: 0,
    max: 0.5,
    step: 0.05,
    scale: 100,
    unit: '%',
    limit: { min: 0, max: 1 },
  }),
  batchSize: number('Batch size', 'Images per step', { min: 8, max: 128, step: 8, integer: true, limit: { min: 1, max: 4096 } }),
  weightDecay: number('Weight decay', 'L2 penalty on the kernels', { min: 0, max: 0.002, step: 0.0001, limit: { min: 0, max: 1 } }),
  examples: number('Budget (training examples)', 'Images through the weight update, in all', {
    min: 500,
    max: 50000,
    step: 500,
    integer: true,
    unit: 'images',
    limit: { min: 1, max: 1e9 },
  }),
  // At most: a check also waits while the checks so far took more than evalTimeShare of the running time (the page holds
  // them to a share: on a busy machine they come less often than this).
  evalEvery: number(
    'Evaluate at most every (steps)',
    'Clean and PGD accuracy on held-out images at most this often; ' +
      'less often when the checks would take more than their share of the time (0: start and end only)',
    { min: 5, max: 200, step: 5, integer: true, unit: 'steps', limit: { min: 0, max: 1e9 } },
  ),
};

/** A config's recipe from those settings. */
export function withRecipe(r: RecipeSettings): Partial<TrainingConfig> {
  const { examples, ...rest } = r;
  return { ...rest, budget: { examples } };
}

/** The defaults with `partial` on top. */
export function trainingConfig(partial: Partial<TrainingConfig> = {}): TrainingConfig {
  return { ...TRAINING_DEFAULTS, ...partial };
}

function check(field: string, v: unknown, min: number, max: number, integer = false): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new TrainingConfigError(field, `must be ${integer ? 'a whole number' : 'a number'} in [${min}, ${max}] (got ${String(v)})`);
  }
}

/** Throws a TrainingConfigError (a RangeError) naming the first bad field. */
export function validateTrainingConfig(c: TrainingConfig): void {
  validateMethod(c.method);
  const specified = {
    learningRate: c.learningRate,
    warmupFraction: c.warmupFraction,
    batchSize: c.batchSize,
    weightDecay: c.weightDecay,
    evalEvery: c.evalEvery,
  };
  for (const [field, v] of Object.entries(specified)) {
    const problem = parameterProblem(RECIPE_PARAMETERS[field as keyof typeof specified], v);
    if (problem) throw new TrainingConfigError(field, problem);
  }
  if ('examples' in c.budget) {
    const problem = parameterProblem(RECIPE_PARAMETERS.examples, c.budget.examples);
    if (problem) throw new TrainingConfigError('budget.examples', problem);
  } else check('budget.epochs', c.budget.epochs, 0, 1e4);
  if (c.optimizer !== 'sgd' && c.optimizer !== 'adam') throw new TrainingConfigError('optimizer', `must be 'sgd' or 'adam'`);
  check('momentum', c.momentum, 0, 0.999);
  check('evalTimeShare', c.evalTimeShare, 0, 1);
  if (!['cosine', 'linear', 'constant'].includes(c.decay)) throw new TrainingConfigError('decay', `must be 'cosine', 'linear' or 'constant'`);
  check('collapse.ratio', c.collapse.ratio, 0, 1);
  check('collapse.floor', c.collapse.floor, 0, 1);
}

/** Images the budget allows, for data of this size. */
export function budgetExamples(budget: TrainingBudget, dataSize: number): number {
  return 'examples' in budget ? budget.examples : Math.round(budget.epochs * dataSize);
}
