// "Measure robustness": the worst case per image over APGD-CE, APGD-T and Square, beside PGD-20, for one model.
// Plain data: the runtime (runtime/training/reliableRunner.ts) writes each figure as it is measured.
import type { StateCreator } from 'zustand';

export interface ReliableFigureState {
  /** 'clean', 'PGD-20', or a stage's label. */
  label: string;
  accuracy: number;
  /** Images this attack ran on (those still standing). */
  attacked: number;
  seconds: number;
}

export interface ReliableSlice {
  reliable: {
    status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
    progress: number;
    /** What runs now ('clean', 'PGD-20' or a stage). */
    running?: string;
    /** performance.now() when the job started, for the time estimate. */
    startedAt?: number;
    modelId?: string;
    modelName?: string;
    n: number;
    /** L-infinity, in [0,1]. */
    eps: number;
    /** The stages in order, with their budgets in words. */
    stages: { label: string; budget: string }[];
    /** The figures measured so far, in order. */
    figures: ReliableFigureState[];
    message?: string;
  };
  setReliable: (patch: Partial<ReliableSlice['reliable']>) => void;
}

export const createReliableSlice: StateCreator<ReliableSlice, [], [], ReliableSlice> = (set, get) => ({
  reliable: { status: 'idle', progress: 0, n: 0, eps: 8 / 255, stages: [], figures: [] },
  setReliable: (patch) => set({ reliable: { ...get().reliable, ...patch } }),
});
