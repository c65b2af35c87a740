// A user's own image (file picker, drop or paste) -> 32x32 RGB, with a clear message for what we can't use.
import { areaResizeToRgb, centerCrop } from '../../data/userImage.ts';
import { decodeToRgba, imageSize } from '../files/index.ts';

export class UserImageError extends Error {
  override name = 'UserImageError';
}

/** Larger crops are first shrunk by the browser to this size, then area-averaged by us (keeps memory bounded). */
const MAX_WORK_SIZE = 512;
const MIN_SIDE = 8;
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface PreparedImage {
  pixels: Uint8Array; // 32x32 RGB
  name: string;
  /** The original size, and the centred square that was kept. */
  width: number;
  height: number;
  crop: { sx: number; sy: number; size: number };
  warning?: string;
}

export async function prepareUserImage(file: Blob & { name?: string }): Promise<PreparedImage> {
  const name = file.name || 'pasted image';
  if (file.type === 'image/svg+xml' || /\.svg$/i.test(name)) {
    throw new UserImageError(`${name} is an SVG drawing. Epsilon needs a photo-like bitmap: export it as PNG or JPEG first.`);
  }
  if (file.type && !file.type.startsWith('image/')) throw new UserImageError(`${name} is not an image (it is ${file.type}).`);
  if (file.size > MAX_FILE_BYTES) throw new UserImageError(`${name} is ${(file.size / 1e6).toFixed(0)} MB; images up to 50 MB are accepted.`);
  let size: { width: number; height: number };
  try {
    size = await imageSize(file);
  } catch {
    throw new UserImageError(`${name} could not be decoded: it is not an image, or the file is damaged.`);
  }
  const { width, height } = size;
  if (Math.min(width, height) < MIN_SIDE) {
    throw new UserImageError(`${name} is only ${width}x${height} pixels; use an image at least ${MIN_SIDE} pixels on each side.`);
  }
  const crop = centerCrop(width, height);
  const work = Math.min(crop.size, MAX_WORK_SIZE);
  const { rgba } = await decodeToRgba(file, { ...crop, resizeTo: work });
  const warning = crop.size < 32 ? `${name} is smaller than 32x32 (${width}x${height}); it was enlarged and will look blocky.` : undefined;
  return { pixels: areaResizeToRgb(rgba, work, 32), name, width, height, crop, ...(warning ? { warning } : {}) };
}
