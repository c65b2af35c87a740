import type { StateCreator } from 'zustand';
import { currentImage, type GallerySlice } from './gallerySlice.ts';
import { modelKey, type ModelSlice } from './modelSlice.ts';

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

/**
 * What the clean prediction of the image on screen is computed for (and the boundary readout, which depends on
 * the same two things): the image and the selected model's weights. Results carry it in `for`; a view shows a
 * result only while its key is still this one.
 */
export function cleanKeyOf(s: GallerySlice & ModelSlice): string | null {
  const img = currentImage(s);
  return img ? `${img.key}|${modelKey(s)}` : null;
}
