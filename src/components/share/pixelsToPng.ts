// An image of the lab as a PNG file: 32x32 RGB bytes, upscaled with hard pixel edges for a slide.
import { rgbToRgba } from '../../data/sprite.ts';
import { IMAGE_SIZE } from '../../data/cifar10.ts';

/** 32x32 RGB bytes -> PNG blob, upscaled by `scale` with hard pixel edges. */
export async function pixelsToPng(pixels: Uint8Array, scale = 1): Promise<Blob> {
  const small = new OffscreenCanvas(IMAGE_SIZE, IMAGE_SIZE);
  small.getContext('2d')!.putImageData(new ImageData(rgbToRgba(pixels), IMAGE_SIZE, IMAGE_SIZE), 0, 0);
  const out = new OffscreenCanvas(IMAGE_SIZE * scale, IMAGE_SIZE * scale);
  const ctx = out.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, IMAGE_SIZE * scale, IMAGE_SIZE * scale);
  return out.convertToBlob({ type: 'image/png' });
}
