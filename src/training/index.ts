// Epsilon's training module: adversarial training of tfjs LayersModels (methods, batches, the train step, the trainer).
// Pure: imports tfjs, the attack engine, src/evaluation (the trainer's held-out checks) and its own files; runs in the
// browser and in Node. Measurements of a trained model live in src/evaluation.
// The tfjs-free catalog (methods, recipe, flags) first: what the store and views read.
export * from './catalog.ts';
export { METHOD_STEPS } from './methodSteps.ts';
export type { MethodStep, Objective, StepTable } from './methodSteps.ts';
export { pgdExamples, tradesExamples } from './adversarialExamples.ts';
export type { PerturbParams } from './adversarialExamples.ts';
export { klDivergence } from './losses.ts';
export { inferenceFn, trainingFn, withInferenceFn } from '../model/modelFns.ts';
export type { Classifier } from '../model/modelFns.ts';
export { trainStep } from './trainStep.ts';
export type { LabeledBatch, StepCarry, StepGame, TrainStepOptions, TrainStepResult } from './trainStep.ts';
export { learningRateAt } from './schedule.ts';
export type { LearningRateDecay, LearningRateSchedule } from './schedule.ts';
export { createOptimizer } from './optimizer.ts';
export type { OptimizerKind, ScheduledOptimizer } from './optimizer.ts';
export { BatchOrder, tensorData, uint8ImageData } from './data.ts';
export type { TrainingData } from './data.ts';
export { collapseAt, isCollapse } from './safety.ts';
export type { CollapseRule } from './safety.ts';
export { Trainer, checkLogitsOutput } from './trainer.ts';
export type {
  Evaluator,
  LabeledSet,
  TrainerOptions,
  TrainerStatus,
  TrainingEvaluation,
  TrainingGame,
  TrainingOutcome,
  TrainingProgress,
  TrainingReport,
} from './trainer.ts';
export { readSnapshot, readWeights, restoreWeights, snapshotWeights, writeWeights } from './snapshot.ts';
export type { WeightSnapshot, WeightValue } from './snapshot.ts';
export { artifactsToFiles, filesSaveHandler, modelFromArtifacts, modelToArtifacts } from './saveModel.ts';
