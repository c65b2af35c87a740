// Browser image decoding that keeps the file's bytes: no colour management, no premultiplication (the gallery
// sprites must decode to the very bytes Node decoded, and a user's photo to its own colours).

const KEEP_BYTES = { colorSpaceConversion: 'none', premultiplyAlpha: 'none' } as const;

/** A square part of an image, scaled by the browser to `resizeTo` pixels a side. */
export interface SquareRegion {
  sx: number;
  sy: number;
  size: number;
  resizeTo: number;
}

/** The size of an image blob; rejects when it does not decode. An animated GIF or WebP decodes to its first frame. */
export async function imageSize(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob, KEEP_BYTES);
  const { width, height } = bitmap;
  bitmap.close();
  return { width, height };
}

/** Decodes an image blob (or a square region of it) to RGBA exactly as stored in the file. */
export async function decodeToRgba(blob: Blob, region?: SquareRegion): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  const bitmap = region
    ? await createImageBitmap(blob, region.sx, region.sy, region.size, region.size, {
        ...KEEP_BYTES,
        resizeWidth: region.resizeTo,
        resizeHeight: region.resizeTo,
        resizeQuality: 'high',
      })
    : await createImageBitmap(blob, KEEP_BYTES);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('This browser cannot create a 2D canvas.');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height, { colorSpace: 'srgb' });
    return { width: bitmap.width, height: bitmap.height, rgba: data.data };
  } finally {
    bitmap.close();
  }
}
