// Puts tfjs on a Node backend for tests, benchmarks and CLIs: WASM (fast inference and input gradients) or CPU.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { installKernels } from '../src/model/kernels/index.ts';

const require = createRequire(import.meta.url);

export async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  // Production mode: skips tfjs's debug checks and its "install tfjs-node" banner (not installable here).
  tf.enableProdMode();
  if (name === 'wasm') {
    // Every file by name: the page's backend.ts, when a test imports it, names them by the bundler's addresses.
    const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    const files = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'] as const;
    setWasmPaths(Object.fromEntries(files.map((f) => [f, `${dir}/${f}`])));
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
  // tfjs-wasm lacks Conv2DBackpropFilter (needed even for input gradients of a Layers conv), and BatchNorm's gradient
  // tiles on every backend: ours, as on the page.
  installKernels(name);
}
