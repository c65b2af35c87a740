import { describe, expect, it } from 'vitest';
import { areaResizeToRgb, centerCrop } from '../../src/data/userImage.ts';

const solid = (size: number, rgba: [number, number, number, number]) => {
  const a = new Uint8Array(size * size * 4);
  for (let p = 0; p < size * size; p++) a.set(rgba, p * 4);
  return a;
};

describe('user image preparation', () => {
  it('keeps the largest centred square', () => {
    expect(centerCrop(400, 300)).toEqual({ sx: 50, sy: 0, size: 300 });
    expect(centerCrop(300, 401)).toEqual({ sx: 0, sy: 50, size: 300 });
    expect(centerCrop(64, 64)).toEqual({ sx: 0, sy: 0, size: 64 });
  });

  it('area-averages: a 64x64 checkerboard of black and white becomes mid grey', () => {
    const board = new Uint8Array(64 * 64 * 4);
    for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) board.set((x + y) % 2 ? [255, 255, 255, 255] : [0, 0, 0, 255], (y * 64 + x) * 4);
    const rgb = areaResizeToRgb(board, 64);
    expect(new Set(rgb)).toEqual(new Set([128])); // (0 + 255 + 0 + 255) / 4 = 127.5 -> 128
  });

  it('weights partially covered source pixels by their coverage (48 -> 32)', () => {
    // Columns alternate 0 and 255: each output pixel covers 1.5 source columns.
    const stripes = new Uint8Array(48 * 48 * 4);
    for (let y = 0; y < 48; y++) for (let x = 0; x < 48; x++) stripes.set(x % 2 ? [255, 255, 255, 255] : [0, 0, 0, 255], (y * 48 + x) * 4);
    const rgb = areaResizeToRgb(stripes, 48);
    // Output column 0 covers column 0 fully and half of column 1: (0 * 1 + 255 * 0.5) / 1.5 = 85.
    expect(rgb[0]).toBe(85);
    // Output column 1 covers half of column 1 and all of column 2: (255 * 0.5 + 0) / 1.5 = 85.
    expect(rgb[3]).toBe(85);
    // Output column 2 spans source column 3 (255) and half of column 4 (0): (255 * 1 + 0 * 0.5) / 1.5 = 170.
    expect(rgb[6]).toBe(170);
  });

  it('composites transparency on white', () => {
    expect(new Set(areaResizeToRgb(solid(32, [0, 0, 0, 0]), 32))).toEqual(new Set([255]));
    const half = areaResizeToRgb(solid(32, [0, 0, 255, 128]), 32);
    expect(Array.from(half.subarray(0, 3))).toEqual([127, 127, 255]);
  });

  it('enlarges a small image by repeating pixels', () => {
    const tiny = new Uint8Array(16 * 16 * 4);
    for (let p = 0; p < 256; p++) tiny.set([p, 0, 0, 255], p * 4);
    const rgb = areaResizeToRgb(tiny, 16);
    expect(rgb[0]).toBe(0);
    expect(rgb[3]).toBe(0);
    expect(rgb[6]).toBe(1);
    expect(rgb[32 * 2 * 3]).toBe(16);
  });
});
