// Times WASM on one thread against the default count, each in a probe worker of its own (tfjs fixes a context's
// count when its WASM starts, so a context cannot try both itself), and keeps the faster: for the page before its
// WASM starts (the lab's attack step), and for the training worker before the first job starts it (a training step).
// Only where more than one thread could run at all (cross-origin isolated with SharedArrayBuffer, and tfjs's cap of
// half the logical cores above one: threadDecision.ts's threadLimit); remembered per job and core count in this browser, so it is paid once.
import type { ThreadChoice } from '../../state/backendSlice.ts';
import { decideThreads, type ThreadJob, type ThreadTiming } from './threadDecision.ts';
import { configureWasmThreads, defaultWasmThreads, threadSupport, workerNameForThreads } from './wasmThreads.ts';

const STORAGE_KEY = 'epsilon-wasm-threads';
/** A probe worker that has not answered by then (its WASM failed to start, say) counts as failed. */
const PROBE_TIMEOUT_MS = 30_000;

function timeIn(threads: number, job: ThreadJob): Promise<ThreadTiming | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./threadProbeWorker.ts', import.meta.url), { type: 'module', name: workerNameForThreads(threads) });
    } catch {
      resolve(null);
      return;
    }
    const end = (t: ThreadTiming | null) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(t);
    };
    const timer = setTimeout(() => end(null), PROBE_TIMEOUT_MS);
    worker.onmessage = (e: MessageEvent<ThreadTiming | { error: string }>) => end('error' in e.data ? null : e.data);
    worker.onerror = () => end(null);
    worker.postMessage(job);
  });
}

type Remembered = Partial<Record<ThreadJob, ThreadChoice & { cores: number }>>;

function rememberedAll(): Remembered {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as unknown;
    return saved !== null && typeof saved === 'object' ? (saved as Remembered) : {};
  } catch {
    return {};
  }
}

function remembered(job: ThreadJob, cores: number): ThreadChoice | null {
  const saved = rememberedAll()[job];
  return saved?.cores === cores && Number.isInteger(saved.threads) && saved.threads >= 1 && typeof saved.reason === 'string'
    ? { threads: saved.threads, reason: saved.reason }
    : null;
}

function remember(job: ThreadJob, cores: number, choice: ThreadChoice): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...rememberedAll(), [job]: { ...choice, cores } } satisfies Remembered));
  } catch {
    // Storage can be refused (private mode): the next visit measures again.
  }
}

/** Whether there is a choice to make here: more than one thread could run. */
export const threadsToChoose = (): boolean => threadSupport().worthTiming;

/**
 * The remembered or freshly timed choice for `job`; null where there is nothing to choose or the timing failed.
 * `onTiming` is told when it times (seconds, once in this browser).
 */
export async function timeThreads(job: ThreadJob, onTiming?: () => void): Promise<ThreadChoice | null> {
  if (!threadsToChoose()) return null;
  const cores = navigator.hardwareConcurrency;
  const known = remembered(job, cores);
  if (known) return { threads: known.threads, reason: `${known.reason}, remembered from an earlier visit` };
  onTiming?.();
  const one = await timeIn(1, job);
  const many = one && (await timeIn(defaultWasmThreads(), job));
  if (!one || !many) return null;
  const choice = decideThreads(job, one, many);
  remember(job, cores, choice);
  return choice;
}

/** The page's count, timed on an attack step and set; must run before the page's WASM starts. */
export async function choosePageThreads(): Promise<ThreadChoice | null> {
  const choice = await timeThreads('attack');
  if (choice) configureWasmThreads(choice.threads);
  return choice;
}

/** The training worker's name: the timed choice's thread count, else the default. */
export const trainingWorkerName = (choice: ThreadChoice | null): string => workerNameForThreads(choice?.threads ?? defaultWasmThreads());
