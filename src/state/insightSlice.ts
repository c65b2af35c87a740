import type { Verdict } from './verdict.ts';
import type { StateCreator } from 'zustand';

/** Distance to the decision boundary, three ways, for one image and model. */
export interface BoundaryReadout {
  for: string;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  progress: number;
  message?: string;
  /** Smallest L-infinity eps at which PGD succeeds (null: not even at the search's maximum). */
  minimalEps?: number | null;
  deepfoolL2?: number | null;
  cwL2?: number | null;
}

/** The adversarial image shown, classified by every model. */
export interface TransferRow {
  modelId: string;
  name: string;
  pred: number;
  prob: number;
  /** The same rules as the lab's verdict, with this model's own answer on the clean image. */
  verdict: Verdict;
  fooled: boolean;
  attacked: boolean;
}

export interface InsightSlice {
  boundary: BoundaryReadout | null;
  transfer: { for: string; rows: TransferRow[] } | { for: string; error: string } | null;
  setBoundary: (b: BoundaryReadout | null) => void;
  setTransfer: (t: InsightSlice['transfer']) => void;
}

export const createInsightSlice: StateCreator<InsightSlice, [], [], InsightSlice> = (set) => ({
  boundary: null,
  transfer: null,
  setBoundary: (boundary) => set({ boundary }),
  setTransfer: (transfer) => set({ transfer }),
});
