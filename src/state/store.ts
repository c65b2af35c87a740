import { create } from 'zustand';
import { createBackendSlice, type BackendSlice } from './backendSlice.ts';
import { createGallerySlice, type GallerySlice } from './gallerySlice.ts';
import { createModelSlice, type ModelSlice } from './modelSlice.ts';

export type AppState = BackendSlice & GallerySlice & ModelSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createBackendSlice(...a),
  ...createGallerySlice(...a),
  ...createModelSlice(...a),
}));
