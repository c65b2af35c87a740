import type { StateCreator } from 'zustand';
import { DEFENDED_MODEL_ID, ROBUST_MODEL_ID, STANDARD_MODEL_ID } from '../model/shipped.ts';

/** Where a model's weights come from: shipped with the site, saved in this browser, uploaded, or the copy being trained. */
export type ModelSource = 'bundled' | 'upload' | 'saved' | 'training';

/** Figures from a model's card.json, when it has one. */
export interface ModelCardSummary {
  parameters?: number;
  cleanAccuracy?: number;
  robustAccuracy?: number;
  method?: string;
  /** The worst case of APGD-CE, APGD-T and Square at 8/255, with PGD-20 on the same n images. */
  reliable?: { accuracy: number; pgd20: number; n: number };
}

export interface ModelInfo {
  id: string;
  name: string;
  source: ModelSource;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  message?: string;
  card?: ModelCardSummary;
  /** A shipped model behind a non-differentiable defence: what it does (the lab then offers BPDA). */
  defence?: string;
}

export interface ModelSlice {
  models: ModelInfo[];
  selectedModelId: string;
  modelError: string | null;
  /** Bumped when a model's weights change (training): views computed for an older version are redone. */
  modelVersions: Record<string, number>;
  bumpModelVersion: (id: string) => void;
  removeModel: (id: string) => void;
  addModel: (info: ModelInfo) => void;
  updateModel: (id: string, patch: Partial<ModelInfo>) => void;
  selectModel: (id: string) => void;
  setModelError: (message: string | null) => void;
}

export const BUNDLED_MODELS: ModelInfo[] = [
  { id: STANDARD_MODEL_ID, name: 'Standard CNN', source: 'bundled', status: 'idle' },
  { id: ROBUST_MODEL_ID, name: 'Robust CNN (adversarially trained)', source: 'bundled', status: 'idle' },
  {
    id: DEFENDED_MODEL_ID,
    name: 'Defended CNN (input quantisation)',
    source: 'bundled',
    status: 'idle',
    defence: 'the standard CNN behind a rounding of every pixel to 8 bits',
  },
];

export const createModelSlice: StateCreator<ModelSlice, [], [], ModelSlice> = (set, get) => ({
  models: BUNDLED_MODELS,
  selectedModelId: STANDARD_MODEL_ID,
  modelError: null,
  modelVersions: {},
  bumpModelVersion: (id) => set({ modelVersions: { ...get().modelVersions, [id]: (get().modelVersions[id] ?? 0) + 1 } }),
  removeModel: (id) => {
    const rest = get().models.filter((m) => m.id !== id);
    set({ models: rest, selectedModelId: get().selectedModelId === id ? (rest[0]?.id ?? STANDARD_MODEL_ID) : get().selectedModelId });
  },
  addModel: (info) => set({ models: [...get().models.filter((m) => m.id !== info.id), info] }),
  updateModel: (id, patch) => set({ models: get().models.map((m) => (m.id === id ? { ...m, ...patch } : m)) }),
  selectModel: (id) => {
    if (get().models.some((m) => m.id === id)) set({ selectedModelId: id });
  },
  setModelError: (modelError) => set({ modelError }),
});

export const selectedModel = (s: ModelSlice): ModelInfo | undefined => s.models.find((m) => m.id === s.selectedModelId);

/** The selected model and the version of its weights: what every derived view is keyed on. */
export const modelKey = (s: ModelSlice): string => `${s.selectedModelId}@${s.modelVersions[s.selectedModelId] ?? 0}`;
