// "Common corruptions": accuracy per corruption and severity for the chosen models, as plain data. The runtime
// (runtime/training/corruptionRunner.ts) writes each model's sweep as it finishes.
import type { StateCreator } from 'zustand';

export interface CorruptionSeries {
  modelId: string;
  modelName: string;
  clean: number;
  /** By corruption id: accuracy at severities 1..5. */
  accuracy: Record<string, number[]>;
}

/** One corruption the sweep measured: a chart. */
export interface CorruptionKind {
  id: string;
  label: string;
}

export interface CorruptionSlice {
  corruptions: {
    status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
    progress: number;
    startedAt?: number;
    n: number;
    /** The corruptions of the sweep, in order (the views draw these, without the image code). */
    kinds: CorruptionKind[];
    series: CorruptionSeries[];
    message?: string;
  };
  setCorruptions: (patch: Partial<CorruptionSlice['corruptions']>) => void;
}

export const createCorruptionSlice: StateCreator<CorruptionSlice, [], [], CorruptionSlice> = (set, get) => ({
  corruptions: { status: 'idle', progress: 0, n: 0, kinds: [], series: [] },
  setCorruptions: (patch) => set({ corruptions: { ...get().corruptions, ...patch } }),
});
