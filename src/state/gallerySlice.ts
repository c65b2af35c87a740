import type { StateCreator } from 'zustand';

/** A gallery image as plain data: 32x32 RGB bytes, its true label and where it came from. */
export interface GalleryImage {
  id: number;
  pixels: Uint8Array;
  label: number;
  sourceIndex: number;
}

/** The user's own image, already cropped and resized to 32x32. */
export interface UploadedImage {
  pixels: Uint8Array;
  name: string;
  width: number;
  height: number;
  crop: { sx: number; sy: number; size: number };
  /** An object URL of the original file, for the crop preview. */
  previewUrl: string;
  warning?: string;
}

/** What every view needs to know about the image being attacked. */
export interface CurrentImage {
  key: string;
  pixels: Uint8Array;
  /** The true label when known (gallery), else null (the clean prediction is the reference). */
  label: number | null;
  /** Where it came from, for captions: "CIFAR-10 test image 1012" or the file name. */
  source: string;
}

export interface GallerySlice {
  gallery: { status: 'loading' } | { status: 'ready'; images: GalleryImage[] } | { status: 'failed'; message: string };
  classNames: string[];
  selectedId: number | null;
  upload: UploadedImage | null;
  imageSource: 'gallery' | 'upload';
  uploadError: string | null;
  setGallery: (images: GalleryImage[], classNames: string[]) => void;
  setGalleryFailed: (message: string) => void;
  selectImage: (id: number) => void;
  setUpload: (image: UploadedImage) => void;
  setUploadError: (message: string | null) => void;
  useUpload: () => void;
}

export const createGallerySlice: StateCreator<GallerySlice, [], [], GallerySlice> = (set, get) => ({
  gallery: { status: 'loading' },
  classNames: [],
  selectedId: null,
  upload: null,
  imageSource: 'gallery',
  uploadError: null,
  setGallery: (images, classNames) => set({ gallery: { status: 'ready', images }, classNames }),
  setGalleryFailed: (message) => set({ gallery: { status: 'failed', message } }),
  selectImage: (id) => {
    const g = get().gallery;
    if (g.status === 'ready' && g.images.some((img) => img.id === id)) set({ selectedId: id, imageSource: 'gallery' });
  },
  setUpload: (upload) => set({ upload, imageSource: 'upload', uploadError: null }),
  setUploadError: (uploadError) => set({ uploadError }),
  useUpload: () => {
    if (get().upload) set({ imageSource: 'upload' });
  },
});

export function selectedImage(s: GallerySlice): GalleryImage | null {
  return s.gallery.status === 'ready' ? (s.gallery.images.find((img) => img.id === s.selectedId) ?? null) : null;
}

/** The image being attacked, from the gallery or the user's upload. */
export function currentImage(s: GallerySlice): CurrentImage | null {
  if (s.imageSource === 'upload' && s.upload) {
    return { key: `upload:${s.upload.previewUrl}`, pixels: s.upload.pixels, label: null, source: s.upload.name };
  }
  const g = selectedImage(s);
  return g ? { key: `gallery:${g.id}`, pixels: g.pixels, label: g.label, source: `CIFAR-10 test image ${g.sourceIndex}` } : null;
}
