// Browser PNG decoding that keeps the file's bytes: no colour management, no premultiplication.

/** Decodes an image blob to RGBA exactly as stored in the file. */
export async function decodeToRgba(blob: Blob): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('This browser cannot create a 2D canvas');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height, { colorSpace: 'srgb' });
    return { width: bitmap.width, height: bitmap.height, rgba: data.data };
  } finally {
    bitmap.close();
  }
}
