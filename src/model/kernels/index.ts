// src/model/kernels: the kernels and gradients our models need beyond what tfjs 4.22 ships. Pure TypeScript over
// tfjs (Node, the page and its workers load them alike); installKernels() puts them in tfjs's registry where a
// backend starts: runtime/backend (the page's start and switch, its probe and training workers) and node/tfBackend.ts.
//   wasmKernels.ts        the WASM backend's missing filter gradient, a faster input gradient and a MaxPoolGrad that
//                         is right for negative windows (registered for 'wasm' only)
//   batchNormGradient.ts  FusedBatchNorm's gradient by broadcasting instead of tfjs's Tile (every backend)
//   webgpuKernels.ts      a Transpose for tfjs-webgpu that works on int32 storage (registered for 'webgpu' only)
//   turnedFilter.ts       a filter turned by 180 degrees with its channels swapped: the stride-1 input gradient's
//                         filter, shared with model/foldedModel.ts
import * as tf from '@tensorflow/tfjs';
import { fusedBatchNormGradient } from './batchNormGradient.ts';
import { registerWasmTrainingKernels } from './wasmKernels.ts';
import { registerWebgpuKernels } from './webgpuKernels.ts';

/**
 * Registers what `backendName` (by default the active backend: call it once that is set) needs of ours: the
 * broadcasting BatchNorm gradient everywhere, the training kernels on WASM, a working Transpose on WebGPU.
 * Idempotent: it compares with tfjs's registry, not a flag of its own, so it also puts ours back where something
 * registered over them.
 */
export function installKernels(backendName: string = tf.getBackend()): void {
  if (tf.getGradient(fusedBatchNormGradient.kernelName) !== fusedBatchNormGradient) tf.registerGradient(fusedBatchNormGradient);
  if (backendName === 'wasm') registerWasmTrainingKernels();
  if (backendName === 'webgpu') registerWebgpuKernels();
}
