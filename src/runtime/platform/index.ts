// src/runtime/platform: what is about tfjs and the browser themselves, below the lab and training rooms.
//   backend.ts        picks the backend (WebGL -> WASM -> CPU, each proven by one op); sets the WASM file paths
//                     and registers wasmKernels.ts
//   switchBackend.ts  moves to another backend: the caller's tenants (models, cached tensors) are dropped and
//                     rebuilt
//   contextLoss.ts    does the same when the browser takes the WebGL context away
//   wasmKernels.ts    the gradient kernels tfjs-wasm lacks; it imports no store, so Node and the training worker
//                     load it too
//   decodeImage.ts    image blob -> RGBA bytes as stored in the file
//   download.ts       a file the page made, saved through the browser's download
//   isolation.ts      cross-origin isolation (our service worker where the host sends no headers); offline.ts
//                     the offline copy the same worker keeps, and a new version waiting for a reload
//   threadChoice.ts   times WASM on one thread against more (threadProbeWorker.ts, probeWork.ts), for the page
//                     before its WASM starts and for the training worker before its first job; wasmThreads.ts
//                     sets the count (a worker reads it from its name), threadDecision.ts decides and words it
// Bytes -> tensor (imagesFromBytes, src/data/bytesToTensor.ts), the seeded random source
// (src/attacks/seededRandom.ts) and yielding to the event loop (src/attacks/progress.ts) live in the pure
// layers, which may not import the runtime; the bytes conversion is re-exported here for the runtime.
// Nothing here writes the store (callers pass a BackendReport), so the training worker imports this index too;
// Node imports wasmKernels.ts itself (backend.ts bundles the WASM files' addresses, a Vite matter).
export { chooseBackend } from './backend.ts';
export { moveToBackend, type BackendReport, type BackendTenants } from './switchBackend.ts';
export { watchContextLoss } from './contextLoss.ts';
export { measureBackendChoice, rememberChoice, rememberedChoice, webglRenderer } from './measureBackends.ts';
export { userChoiceReason } from './backendDecision.ts';
export { ensureIsolation } from './isolation.ts';
export { choosePageThreads, timeThreads, trainingWorkerName } from './threadChoice.ts';
export { downloadBlob } from './download.ts';
export { decodeToRgba, imageSize, type SquareRegion } from './decodeImage.ts';
export { IMAGE_SHAPE, imagesFromBytes } from '../../data/bytesToTensor.ts';
export { updateToNewVersion, watchOffline, type OfflineReport } from './offline.ts';
