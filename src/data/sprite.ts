// Sprite layout shared with scripts/data: row i of a 1024-wide sprite is image i (32x32, row-major).
import { IMAGE_BYTES } from './cifar10.ts';

/** Splits decoded RGBA sprite pixels (as a canvas gives them) into packed RGB images. */
export function spriteRgbaToImages(rgba: Uint8ClampedArray | Uint8Array, count: number): Uint8Array[] {
  if (rgba.length !== count * 1024 * 4) {
    throw new Error(`Sprite holds ${rgba.length / 4096} rows of pixels; the manifest says ${count}`);
  }
  const images: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const rgb = new Uint8Array(IMAGE_BYTES);
    const base = i * 4096;
    for (let p = 0; p < 1024; p++) {
      rgb[p * 3] = rgba[base + p * 4]!;
      rgb[p * 3 + 1] = rgba[base + p * 4 + 1]!;
      rgb[p * 3 + 2] = rgba[base + p * 4 + 2]!;
    }
    images.push(rgb);
  }
  return images;
}

/** Packed RGB -> RGBA (opaque), the layout ImageData wants. */
export function rgbToRgba(rgb: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray((rgb.length / 3) * 4);
  for (let p = 0, q = 0; p < rgb.length; p += 3, q += 4) {
    rgba[q] = rgb[p]!;
    rgba[q + 1] = rgb[p + 1]!;
    rgba[q + 2] = rgb[p + 2]!;
    rgba[q + 3] = 255;
  }
  return rgba;
}
