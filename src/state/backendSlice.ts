import type { StateCreator } from 'zustand';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** WebGL can render to float32 textures; when false, tfjs falls back to float16 and training may go NaN. */
  float32RenderTargets: boolean;
  /** Why the backends before this one were not used. */
  fallbacks: string[];
}

export interface BackendSlice {
  backend: { status: 'starting' } | { status: 'ready'; info: BackendInfo } | { status: 'failed'; message: string };
  setBackendReady: (info: BackendInfo) => void;
  setBackendFailed: (message: string) => void;
}

export const createBackendSlice: StateCreator<BackendSlice, [], [], BackendSlice> = (set) => ({
  backend: { status: 'starting' },
  setBackendReady: (info) => set({ backend: { status: 'ready', info } }),
  setBackendFailed: (message) => set({ backend: { status: 'failed', message } }),
});
