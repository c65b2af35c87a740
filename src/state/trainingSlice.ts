import type { StateCreator } from 'zustand';
import type { RecipeSettings } from '../training/config.ts';
import { TRAINING_METHODS, TRAINING_METHOD_KINDS, type MethodOf, type TrainingMethodKind } from '../training/methods.ts';

/** The methods the page offers (clean training is the library's baseline, not a choice here). */
export type TrainingMethodChoice = Exclude<TrainingMethodKind, 'clean'>;
export const TRAINING_CHOICES = TRAINING_METHOD_KINDS.filter((k): k is TrainingMethodChoice => k !== 'clean');

/** What the user sets before pressing Start, in the library's names and stored units (8/255 as 0.0314...). */
export interface TrainingSettings extends RecipeSettings {
  method: TrainingMethodChoice;
  /** One parameter set per method, so switching methods keeps what the user set. */
  methods: { [K in TrainingMethodChoice]: MethodOf<K> };
}

export const DEFAULT_TRAINING: TrainingSettings = {
  method: 'fast',
  methods: Object.fromEntries(TRAINING_CHOICES.map((k) => [k, TRAINING_METHODS[k].defaults(8 / 255)])) as TrainingSettings['methods'],
  // The library's 0.1 at batch 128 (src/training/config.ts), scaled linearly to batch 32 (Goyal et al. 2017: the
  // rate in proportion to the batch), with its 10% warm-up. The page fine-tunes the selected model (the standard
  // one by default), so the default budget, one pass over the 5000 training images, is about what a class sees in
  // its first minutes (npm run bench:browser, part d).
  learningRate: 0.025,
  warmupFraction: 0.1,
  batchSize: 32,
  weightDecay: 5e-4,
  examples: 5000,
  evalEvery: 20,
};

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
}

export type TrainingStatus = 'idle' | 'preparing' | 'running' | 'paused' | 'finished' | 'stopped' | 'restored' | 'failed';

export interface CurveSeries {
  modelId: string;
  modelName: string;
  attack: 'fgsm' | 'pgd';
  points: { eps: number; accuracy: number }[];
}

export interface TrainingSlice {
  trainingSettings: TrainingSettings;
  training: { status: TrainingStatus; baseModelId: string | null; message: string | null; etaMs: number | null; progress: number };
  history: TrainingPoint[];
  curve: {
    status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
    progress: number;
    /** The curves shown: the previous job's until the running one measures its first. */
    series: CurveSeries[];
    /** Whether `series` belongs to the running (or last) job rather than to the one before it. */
    seriesIsNew: boolean;
    /** performance.now() when the running job started, for the time estimate. */
    startedAt?: number;
    message?: string;
  };
  setTrainingSetting: <K extends keyof RecipeSettings | 'method'>(key: K, value: TrainingSettings[K]) => void;
  /** Sets a parameter of the chosen method. */
  setMethodParam: (field: string, value: number | boolean) => void;
  resetTrainingSettings: () => void;
  setTraining: (patch: Partial<TrainingSlice['training']>) => void;
  pushHistory: (p: TrainingPoint) => void;
  clearHistory: () => void;
  setCurve: (patch: Partial<TrainingSlice['curve']>) => void;
}

export const createTrainingSlice: StateCreator<TrainingSlice, [], [], TrainingSlice> = (set, get) => ({
  trainingSettings: DEFAULT_TRAINING,
  training: { status: 'idle', baseModelId: null, message: null, etaMs: null, progress: 0 },
  history: [],
  curve: { status: 'idle', progress: 0, series: [], seriesIsNew: false },
  setTrainingSetting: (key, value) => set({ trainingSettings: { ...get().trainingSettings, [key]: value } }),
  setMethodParam: (field, value) => {
    const s = get().trainingSettings;
    set({ trainingSettings: { ...s, methods: { ...s.methods, [s.method]: { ...s.methods[s.method], [field]: value } } } });
  },
  resetTrainingSettings: () => set({ trainingSettings: DEFAULT_TRAINING }),
  setTraining: (patch) => set({ training: { ...get().training, ...patch } }),
  pushHistory: (p) => set({ history: [...get().history, p] }),
  clearHistory: () => set({ history: [] }),
  setCurve: (patch) => set({ curve: { ...get().curve, ...patch } }),
});
