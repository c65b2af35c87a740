// src/runtime/backend: tfjs's backend in this browser, below the lab and training rooms.
//   backend.ts        starts a backend with our kernels (src/model/kernels) and picks one (WebGL -> WASM -> CPU, each
//                     proven by one op); sets the WASM file paths; starts WASM in our workers
//   measureBackends.ts  times WebGL against WASM where WebGL is emulated in software (probeWork.ts), remembered per
//                     renderer; backendDecision.ts decides and words it
//   switchBackend.ts  moves to another backend: the caller's tenants (models, cached tensors) are dropped and rebuilt
//   contextLoss.ts    does the same when the browser takes the WebGL context away
//   threadChoice.ts   times WASM on one thread against more (threadProbeWorker.ts, probeWork.ts), for the page
//                     before its WASM starts and for the training worker before its first job; wasmThreads.ts
//                     sets the count (a worker reads it from its name), threadDecision.ts decides and words it
// Nothing here writes the store (callers pass a BackendReport), so the training worker imports this index too.
export { chooseBackend, startWorkerWasm } from './backend.ts';
export { moveToBackend, type BackendReport, type BackendTenants } from './switchBackend.ts';
export { watchContextLoss } from './contextLoss.ts';
export { measureBackendChoice, rememberChoice, rememberedChoice, webglRenderer } from './measureBackends.ts';
export { userChoiceReason } from './backendDecision.ts';
export { choosePageThreads, timeThreads, trainingWorkerName } from './threadChoice.ts';
