// How many threads tfjs-backend-wasm runs on. Where the context is cross-origin isolated (its threaded build needs
// SharedArrayBuffer, which only isolation grants) the default is one per logical core (capped), else one; the page
// may then time one thread against the default (threadChoice.ts) and keep the faster. A Web Worker learns its count
// from its name (the page names the training worker and the probe workers), read before its WASM backend starts.
// tfjs-backend-wasm itself caps the count at half the logical cores (it assumes two hardware threads per core), so
// what runs is read back from it, not assumed.
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { WasmThreading } from '../../state/backendSlice.ts';
import { isolation } from '../offline/index.ts';

/**
 * tfjs-backend-wasm 4.22 starts a pool of 8 pthread workers; a thread beyond them would need a worker started
 * while the calling thread blocks in XNNPACK, so 8 is also where more threads stop helping.
 */
const MAX_WASM_THREADS = 8;
const WORKER_NAME = /^epsilon-wasm-threads=(\d+)$/;

/** The count asked for when nothing was measured. */
export function defaultWasmThreads(): number {
  const cores = (typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency) ?? 1;
  return globalThis.crossOriginIsolated ? Math.max(1, Math.min(cores, MAX_WASM_THREADS)) : 1;
}

/** The name to start a worker with so that its WASM runs on `threads` threads. */
export const workerNameForThreads = (threads: number): string => `epsilon-wasm-threads=${threads}`;

/** The count a worker's name asks for (workerNameForThreads), within 1..8; null for any other name. */
export function threadsFromWorkerName(name: unknown): number | null {
  const m = typeof name === 'string' ? WORKER_NAME.exec(name) : null;
  return m ? Math.max(1, Math.min(Number(m[1]), MAX_WASM_THREADS)) : null;
}

/** Must run before the WASM backend initialises (tfjs reads the count once, at init). */
export function configureWasmThreads(threads?: number): void {
  setThreadsCount(threads ?? threadsFromWorkerName((globalThis as { name?: unknown }).name) ?? defaultWasmThreads());
}

/** What the running WASM backend got (its own count), as plain data. */
export const wasmThreading = (): WasmThreading => ({ threads: getThreadsCount(), isolation: isolation() });
