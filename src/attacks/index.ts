// Epsilon's attack engine: the public contract that tests, benchmarks, scripts and the runtime call.
// Pure: imports tfjs and its own files only, runs in the browser and in Node.
export type {
  ApgdConfig, ApgdLoss, AttackConfig, AttackKind, AttackOptions, AttackResult, AttackStep, CarliniWagnerConfig, ConfigOf, DeepFoolConfig,
  FgsmConfig, ModelFn, Norm, PerturbationNorms, PgdConfig, SquareConfig,
} from './types.ts';
export {
  ATTACK_DEFAULTS, ATTACK_DESCRIPTORS, ATTACK_KINDS, PARAMETERS, SUPPORTS_TARGET, defaultsFor, drawsRandomStart, formatParameter, parameterList, parameterSpec,
} from './defaults.ts';
export type { AttackDescriptors, BooleanParameter, ChoiceParameter, NumberParameter, ParameterName, ParameterSpec, SpecEntry } from './defaults.ts';
export {
  configProblemIn, defaultsIn, descriptorIn, initialConfigsIn, normFieldsIn, normOf, parametersIn, specIn,
} from './descriptor.ts';
export type { AnyAttackDescriptor, AttackDescriptor, DescriptorTable, LooseConfig } from './descriptor.ts';
export {
  EPS as EPS_SPECS, NORM as NORM_SPEC, STEP_SIZE as STEP_SIZE_SPECS, clampToSpec, parameterProblem, parseShown, readShown, resolveSpec, writeShown,
} from './parameters.ts';
export { ATTACKS, getAttack } from './registry.ts';
export type { AttackDefinition, AttackRun } from './registry.ts';
export { AttackConfigError, AttackInputError, validateConfig } from './validate.ts';
export { isAdversarial } from './isAdversarial.ts';
export { L0_THRESHOLD, normStrategy, perturbationNorms } from './norms.ts';
export { fgsmDirection, applyDirection, predictAlong } from './fgsmDirection.ts';
export type { FgsmDirection } from './fgsmDirection.ts';
export { minimalEpsilon, MINIMAL_EPSILON_RESOLUTION } from './minimalEpsilon.ts';
export type { MinimalEpsilonOptions, MinimalEpsilonResult } from './minimalEpsilon.ts';
export { survivesQuantization } from './quantize.ts';
export { runAttack } from './runAttack.ts';
export { pgdEvaluation, type PgdEvaluationOptions } from './pgdEvaluation.ts';
export { APGD_T_CLASSES } from './apgdAims.ts';
// The building blocks the training loop and the insight views share with the attacks.
export { iterate } from './iterative.ts';
export { pgdLoop } from './pgd.ts';
export type { PgdLoop, PgdRows } from './pgd.ts';
export { crossEntropy, valueAndGradient } from './objectives.ts';

