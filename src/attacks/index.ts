// Epsilon's attack engine: the public contract that tests, benchmarks, scripts and the runtime call.
// Pure: imports tfjs and its own files only, runs in the browser and in Node. It hands out the whole catalog too
// (catalog.ts: tfjs-free), so engine users import one file; the store, lessons and views import the catalog alone.
export * from './catalog.ts';
export type { AttackOptions, AttackResult, ModelFn } from './types.ts';
export { ATTACKS, getAttack } from './registry.ts';
export type { AttackDefinition, AttackRun } from './registry.ts';
export { isAdversarial } from './isAdversarial.ts';
export { L0_THRESHOLD, normStrategy, perturbationNorms } from './norms.ts';
export { fgsmDirection, applyDirection, predictAlong } from './fgsmDirection.ts';
export type { FgsmDirection } from './fgsmDirection.ts';
export { minimalEpsilon, MINIMAL_EPSILON_RESOLUTION } from './minimalEpsilon.ts';
export type { MinimalEpsilonOptions, MinimalEpsilonResult } from './minimalEpsilon.ts';
export { survivesQuantization } from './quantize.ts';
export { runAttack } from './runAttack.ts';
// The building blocks the training loop and the insight views share with the attacks.
export { iterate } from './iterative.ts';
export { pgdLoop } from './pgd.ts';
export type { PgdLoop, PgdRows } from './pgd.ts';
export { crossEntropy, valueAndGradient } from './objectives.ts';
