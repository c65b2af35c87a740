// The common corruptions: the recipe's ten with its parameters; each keeps the shape and [0,1], repeats with its
// seed, is the identity at its neutral parameter where it has one, and changes the image more at every severity
// (saturate excepted, as the recipe orders it); batches make the same images as the whole set. Then each one's own
// behaviour: contrast pulls each channel to its mean, fog keeps the brightest value, saturate scales the colour
// spread, brightness lifts the HSV value, pixelate leaves int(32 c) columns, JPEG is close at high quality, blocky
// at low and decoded to 8-bit levels.
import { describe, expect, it } from 'vitest';
import { CORRUPTIONS, corruptImages, type Corruption, type CorruptionLevel } from '../../src/data/corruptions.ts';
import { plasmaFractal } from '../../src/data/corruptionsImage.ts';
import { jpeg } from '../../src/data/corruptionsJpeg.ts';
import { rng, uniformArray } from '../helpers/random.ts';

const SIZE = 32 * 32 * 3;
/** A smooth gradient with an edge (what photographs look like). */
const smooth = Float32Array.from({ length: SIZE }, (_, i) => {
  const [y, x, c] = [Math.floor(i / 96), Math.floor(i / 3) % 32, i % 3];
  return Math.min(1, 0.2 + 0.015 * x + 0.1 * c + (y > 16 ? 0.3 : 0));
});
const noise = Float32Array.from(uniformArray(rng(3), SIZE, 0, 1));
const images = Float32Array.from([...smooth, ...noise]);
const meanAbs = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;
const maxAbs = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
const byId = (id: string) => CORRUPTIONS.find((c) => c.id === id) as Corruption;
const apply = (id: string, img: Float32Array, c: CorruptionLevel, seed = 1) => byId(id).apply(img, c, rng(seed));

describe('common corruptions', () => {
  it("are ten of the CIFAR-10-C recipe's with its parameters (make_cifar_c.py)", () => {
    expect(Object.fromEntries(CORRUPTIONS.map((c) => [c.id, c.levels]))).toEqual({
      'gaussian-noise': [0.04, 0.06, 0.08, 0.09, 0.1],
      'shot-noise': [500, 250, 100, 75, 50],
      'impulse-noise': [0.01, 0.02, 0.03, 0.05, 0.07],
      'gaussian-blur': [0.4, 0.6, 0.7, 0.8, 1],
      contrast: [0.75, 0.5, 0.4, 0.3, 0.15],
      fog: [
        [0.2, 3],
        [0.5, 3],
        [0.75, 2.5],
        [1, 2],
        [1.5, 1.75],
      ],
      brightness: [0.05, 0.1, 0.15, 0.2, 0.3],
      saturate: [
        [0.3, 0],
        [0.1, 0],
        [1.5, 0],
        [2, 0.1],
        [2.5, 0.2],
      ],
      pixelate: [0.95, 0.9, 0.85, 0.75, 0.65],
      jpeg: [80, 65, 58, 50, 40],
    });
    expect(Object.fromEntries(CORRUPTIONS.map((c) => [c.id, c.family]))).toEqual({
      'gaussian-noise': 'noise',
      'shot-noise': 'noise',
      'impulse-noise': 'noise',
      'gaussian-blur': 'blur',
      contrast: 'digital',
      fog: 'weather',
      brightness: 'weather',
      saturate: 'digital',
      pixelate: 'digital',
      jpeg: 'digital',
    });
  });

  for (const c of CORRUPTIONS) {
    it(`${c.label}: same shape, in [0,1], repeats with its seed, changes the image${c.id === 'saturate' ? '' : ' more at every severity'}`, () => {
      const bySeverity = [1, 2, 3, 4, 5].map((s) => corruptImages(images, c, s, 7));
      const change = bySeverity.map((out) => meanAbs(out, images));
      for (const out of bySeverity) {
        expect(out.length).toBe(images.length);
        expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
      }
      expect(corruptImages(images, c, 5, 7)).toEqual(bySeverity[4]);
      expect(change[0]).toBeGreaterThan(0);
      if (c.id !== 'saturate') for (let s = 1; s < 5; s++) expect(change[s], `severity ${s + 1} against ${s}`).toBeGreaterThan(change[s - 1]!);
    });
  }

  it('is the identity at the neutral parameter where one exists (no noise, factor 1, shift 0, no fog, full size)', () => {
    const neutral: Record<string, CorruptionLevel> = {
      'gaussian-noise': 0,
      'impulse-noise': 0,
      contrast: 1,
      fog: [0, 2],
      brightness: 0,
      saturate: [1, 0],
      pixelate: 1,
    };
    for (const [id, c] of Object.entries(neutral)) for (const img of [smooth, noise]) expect(maxAbs(apply(id, img, c), img), id).toBeLessThan(1e-6);
  });

  it('noise differs with the seed; the deterministic corruptions do not', () => {
    for (const id of ['gaussian-noise', 'shot-noise', 'impulse-noise', 'fog'])
      expect(corruptImages(images, byId(id), 3, 1), id).not.toEqual(corruptImages(images, byId(id), 3, 2));
    for (const id of ['contrast', 'jpeg', 'pixelate', 'saturate'])
      expect(corruptImages(images, byId(id), 3, 1), id).toEqual(corruptImages(images, byId(id), 3, 2));
  });

  it('a set corrupted in batches (each with its first index) is the set corrupted at once', () => {
    const four = Float32Array.from([...images, ...images]);
    for (const id of ['gaussian-noise', 'fog']) {
      const whole = corruptImages(four, byId(id), 4, 5);
      const parts = [corruptImages(four.subarray(0, 3 * SIZE), byId(id), 4, 5, 0), corruptImages(four.subarray(3 * SIZE), byId(id), 4, 5, 3)];
      expect(Float32Array.from([...parts[0]!, ...parts[1]!])).toEqual(whole);
      // Image 3 is image 1 again, but its noise is its own.
      expect(whole.subarray(3 * SIZE)).not.toEqual(whole.subarray(SIZE, 2 * SIZE));
    }
  });

  it('contrast pulls every channel towards its own mean by the factor', () => {
    const out = corruptImages(smooth, byId('contrast'), 2);
    const mean = (a: Float32Array, ch: number) => a.filter((_, i) => i % 3 === ch).reduce((s, v) => s + v, 0) / 1024;
    for (const ch of [0, 1, 2]) {
      expect(mean(out, ch)).toBeCloseTo(mean(smooth, ch), 5);
      expect(out[ch]! - mean(out, ch)).toBeCloseTo(0.5 * (smooth[ch]! - mean(smooth, ch)), 5);
    }
  });

  it('fog: a plasma in [0,1] spanning it, grey (one value for the three channels), never above the brightest value; it lifts the darkest', () => {
    const plasma = plasmaFractal(2, rng(1));
    expect(Math.min(...plasma)).toBe(0);
    expect(Math.max(...plasma)).toBe(1);
    const out = corruptImages(smooth, byId('fog'), 5, 3);
    const [lo, hi] = [Math.min(...smooth), Math.max(...smooth)];
    expect(Math.max(...out)).toBeLessThanOrEqual(hi + 1e-6);
    expect(Math.min(...out)).toBeGreaterThan((lo * hi) / (hi + 1.5) - 1e-6);
    // The fog adds the same to R, G and B before the common scaling: channel differences shrink by max / (max + a).
    expect(out[1]! - out[0]!).toBeCloseTo(((smooth[1]! - smooth[0]!) * hi) / (hi + 1.5), 5);
  });

  it("saturate scales each pixel's colour spread (max - min) by the factor and keeps its brightest channel", () => {
    const out = corruptImages(smooth, byId('saturate'), 2);
    for (let p = 0; p < 1024; p += 37) {
      const [a, b] = [smooth.subarray(3 * p, 3 * p + 3), out.subarray(3 * p, 3 * p + 3)];
      expect(Math.max(...b) - Math.min(...b)).toBeCloseTo(0.1 * (Math.max(...a) - Math.min(...a)), 5);
      expect(Math.max(...b)).toBeCloseTo(Math.max(...a), 5);
    }
  });

  it('brightness lifts the brightest channel of each pixel by the amount, up to 1', () => {
    const out = corruptImages(smooth, byId('brightness'), 5);
    for (let p = 0; p < 1024; p += 37)
      expect(Math.max(...out.subarray(3 * p, 3 * p + 3))).toBeCloseTo(Math.min(1, Math.max(...smooth.subarray(3 * p, 3 * p + 3)) + 0.3), 5);
  });

  it('Gaussian blur keeps a flat image flat and smooths noise', () => {
    const flat = new Float32Array(SIZE).fill(0.3);
    expect(maxAbs(corruptImages(flat, byId('gaussian-blur'), 5), flat)).toBeLessThan(1e-6);
    const blurred = corruptImages(noise, byId('gaussian-blur'), 5);
    const roughness = (a: Float32Array) => meanAbs(a.subarray(3), a.subarray(0, a.length - 3));
    expect(roughness(blurred)).toBeLessThan(roughness(noise) / 2);
  });

  it('pixelate leaves int(32 c) distinct columns in a row: 30 at 0.95, 28 at 0.9, 20 at 0.65', () => {
    const columns = (s: number) => new Set(Array.from({ length: 32 }, (_, x) => corruptImages(noise, byId('pixelate'), s)[x * 3]!)).size;
    expect([1, 2, 5].map(columns)).toEqual([30, 28, 20]);
  });

  it('JPEG: close at quality 80 and closer at 100 on a smooth image; blocky at low quality; 8-bit levels', () => {
    const [q100, q80, q40, q5] = [100, 80, 40, 5].map((q) => jpeg(smooth, q));
    expect(meanAbs(q80!, smooth)).toBeLessThan(0.02);
    expect(meanAbs(q100!, smooth)).toBeLessThan(meanAbs(q80!, smooth));
    expect(meanAbs(q100!, smooth)).toBeLessThan(0.004);
    expect(meanAbs(q40!, smooth)).toBeGreaterThan(meanAbs(q80!, smooth));
    // Blocky: along a row of the smooth gradient, the steps across 8x8 block borders outgrow the steps inside blocks.
    const steps = (img: Float32Array, border: boolean) => {
      const d: number[] = [];
      for (let y = 0; y < 32; y++)
        for (let x = 0; x < 31; x++) if (((x + 1) % 8 === 0) === border) d.push(Math.abs(img[(y * 32 + x + 1) * 3]! - img[(y * 32 + x) * 3]!));
      return d.reduce((a, b) => a + b, 0) / d.length;
    };
    expect(steps(q5!, true)).toBeGreaterThan(2 * steps(q5!, false));
    expect(steps(q100!, true)).toBeLessThan(1.5 * steps(q100!, false));
    for (const v of q40!) expect(Math.abs(v * 255 - Math.round(v * 255))).toBeLessThan(1e-3);
  });

  it('names a wrong severity', () => {
    expect(() => corruptImages(images, byId('contrast'), 6)).toThrow(/severity must be 1\.\.5/);
    expect(() => corruptImages(images, byId('contrast'), 0)).toThrow(RangeError);
  });
});
