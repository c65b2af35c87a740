// src/runtime/training: adversarial fine-tuning in the page (the measurements of a model: runtime/measure).
//   trainingRunner.ts    starts, pauses, stops a job on a copy of the selected model and keeps the lab following
//                        its weights; on WASM the job runs in a worker
//   workerTrainer.ts     the page's side of that worker: a Trainer's controls and callbacks, over messages
//   trainingWorker.ts    the worker itself: WASM in its own thread, running trainingHost
//   trainingHost.ts      the job as the worker sees it (no DOM, no store: tests call it in Node)
//   trainingData.ts      the training images, fetched on first use
export { pauseTraining, resetToPretrained, resumeTraining, startTraining, stopTraining } from './trainingRunner.ts';
