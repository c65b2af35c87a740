import { beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '../../src/state/store.ts';
import { DEFAULT_TRAINING, type TrainingPoint } from '../../src/state/trainingSlice.ts';

const state = () => useAppStore.getState();
const point = (step: number): TrainingPoint => ({ step, examples: step * 32, loss: 2 / step, imagesPerSecond: 50, elapsedMs: step * 640 });

describe('trainingSlice', () => {
  beforeEach(resetAppStore);

  it('starts idle with the default settings and no history', () => {
    expect(state().trainingSettings).toEqual(DEFAULT_TRAINING);
    expect(state().training.status).toBe('idle');
    expect(state().history).toEqual([]);
  });

  it('a setting changes alone, and resetTrainingSettings brings the defaults back', () => {
    state().setTrainingSetting('method', 'trades');
    state().setTrainingSetting('batchSize', 16);
    expect(state().trainingSettings).toEqual({ ...DEFAULT_TRAINING, method: 'trades', batchSize: 16 });
    expect(DEFAULT_TRAINING.method).toBe('fast');
    state().resetTrainingSettings();
    expect(state().trainingSettings).toEqual(DEFAULT_TRAINING);
  });

  it('setTraining merges its patch into the status', () => {
    state().setTraining({ status: 'preparing', baseModelId: 'standard', message: 'Loading the training images…' });
    state().setTraining({ status: 'running', message: null, progress: 0.5 });
    expect(state().training).toEqual({ status: 'running', baseModelId: 'standard', message: null, etaMs: null, progress: 0.5 });
  });

  it('history grows point by point in order and clears', () => {
    state().pushHistory(point(1));
    state().pushHistory(point(2));
    expect(state().history).toEqual([point(1), point(2)]);
    state().clearHistory();
    expect(state().history).toEqual([]);
  });
});
