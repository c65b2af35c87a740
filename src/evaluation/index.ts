// Epsilon's measurements of a trained classifier: accuracy clean or under attack, the robustness curve, the
// reliable figure (the worst case over AutoAttack's order), the corruption sweep, and the trade-off's figures.
// Pure: imports tfjs, the attack engine, the corruptions and the model functions; runs in the browser and in Node.
export { evaluate } from './evaluate.ts';
export type { EvaluateOptions, Evaluation } from './evaluate.ts';
export * from './catalog.ts';
export { DEFAULT_CURVE_EPSILONS, robustnessCurve } from './robustnessCurve.ts';
export type { NamedClassifier, RobustnessCurve, RobustnessCurveOptions, RobustnessCurveProgress } from './robustnessCurve.ts';
export { comparisonPgd, reliableFigure, reliableStages } from './reliableFigure.ts';
export type { FigureRow, ReliableFigure, ReliableOptions, ReliableStage } from './reliableFigure.ts';
export { corruptionSweep } from './corruptionSweep.ts';
export type { CorruptionSweep, CorruptionSweepOptions } from './corruptionSweep.ts';
