import type { StateCreator } from 'zustand';
import type { RecipeSettings } from '../training/catalog.ts';
import type { MethodOf } from '../training/catalog.ts';
import { CLASS_PRESET } from './trainingPresets.ts';
import type { TrainingMethodChoice, TrainingSettings } from './trainingChoices.ts';

export { TRAINING_CHOICES, type TrainingMethodChoice, type TrainingSettings } from './trainingChoices.ts';

/** The page's defaults: the class-time recipe (trainingPresets.ts, chosen by scripts/train/class_recipe_sweep.py). */
export const DEFAULT_TRAINING: TrainingSettings = CLASS_PRESET.settings;

/** The method the settings train with. */
export const chosenMethod = (s: TrainingSettings): MethodOf<TrainingMethodChoice> => s.methods[s.method];

export interface TrainingPoint {
  step: number;
  examples: number;
  loss: number;
  imagesPerSecond: number;
  elapsedMs: number;
  cleanAccuracy?: number;
  robustAccuracy?: number;
  fgsmAccuracy?: number;
  /** Held-out images behind the accuracies, and the robust check's attack ("PGD-3"). */
  images?: number;
  attack?: string;
}

/** The game on one watched training batch, before its update. */
export interface GamePoint {
  step: number;
  examples: number;
  cleanLoss: number;
  adversarialLoss: number;
  /** Share of the images the model got right clean that the attack made it get wrong. */
  attackerSuccess: number;
}

/** The latest watched batch's adversarial images with the labels and the model's answers. */
export interface AdversarialStrip {
  step: number;
  images: Uint8Array;
  labels: number[];
  predictions: number[];
}

/** The final held-out check of a run. */
export interface FinalCheck {
  examples: number;
  images: number;
  attack: string;
  eps: number;
  cleanAccuracy: number;
  robustAccuracy: number;
  perClass: { counts: number[]; clean: number[]; robust: number[] };
}

export type TrainingStatus = 'idle' | 'preparing' | 'running' | 'paused' | 'checking' | 'finished' | 'stopped' | 'restored' | 'failed';

export interface TrainingSlice {
  trainingSettings: TrainingSettings;
  training: { status: TrainingStatus; baseModelId: string | null; message: string | null; etaMs: number | null; progress: number };
  history: TrainingPoint[];
  game: GamePoint[];
  strip: AdversarialStrip | null;
  finalCheck: FinalCheck | null;
  setTrainingSetting: <K extends keyof RecipeSettings | 'method'>(key: K, value: TrainingSettings[K]) => void;
  /** Sets a parameter of the chosen method. */
  setMethodParam: (field: string, value: number | boolean) => void;
  resetTrainingSettings: () => void;
  /** Replaces the whole recipe (a preset). */
  applyTrainingSettings: (settings: TrainingSettings) => void;
  setTraining: (patch: Partial<TrainingSlice['training']>) => void;
  pushHistory: (p: TrainingPoint) => void;
  pushGame: (g: GamePoint, strip: AdversarialStrip | null) => void;
  setFinalCheck: (c: FinalCheck | null) => void;
  /** Forgets the run's history, game, strip and final check. */
  clearHistory: () => void;
}

export const createTrainingSlice: StateCreator<TrainingSlice, [], [], TrainingSlice> = (set, get) => ({
  trainingSettings: DEFAULT_TRAINING,
  training: { status: 'idle', baseModelId: null, message: null, etaMs: null, progress: 0 },
  history: [],
  game: [],
  strip: null,
  finalCheck: null,
  setTrainingSetting: (key, value) => set({ trainingSettings: { ...get().trainingSettings, [key]: value } }),
  setMethodParam: (field, value) => {
    const s = get().trainingSettings;
    set({ trainingSettings: { ...s, methods: { ...s.methods, [s.method]: { ...s.methods[s.method], [field]: value } } } });
  },
  resetTrainingSettings: () => set({ trainingSettings: DEFAULT_TRAINING }),
  applyTrainingSettings: (trainingSettings) => set({ trainingSettings }),
  setTraining: (patch) => set({ training: { ...get().training, ...patch } }),
  pushHistory: (p) => set({ history: [...get().history, p] }),
  pushGame: (g, strip) => set({ game: [...get().game, g], ...(strip ? { strip } : {}) }),
  setFinalCheck: (finalCheck) => set({ finalCheck }),
  clearHistory: () => set({ history: [], game: [], strip: null, finalCheck: null }),
});
