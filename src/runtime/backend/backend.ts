// Starts tfjs backends, always with our kernels, and chooses one: from the one preferred (measured, a link's, the
// user's) down WebGPU -> WebGL (float32 render targets) -> WASM -> CPU, saying why it fell back. The WebGPU backend
// is loaded on demand (webgpu.ts).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendInfo, BackendName } from '../../state/backendSlice.ts';
import { installKernels } from '../../model/kernels/index.ts';
import { errorMessage } from '../../lib/index.ts';
import { configureWasmThreads, wasmThreading } from './wasmThreads.ts';
import { loadWebgpu } from './webgpu.ts';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

// On import, before any WASM starts here: tfjs reads the thread count once, at init (a worker's comes from its name).
configureWasmThreads();

const ORDER: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * Puts tfjs on `name` with the kernels it needs of ours (src/model/kernels: tfjs-wasm lacks the filter gradient that
 * even input gradients of a Layers conv need, its MaxPoolGrad is wrong for negative windows, and BatchNorm's
 * gradient tiles on every backend). False where the browser has no such backend. Every start goes through here.
 */
export async function startTfBackend(name: BackendName): Promise<boolean> {
  if (name === 'webgpu' && !(await loadWebgpu())) return false;
  if (!(await tf.setBackend(name))) return false;
  await tf.ready();
  installKernels(name);
  return true;
}

/** WASM in a worker of ours (the probe and training workers), or an error saying it is not there. */
export async function startWorkerWasm(): Promise<void> {
  if (!(await startTfBackend('wasm'))) throw new Error('WASM is not available in this worker');
}

/** Starts `name` and proves it with one tiny op; null when it works, else what went wrong. */
export async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (!(await startTfBackend(name))) return `${name} is not available in this browser`;
    // A backend can initialise and still fail on first use; one tiny op proves it works.
    const probe = tf.tidy(() => tf.sum(tf.mul(tf.ones([2, 2]), 2)));
    const value = (await probe.data())[0];
    probe.dispose();
    return value === 8 ? null : `${name} computed a wrong result`;
  } catch (e) {
    return `${name} failed: ${errorMessage(e)}`;
  }
}

/** Picks the first working backend from `preferred` on (a GPU is tried only where it was preferred or timed). */
export async function chooseBackend(preferred: BackendName = 'webgl'): Promise<BackendInfo> {
  const fallbacks: string[] = [];
  for (const name of ORDER.slice(ORDER.indexOf(preferred))) {
    const problem = await tryBackend(name);
    if (problem === null) {
      const float32 = name === 'webgl' ? Boolean(tf.env().getBool('WEBGL_RENDER_FLOAT32_CAPABLE')) : true;
      return { name, float32RenderTargets: float32, fallbacks, ...(name === 'wasm' && { wasm: wasmThreading() }) };
    }
    fallbacks.push(problem);
  }
  throw new Error(`No tfjs backend works here: ${fallbacks.join('; ')}`);
}
