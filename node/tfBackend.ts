// Puts tfjs on a Node backend for tests, benchmarks and CLIs: WASM (fast inference and input gradients) or CPU.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { registerWasmTrainingKernels } from '../src/runtime/platform/wasmKernels.ts';

const require = createRequire(import.meta.url);
let wasmPathSet = false;

export async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  // Production mode: skips tfjs's debug checks and its "install tfjs-node" banner (not installable here).
  tf.enableProdMode();
  // tfjs-wasm lacks Conv2DBackpropFilter (needed even for input gradients of a Layers conv): ours fill it in.
  registerWasmTrainingKernels();
  if (name === 'wasm' && !wasmPathSet) {
    setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
    wasmPathSet = true;
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
}
