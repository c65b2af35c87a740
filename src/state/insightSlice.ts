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

/** One model's input gradient for the image, drawn (see src/insights/gradientMaps.ts). */
export interface GradientMaps {
  modelId: string;
  name: string;
  /** The class whose cross-entropy was differentiated. */
  reference: number;
  /** Channel-summed |gradient|, grey, 32x32 RGB bytes. */
  magnitude: Uint8Array;
  /** Channel-summed gradient, red (+) / white (0) / blue (-), 32x32 RGB bytes. */
  signed: Uint8Array;
}

export interface GradientReadout {
  /** The image's key (currentImage(s).key): the shipped models never change. */
  for: string;
  status: 'running' | 'done' | 'failed';
  maps: GradientMaps[];
  message?: string;
}

/** One model's decision landscape around the image (src/insights/landscape.ts), as plain data. */
export interface LandscapeMap {
  modelId: string;
  name: string;
  size: number;
  /** Largest coefficient along each axis, in pixel units. */
  radius: number;
  /** Predicted class per grid point, row-major: columns along the attack direction, rows along the random one. */
  pred: Uint8Array;
  confidence: Float32Array;
  /** Cross-entropy at the reference class along the attack direction, one value per column. */
  lossAlong: Float32Array;
  /** Where the adversarial example lies: coefficient along the attack direction (it is on that axis). */
  adversarialAt: number | null;
}

export interface LandscapeReadout {
  /** The image's key. */
  for: string;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  progress: number;
  /** The class whose loss is plotted: the true label; -1 for the user's image (each model's own answer). */
  reference: number;
  /** What the attack axis is, said for people. */
  direction: string;
  /** What the marked adversarial example is, said for people. */
  marker: string;
  maps: LandscapeMap[];
  message?: string;
}

export interface InsightSlice {
  boundary: BoundaryReadout | null;
  transfer: { for: string; rows: TransferRow[] } | { for: string; error: string } | null;
  gradients: GradientReadout | null;
  landscape: LandscapeReadout | null;
  setBoundary: (b: BoundaryReadout | null) => void;
  setTransfer: (t: InsightSlice['transfer']) => void;
  setGradients: (g: GradientReadout | null) => void;
  setLandscape: (l: LandscapeReadout | null) => void;
}

export const createInsightSlice: StateCreator<InsightSlice, [], [], InsightSlice> = (set) => ({
  boundary: null,
  transfer: null,
  gradients: null,
  landscape: null,
  setGradients: (gradients) => set({ gradients }),
  setLandscape: (landscape) => set({ landscape }),
  setBoundary: (boundary) => set({ boundary }),
  setTransfer: (transfer) => set({ transfer }),
});
