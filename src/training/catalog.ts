// The training catalog: what the store, presets and views read about training without loading the trainer: the
// method registry (methods.ts: names, parameters, defaults, validation), the recipe's settings and specs (config.ts),
// and the command-line flags the scripts derive from the registry (flags.ts). Its import graph loads no tfjs at run
// time; index.ts, the trainer, re-exports it.
export {
  METHOD_NAMES,
  TRAINING_METHODS,
  TRAINING_METHOD_KINDS,
  TrainingConfigError,
  adversarialCount,
  formatTrainingEps,
  methodDefaults,
  methodEps,
  methodHelp,
  methodParametersIn,
  methodProblemIn,
  passesPerStep,
  replaysOf,
  validateMethod,
} from './methods.ts';
export type {
  AnyMethod,
  AnyMethodDescriptor,
  CleanMethod,
  FastMethod,
  FreeMethod,
  LooseMethod,
  MethodDescriptor,
  MethodDescriptors,
  MethodOf,
  MethodParameter,
  MethodTable,
  PgdMethod,
  StepPasses,
  TradesMethod,
  TrainingMethod,
  TrainingMethodKind,
} from './methods.ts';
export { RECIPE_PARAMETERS, TRAINING_DEFAULTS, budgetExamples, trainingConfig, validateTrainingConfig, withRecipe } from './config.ts';
export type { RecipeSettings, TrainingBudget, TrainingConfig } from './config.ts';
export { flagOptions, methodFlagSpecs, methodFromFlags, methodToFlags, readFlag } from './flags.ts';
