import type { StateCreator } from 'zustand';

/** A classification as plain data. */
export interface Prediction {
  probs: number[];
  pred: number;
}

export interface LabSlice {
  /** The clean image's prediction under the selected model, tagged with what it was computed for. */
  clean: { for: string; prediction: Prediction } | { for: string; error: string } | null;
  setClean: (value: LabSlice['clean']) => void;
}

export const createLabSlice: StateCreator<LabSlice, [], [], LabSlice> = (set) => ({
  clean: null,
  setClean: (clean) => set({ clean }),
});

export function toPrediction(probs: ArrayLike<number>): Prediction {
  const p = Array.from(probs);
  return { probs: p, pred: p.indexOf(Math.max(...p)) };
}
