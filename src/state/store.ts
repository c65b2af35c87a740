import { create } from 'zustand';
import { createBackendSlice, type BackendSlice } from './backendSlice.ts';
import { createGallerySlice, type GallerySlice } from './gallerySlice.ts';
import { createModelSlice, type ModelSlice } from './modelSlice.ts';
import { createLabSlice, type LabSlice } from './labSlice.ts';
import { createAttackSlice, type AttackSlice } from './attackSlice.ts';
import { createUiSlice, type UiSlice } from './uiSlice.ts';
import { createInsightSlice, type InsightSlice } from './insightSlice.ts';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice.ts';
import { createLessonSlice, type LessonSlice } from './lessonSlice.ts';
import { createMeasurementsSlice, type MeasurementsSlice } from './measurementResults.ts';

export type AppState = BackendSlice &
  GallerySlice &
  ModelSlice &
  LabSlice &
  AttackSlice &
  UiSlice &
  InsightSlice &
  TrainingSlice &
  LessonSlice &
  MeasurementsSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createBackendSlice(...a),
  ...createGallerySlice(...a),
  ...createModelSlice(...a),
  ...createLabSlice(...a),
  ...createAttackSlice(...a),
  ...createUiSlice(...a),
  ...createInsightSlice(...a),
  ...createTrainingSlice(...a),
  ...createLessonSlice(...a),
  ...createMeasurementsSlice(...a),
}));

/** Puts every slice back to the state the store was created with (tests start each case from here). */
export const resetAppStore = (): void => useAppStore.setState(useAppStore.getInitialState(), true);
