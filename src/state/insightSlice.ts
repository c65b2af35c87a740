import type { Verdict } from './verdict.ts';
import type { JobStatus } from './measurement.ts';
import type { StateCreator } from 'zustand';
import { currentImage, type GallerySlice } from './gallerySlice.ts';
import { modelKey, type ModelSlice } from './modelSlice.ts';

/**
 * The models the insight views compare: the shipped undefended and robust pair, plus the lab's model when it is
 * another one (a model you trained, saved or uploaded, or the defended one), so a student sees it beside the two.
 */
export function comparedModels(s: ModelSlice): { id: string; name: string }[] {
  return s.models.filter((m) => (m.source === 'bundled' && !m.defence) || m.id === s.selectedModelId).map((m) => ({ id: m.id, name: m.name }));
}

/** The lab's model when it is not one of the shipped pair. */
const ownModelId = (s: ModelSlice): string | null =>
  s.models.some((m) => m.id === s.selectedModelId && (m.source !== 'bundled' || m.defence)) ? s.selectedModelId : null;

/**
 * What an insight view was computed for: the image, and the lab's own model when it is compared too. With
 * `weights`, also that model's weights version (the gradient view follows training; the landscape, drawn on
 * request, is not thrown away at every weight update).
 */
export function insightKeyOf(s: GallerySlice & ModelSlice, weights: boolean): string | null {
  const img = currentImage(s);
  if (!img) return null;
  const own = ownModelId(s);
  return own ? `${img.key}|${weights ? modelKey(s) : own}` : img.key;
}

/** Distance to the decision boundary, three ways, for one image and model. */
export interface BoundaryReadout {
  for: string;
  /** Null until asked for, so never idle. */
  status: Exclude<JobStatus, 'idle'>;
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
  /** insightKeyOf(state, true) when it was computed. */
  for: string;
  /** A cancelled computation is dropped from the store (cancelGradients), never shown as cancelled. */
  status: Exclude<JobStatus, 'idle' | 'cancelled'>;
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
  /** insightKeyOf(state, false) when it was drawn. */
  for: string;
  status: Exclude<JobStatus, 'idle'>;
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
