// src/runtime/measure: measurements of the chosen models on held-out images, all run one way.
//   runMeasurement.ts   the job, its key, the held-out images, the models and their names, guarded writes, status
//   heldOutImages.ts    the held-out evaluation images (also the training checks')
//   curve.ts            the robustness curve: accuracy against epsilon for the chosen models and attacks
//   reliableFigure.ts   the reliable figure: APGD-CE, APGD-T and Square in turn on what is left, beside PGD-20
//   corruptions.ts      the corruption sweep: accuracy under common corruptions for the chosen models
// A new measurement is a core function (src/evaluation), a result type (state/measurementResults.ts) and a
// Measurement here: its start, its work and its failure line.
export { runMeasurement, pageSlot } from './runMeasurement.ts';
export type { Measurement, MeasurementRun, MeasurementSlot, NamedModel } from './runMeasurement.ts';
export { evalBytes, evalImages } from './heldOutImages.ts';
export { PAGE_CURVE_PGD_STEPS, cancelRobustnessCurve, runRobustnessCurve } from './curve.ts';
export { cancelReliableFigure, measureReliableFigure } from './reliableFigure.ts';
export { cancelCorruptionSweep, runCorruptionSweep } from './corruptions.ts';
