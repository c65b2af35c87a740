import type { StateCreator } from 'zustand';

/** A gallery image as plain data: 32x32 RGB bytes, its true label and where it came from. */
export interface GalleryImage {
  id: number;
  pixels: Uint8Array;
  label: number;
  sourceIndex: number;
}

export interface GallerySlice {
  gallery: { status: 'loading' } | { status: 'ready'; images: GalleryImage[] } | { status: 'failed'; message: string };
  classNames: string[];
  selectedId: number | null;
  setGallery: (images: GalleryImage[], classNames: string[]) => void;
  setGalleryFailed: (message: string) => void;
  selectImage: (id: number) => void;
}

export const createGallerySlice: StateCreator<GallerySlice, [], [], GallerySlice> = (set, get) => ({
  gallery: { status: 'loading' },
  classNames: [],
  selectedId: null,
  setGallery: (images, classNames) => set({ gallery: { status: 'ready', images }, classNames }),
  setGalleryFailed: (message) => set({ gallery: { status: 'failed', message } }),
  selectImage: (id) => {
    const g = get().gallery;
    if (g.status === 'ready' && g.images.some((img) => img.id === id)) set({ selectedId: id });
  },
});

export function selectedImage(s: GallerySlice): GalleryImage | null {
  return s.gallery.status === 'ready' ? (s.gallery.images.find((img) => img.id === s.selectedId) ?? null) : null;
}
