import { beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '../../src/state/store.ts';
import { currentImage, selectedImage, type GalleryImage, type UploadedImage } from '../../src/state/gallerySlice.ts';

const state = () => useAppStore.getState();

const image = (id: number, label: number): GalleryImage => ({ id, pixels: new Uint8Array(3072).fill(id), label, sourceIndex: 1000 + id });
const GALLERY = [image(0, 3), image(1, 8), image(2, 0)];
const CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
const upload = (name: string): UploadedImage => ({
  pixels: new Uint8Array(3072).fill(7),
  name,
  width: 64,
  height: 48,
  crop: { sx: 8, sy: 0, size: 48 },
  previewUrl: `blob:${name}`,
});

describe('gallerySlice', () => {
  beforeEach(resetAppStore);

  it('starts loading, with nothing selected and nothing to attack', () => {
    expect(state().gallery).toEqual({ status: 'loading' });
    expect(state().selectedId).toBeNull();
    expect(currentImage(state())).toBeNull();
  });

  it('selects only images the loaded gallery has', () => {
    state().selectImage(1); // still loading: nothing to select
    expect(state().selectedId).toBeNull();
    state().setGallery(GALLERY, CLASSES);
    state().selectImage(1);
    expect(selectedImage(state())).toBe(GALLERY[1]);
    state().selectImage(99);
    expect(state().selectedId).toBe(1);
  });

  it('the current image is the selected gallery image, with its true label and where it came from', () => {
    state().setGallery(GALLERY, CLASSES);
    state().selectImage(2);
    expect(currentImage(state())).toEqual({ key: 'gallery:2', pixels: GALLERY[2]!.pixels, label: 0, source: 'CIFAR-10 test image 1002' });
  });

  it('an upload becomes the current image, without a label, and clears an earlier upload error', () => {
    state().setGallery(GALLERY, CLASSES);
    state().selectImage(0);
    state().setUploadError('not an image');
    state().setUpload(upload('cat.png'));
    expect(state().uploadError).toBeNull();
    expect(currentImage(state())).toEqual({ key: 'upload:blob:cat.png', pixels: state().upload!.pixels, label: null, source: 'cat.png' });
  });

  it('selecting a gallery image leaves the upload, and useUpload goes back to it', () => {
    state().setGallery(GALLERY, CLASSES);
    state().setUpload(upload('dog.png'));
    state().selectImage(1);
    expect(currentImage(state())?.key).toBe('gallery:1');
    state().useUpload();
    expect(currentImage(state())?.key).toBe('upload:blob:dog.png');
  });

  it('useUpload does nothing before anything was uploaded', () => {
    state().setGallery(GALLERY, CLASSES);
    state().selectImage(0);
    state().useUpload();
    expect(state().imageSource).toBe('gallery');
    expect(currentImage(state())?.key).toBe('gallery:0');
  });

  it('a failed gallery load is kept with its message', () => {
    state().setGalleryFailed('manifest.json: 404');
    expect(state().gallery).toEqual({ status: 'failed', message: 'manifest.json: 404' });
    expect(selectedImage(state())).toBeNull();
  });
});
