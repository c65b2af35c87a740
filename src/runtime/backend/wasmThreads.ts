// How many threads tfjs-backend-wasm runs on. Where the context is cross-origin isolated (its threaded build needs
// SharedArrayBuffer, which only isolation grants, and WebKit withholds even then) the default is one per logical core
// (capped), else one; the page may then time one thread against the default (threadChoice.ts) and keep the faster. A Web Worker learns its count
// from its name (the page names the training worker and the probe workers), read before its WASM backend starts.
// tfjs-backend-wasm itself caps the count at half the logical cores (it assumes two hardware threads per core), so
// what runs is read back from it, not assumed.
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { WasmThreading } from '../../state/backendSlice.ts';
import { isolation } from '../offline/index.ts';
import { MAX_WASM_THREADS, threadLimit } from './threadDecision.ts';

const WORKER_NAME = /^epsilon-wasm-threads=(\d+)$/;

/** What this context (the page or a worker) offers WASM threads: the count to ask for, and why one where that is all. */
export const threadSupport = () =>
  threadLimit({
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    cores: (typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency) ?? 1,
  });

/** The count asked for when nothing was measured. */
export const defaultWasmThreads = (): number => threadSupport().threads;

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

/** What the running WASM backend got (its own count), as plain data, and why one thread where that is all it has. */
export function wasmThreading(): WasmThreading {
  const threads = getThreadsCount();
  const why = threadSupport().oneBecause;
  return { threads, isolation: isolation(), ...(threads === 1 && why !== null && { oneThreadBecause: why }) };
}
