import type { StateCreator } from 'zustand';

/** tfjs's backends the page can run on, the GPUs first. */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
/** In the page's words. */
export const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'plain JavaScript' };

/** How the page came to be cross-origin isolated, or why it is not (runtime/offline/isolation.ts finds it). */
export type Isolation = 'headers' | 'service worker' | 'switched off' | 'next visit' | 'unavailable';

/**
 * The site saved in this browser for offline use by our service worker (runtime/offline/offline.ts): none where
 * there is no worker (`npm run dev`, `?isolate=0`, a browser without service workers); checking until it is known.
 */
export type OfflineCopy = 'checking' | 'none' | 'saving' | 'saved' | 'failed';

export interface Offline {
  copy: OfflineCopy;
  /** The browser's word on the network (navigator.onLine). */
  online: boolean;
  /** A new deployment is saved and waits for the user's reload. */
  updateReady: boolean;
}

export interface BackendInfo {
  name: BackendName;
  /** WebGL can render to float32 textures; when false, tfjs falls back to float16 and training may go NaN. */
  float32RenderTargets: boolean;
  /** Why the backends before this one were not used. */
  fallbacks: string[];
  /** Why this backend was chosen, in words a student understands (measured, the link's, the user's). */
  reason?: string;
  /** Who chose it: a link's backend= or the user is carried by links; a measurement is this machine's own. */
  chosenBy?: 'link' | 'user' | 'measurement';
  /** WASM only: its thread count, and how the page became cross-origin isolated (which threads need) or why not. */
  wasm?: WasmThreading;
}

export interface WasmThreading {
  threads: number;
  isolation: Isolation;
  /** Where one thread is all that can run here: why (no isolation, no SharedArrayBuffer, too few cores). */
  oneThreadBecause?: string;
}

/** WASM threads timed, one against more (runtime/backend/threadChoice.ts), and what was kept. */
export interface ThreadChoice {
  threads: number;
  /** The times and the choice, in words a student understands. */
  reason: string;
}

/** Where training runs: in a worker on the backend it timed fastest there, or on the page where no worker could. */
export interface TrainingBackend {
  where: 'worker' | 'page';
  name: BackendName;
  /** Why, in words a student understands. */
  reason: string;
}

export interface BackendSlice {
  backend: { status: 'starting' } | { status: 'ready'; info: BackendInfo } | { status: 'failed'; message: string };
  setBackendReady: (info: BackendInfo) => void;
  setBackendFailed: (message: string) => void;
  /** The page's (its attacks') and the training worker's; null where nothing was timed (one thread is all that could run, or the timing failed). */
  threadChoice: { page: ThreadChoice | null; training: ThreadChoice | null };
  setThreadChoice: (of: 'page' | 'training', choice: ThreadChoice | null) => void;
  /** Where the last training job ran, and why; null before the first. */
  trainingBackend: TrainingBackend | null;
  setTrainingBackend: (where: TrainingBackend | null) => void;
  offline: Offline;
  setOffline: (change: Partial<Offline>) => void;
}

export const createBackendSlice: StateCreator<BackendSlice, [], [], BackendSlice> = (set) => ({
  backend: { status: 'starting' },
  setBackendReady: (info) => set({ backend: { status: 'ready', info } }),
  setBackendFailed: (message) => set({ backend: { status: 'failed', message } }),
  threadChoice: { page: null, training: null },
  setThreadChoice: (of, choice) => set((s) => ({ threadChoice: { ...s.threadChoice, [of]: choice } })),
  trainingBackend: null,
  setTrainingBackend: (trainingBackend) => set({ trainingBackend }),
  offline: { copy: 'checking', online: true, updateReady: false },
  setOffline: (change) => set((s) => ({ offline: { ...s.offline, ...change } })),
});
