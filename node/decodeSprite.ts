// Decodes the upstream sprites: a 1024-wide RGB PNG whose row r is image r (32x32, row-major, RGB).
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';

import { IMAGE_BYTES } from '../src/data/cifar10.ts';
export { IMAGE_BYTES };

/** Returns the sprite as packed uint8 RGB, IMAGE_BYTES per image. */
export function decodeSprite(buffer: Buffer): { count: number; rgb: Uint8Array } {
  const png = PNG.sync.read(buffer);
  if (png.width !== 1024) throw new Error(`Sprite must be 1024 pixels wide, got ${png.width}`);
  const count = png.height;
  const rgb = new Uint8Array(count * IMAGE_BYTES);
  // pngjs always hands back RGBA; drop the alpha channel.
  for (let p = 0, q = 0; p < png.data.length; p += 4, q += 3) {
    rgb[q] = png.data[p]!;
    rgb[q + 1] = png.data[p + 1]!;
    rgb[q + 2] = png.data[p + 2]!;
  }
  return { count, rgb };
}

export function decodeSpriteFile(path: string): { count: number; rgb: Uint8Array } {
  return decodeSprite(readFileSync(path));
}

/** Encodes packed RGB images as a sprite PNG in the same layout as upstream. */
export function encodeSprite(rgb: Uint8Array): Buffer {
  const count = rgb.length / IMAGE_BYTES;
  if (!Number.isInteger(count)) throw new Error('rgb length is not a whole number of 32x32x3 images');
  const png = new PNG({ width: 1024, height: count, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}
