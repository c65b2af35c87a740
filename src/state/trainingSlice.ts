import type { StateCreator } from 'zustand';
import type { TrainingMethodKind } from '../training/methods.ts';

/** The methods the page offers (clean training is the library's baseline, not a choice here). */
export type TrainingMethodChoice = Exclude<TrainingMethodKind, 'clean'>;

/** What the user sets before pressing Start. Epsilons and steps in stored units (8/255 as 0.0314...). */
export interface TrainingSettings {
  method: TrainingMethodChoice;
  eps: number;
  /** PGD-AT: steps and step size; Fast-AT: step = fastStepRatio x eps; TRADES: beta. */
  pgdSteps: number;
  pgdStepSize: number;
  fastStepRatio: number;
  tradesBeta: number;
  /** Fraction of each batch replaced by adversarial examples. */
  mix: number;
  learningRate: number;
  warmupFraction: number;
  batchSize: number;
  weightDecay: number;
  budgetExamples: number;
  /** Evaluate clean and PGD accuracy on the held-out set every this many steps. */
  evalEvery: number;
}

export const DEFAULT_TRAINING: TrainingSettings = {
  method: 'fast',
  eps: 8 / 255,
  pgdSteps: 7,
  pgdStepSize: 2 / 255,
  fastStepRatio: 1.25,
  tradesBeta: 6,
  mix: 1,
  // The library's 0.1 at batch 128 (src/training/config.ts), scaled to batch 32 and rounded down.
  learningRate: 0.02,
  warmupFraction: 0.1,
  batchSize: 32,
  weightDecay: 5e-4,
  budgetExamples: 5000,
  evalEvery: 20,
};

export interface TrainingPoint {
  step: number;
  examples: number;
  loss: number;
  imagesPerSecond: number;
  elapsedMs: number;
  cleanAccuracy?: number;
  pgdAccuracy?: number;
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
  curve: { status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed'; progress: number; series: CurveSeries[]; message?: string };
  setTrainingSetting: <K extends keyof TrainingSettings>(key: K, value: TrainingSettings[K]) => void;
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
  curve: { status: 'idle', progress: 0, series: [] },
  setTrainingSetting: (key, value) => set({ trainingSettings: { ...get().trainingSettings, [key]: value } }),
  resetTrainingSettings: () => set({ trainingSettings: DEFAULT_TRAINING }),
  setTraining: (patch) => set({ training: { ...get().training, ...patch } }),
  pushHistory: (p) => set({ history: [...get().history, p] }),
  clearHistory: () => set({ history: [] }),
  setCurve: (patch) => set({ curve: { ...get().curve, ...patch } }),
});
