import type { StateCreator } from 'zustand';

/** Parts of the lab an instructor can hide (URL flag `hide`). */
export const HIDEABLE = [
  'header',
  'model',
  'gallery',
  'upload',
  'controls',
  'explanation',
  'perturbation',
  'bars',
  'readout',
  'trajectory',
  'boundary',
  'transfer',
  'share',
  'gradient',
  'landscape',
  'training',
  'robustness',
  'corruptions',
  'status',
] as const;
export type Hideable = (typeof HIDEABLE)[number];

export interface ViewFlags {
  /** How the perturbation is drawn: amplified RGB around grey, or a diverging colour map. */
  colormap: 'amplified' | 'diverging';
  hidden: Hideable[];
  /** Larger text for projection. */
  bigText: boolean;
}

export interface UiSlice {
  view: ViewFlags;
  notice: string | null;
  setView: (patch: Partial<ViewFlags>) => void;
  setNotice: (notice: string | null) => void;
}

export const DEFAULT_VIEW: ViewFlags = { colormap: 'amplified', hidden: [], bigText: false };

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set, get) => ({
  view: DEFAULT_VIEW,
  notice: null,
  setView: (patch) => set({ view: { ...get().view, ...patch } }),
  setNotice: (notice) => set({ notice }),
});

export const isHidden = (s: UiSlice, part: Hideable) => s.view.hidden.includes(part);
