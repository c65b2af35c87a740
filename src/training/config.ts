// A training job's settings, their defaults (the fine-tuning recipe of REFERENCE.md section 5) and checks.
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
  /** Held-out evaluation every this many steps (also before the first and after the last); 0: start and end only. */
  evalEvery: number;
  seed: number;
  collapse: CollapseRule;
}

export const TRAINING_DEFAULTS: TrainingConfig = {
  method: methodDefaults('fast'),
  budget: { examples: 25_000 },
  batchSize: 128,
  optimizer: 'sgd',
  // Best of 0.01..0.2 for Fast-AT fine-tuning at batch 128 (scripts/train/finetune_sweep.py); the page, at batch
  // 32, starts from 0.02 (about the same per-image rate).
  learningRate: 0.1,
  momentum: 0.9,
  warmupFraction: 0.1,
  decay: 'cosine',
  weightDecay: 5e-4,
  flip: false,
  evalEvery: 20,
  seed: 0,
  collapse: DEFAULT_COLLAPSE_RULE,
};

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
  if ('examples' in c.budget) check('budget.examples', c.budget.examples, 1, 1e9, true);
  else check('budget.epochs', c.budget.epochs, 0, 1e4);
  check('batchSize', c.batchSize, 1, 4096, true);
  if (c.optimizer !== 'sgd' && c.optimizer !== 'adam') throw new TrainingConfigError('optimizer', `must be 'sgd' or 'adam'`);
  check('learningRate', c.learningRate, 0, Number.MAX_VALUE);
  check('momentum', c.momentum, 0, 0.999);
  check('warmupFraction', c.warmupFraction, 0, 1);
  if (!['cosine', 'linear', 'constant'].includes(c.decay)) throw new TrainingConfigError('decay', `must be 'cosine', 'linear' or 'constant'`);
  check('weightDecay', c.weightDecay, 0, 1);
  check('evalEvery', c.evalEvery, 0, 1e9, true);
  check('collapse.ratio', c.collapse.ratio, 0, 1);
  check('collapse.floor', c.collapse.floor, 0, 1);
}

/** Images the budget allows, for data of this size. */
export function budgetExamples(budget: TrainingBudget, dataSize: number): number {
  return 'examples' in budget ? budget.examples : Math.round(budget.epochs * dataSize);
}
