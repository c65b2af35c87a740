// src/runtime/backend: tfjs's backend in this browser, below the lab and training rooms.
//   backend.ts        starts a backend with our kernels (src/model/kernels) and picks one (WebGPU -> WebGL -> WASM ->
//                     CPU from the one preferred, each proven by one op); sets the WASM file paths; starts WASM in our
//                     workers; webgpu.ts loads tfjs's WebGPU backend on demand (a chunk of its own)
//   gpuCandidates.ts  the WebGL renderer and WebGPU adapter present, by name (in the page or a worker)
//   workerBackend.ts  the training worker's backend: remembered, or timed there on a batch, and started
//   measureBackends.ts  times WASM against every GPU candidate present (probeWork.ts), remembered per candidates;
//                     backendDecision.ts decides and words it (a name only adds "emulated in software")
//   switchBackend.ts  moves to another backend: the caller's tenants (models, cached tensors) are dropped and rebuilt
//   contextLoss.ts    does the same when the browser takes the WebGL context or WebGPU device away
//   threadChoice.ts   times WASM on one thread against more (threadProbeWorker.ts, probeWork.ts), for the page
//                     before its WASM starts and for the training worker before its first job; wasmThreads.ts
//                     sets the count (a worker reads it from its name), threadDecision.ts decides and words it (and
//                     why one thread where that is all: no isolation, no SharedArrayBuffer, too few cores)
// Nothing here writes the store (callers pass a BackendReport), so the training worker imports this index too.
export { chooseBackend, startWorkerWasm } from './backend.ts';
export { moveToBackend, type BackendReport, type BackendTenants } from './switchBackend.ts';
export { watchContextLoss } from './contextLoss.ts';
export { choiceRecord, measureBackendChoice, rememberChoice, rememberedChoice, rememberedRecord, type RememberedChoice } from './measureBackends.ts';
export { startWorkerBackend, type ForcedBackend, type WorkerBackend } from './workerBackend.ts';
export { gpuCandidates, type GpuCandidates } from './gpuCandidates.ts';
export { userChoiceReason } from './backendDecision.ts';
export { choosePageThreads, timeThreads, trainingWorkerName } from './threadChoice.ts';
