// src/runtime/training: adversarial fine-tuning in the page, and the robustness curve.
//   trainingRunner.ts    starts, pauses, stops a job on a copy of the selected model and keeps the lab following
//                        its weights; on WASM the job runs in a worker
//   workerTrainer.ts     the page's side of that worker: a Trainer's controls and callbacks, over messages
//   trainingWorker.ts    the worker itself: WASM in its own thread, running trainingHost
//   trainingHost.ts      the job as the worker sees it (no DOM, no store: tests call it in Node)
//   trainingData.ts      the training and held-out images, fetched on first use
//   robustnessRunner.ts  accuracy against epsilon for the chosen models, one curve at a time
//   corruptionRunner.ts accuracy under common corruptions for the chosen models
//   reliableRunner.ts    "Measure robustness": APGD-CE, APGD-T and Square in turn on what is left, beside PGD-20
export { pauseTraining, resetToPretrained, resumeTraining, startTraining, stopTraining } from './trainingRunner.ts';
export { PAGE_CURVE_PGD_STEPS, cancelRobustnessCurve, runRobustnessCurve } from './robustnessRunner.ts';
export { evalImages } from './trainingData.ts';
export { cancelMeasureRobustness, measureRobustness } from './reliableRunner.ts';
export { cancelCorruptionSweep, runCorruptionSweep } from './corruptionRunner.ts';
