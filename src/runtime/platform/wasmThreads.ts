// How many threads tfjs-backend-wasm runs on: one per logical core (capped) where the context is cross-origin
// isolated, else one (its threaded build needs SharedArrayBuffer, which only isolation grants). Used by the page
// and by the training worker (both import backend.ts), each before its WASM backend starts. tfjs-backend-wasm
// itself then caps the count at half the logical cores (it assumes two hardware threads per core), so what runs
// is read back from it, not assumed.
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { WasmThreading } from '../../state/backendSlice.ts';
import { isolation } from './isolation.ts';

/**
 * tfjs-backend-wasm 4.22 starts a pool of 8 pthread workers; a thread beyond them would need a worker started
 * while the calling thread blocks in XNNPACK, so 8 is also where more threads stop helping.
 */
const MAX_WASM_THREADS = 8;

/** Must run before the WASM backend initialises (tfjs reads the count once, at init). */
export function configureWasmThreads(): void {
  const cores = (typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency) ?? 1;
  setThreadsCount(globalThis.crossOriginIsolated ? Math.max(1, Math.min(cores, MAX_WASM_THREADS)) : 1);
}

/** What the running WASM backend got (its own count), as plain data. */
export const wasmThreading = (): WasmThreading => ({ threads: getThreadsCount(), isolation: isolation() });
