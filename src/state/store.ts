import { create } from 'zustand';
import { createBackendSlice, type BackendSlice } from './backendSlice.ts';
import { createGallerySlice, type GallerySlice } from './gallerySlice.ts';

export type AppState = BackendSlice & GallerySlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createBackendSlice(...a),
  ...createGallerySlice(...a),
}));
