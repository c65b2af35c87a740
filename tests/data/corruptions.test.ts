// The common corruptions: each keeps the shape and [0,1], repeats with its seed, and changes the image more as the
// severity grows; the parameters are the CIFAR-10-C recipe's; JPEG is close at quality 80 and blockier at 40;
// contrast pulls each channel to its mean; pixelate at 0.65 leaves 21x21 blocks.
import { describe, expect, it } from 'vitest';
import { CORRUPTIONS, corruptImages, type Corruption } from '../../src/data/corruptions.ts';
import { rng, uniformArray } from '../helpers/random.ts';

const SIZE = 32 * 32 * 3;
/** Two images: a smooth gradient with an edge (what photographs look like), and noise. */
const images = (() => {
  const smooth = Float32Array.from({ length: SIZE }, (_, i) => {
    const [y, x, c] = [Math.floor(i / 96), Math.floor(i / 3) % 32, i % 3];
    return Math.min(1, 0.2 + 0.015 * x + 0.1 * c + (y > 16 ? 0.3 : 0));
  });
  return Float32Array.from([...smooth, ...uniformArray(rng(3), SIZE, 0, 1)]);
})();
const meanAbs = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;
const byId = (id: string) => CORRUPTIONS.find((c) => c.id === id) as Corruption;

describe('common corruptions', () => {
  it('are the CIFAR-10-C recipe\'s eight with its parameters', () => {
    expect(Object.fromEntries(CORRUPTIONS.map((c) => [c.id, c.levels]))).toEqual({
      'gaussian-noise': [0.04, 0.06, 0.08, 0.09, 0.1], 'shot-noise': [500, 250, 100, 75, 50], 'impulse-noise': [0.01, 0.02, 0.03, 0.05, 0.07],
      'gaussian-blur': [0.4, 0.6, 0.7, 0.8, 1], contrast: [0.75, 0.5, 0.4, 0.3, 0.15], brightness: [0.05, 0.1, 0.15, 0.2, 0.3],
      pixelate: [0.95, 0.9, 0.85, 0.75, 0.65], jpeg: [80, 65, 58, 50, 40],
    });
  });

  for (const c of CORRUPTIONS) {
    it(`${c.label}: same shape, in [0,1], repeats with its seed, and severity 5 changes the image more than severity 1`, () => {
      const one = corruptImages(images, c, 1, 7);
      const five = corruptImages(images, c, 5, 7);
      expect(one.length).toBe(images.length);
      for (const v of five) expect(v >= 0 && v <= 1).toBe(true);
      expect(corruptImages(images, c, 5, 7)).toEqual(five);
      expect(meanAbs(five, images)).toBeGreaterThan(meanAbs(one, images));
      expect(meanAbs(one, images)).toBeGreaterThan(0);
    });
  }

  it('noise differs with the seed; the deterministic corruptions do not', () => {
    expect(corruptImages(images, byId('gaussian-noise'), 3, 1)).not.toEqual(corruptImages(images, byId('gaussian-noise'), 3, 2));
    expect(corruptImages(images, byId('jpeg'), 3, 1)).toEqual(corruptImages(images, byId('jpeg'), 3, 2));
  });

  it('contrast pulls every channel towards its own mean by the factor', () => {
    const out = corruptImages(images.subarray(0, SIZE), byId('contrast'), 2);
    const mean = (a: Float32Array, ch: number) => a.filter((_, i) => i % 3 === ch).reduce((s, v) => s + v, 0) / 1024;
    for (const ch of [0, 1, 2]) {
      expect(mean(out, ch)).toBeCloseTo(mean(images.subarray(0, SIZE), ch), 5);
      expect(out[ch]! - mean(out, ch)).toBeCloseTo(0.5 * (images[ch]! - mean(images.subarray(0, SIZE), ch)), 5);
    }
  });

  it('JPEG: close to the image at quality 80 on a smooth image, further at 40; decoded to 8-bit levels', () => {
    const smooth = images.subarray(0, SIZE);
    const q80 = corruptImages(smooth, byId('jpeg'), 1);
    const q40 = corruptImages(smooth, byId('jpeg'), 5);
    expect(meanAbs(q80, smooth)).toBeLessThan(0.02);
    expect(meanAbs(q40, smooth)).toBeGreaterThan(meanAbs(q80, smooth));
    for (const v of q40) expect(Math.abs(v * 255 - Math.round(v * 255))).toBeLessThan(1e-3);
  });

  it('pixelate at 0.65 leaves at most 21 distinct columns in a row', () => {
    const out = corruptImages(images.subarray(SIZE), byId('pixelate'), 5);
    const row = Array.from({ length: 32 }, (_, x) => out[x * 3]!);
    expect(new Set(row).size).toBeLessThanOrEqual(21);
  });

  it('names a wrong severity', () => {
    expect(() => corruptImages(images, byId('contrast'), 6)).toThrow(/severity must be 1\.\.5/);
    expect(() => corruptImages(images, byId('contrast'), 0)).toThrow(RangeError);
  });
});
