// Common corruptions after the CIFAR-10-C recipe (Hendrycks and Dietterich 2019, the authors' make_cifar_c.py): ten
// of its nineteen, five severities each, with the recipe's parameters per severity. Pure functions on 32x32 RGB
// images in [0,1] (HWC, one Float32Array per image), seeded, so Node and the browser make the same corrupted
// images; every output stays in [0,1]. The operations are in corruptionsImage.ts and corruptionsJpeg.ts.
import { seededRandom } from '../lib/index.ts';
import { IMAGE_SIZE } from './cifar10.ts';
import { boxResize, gaussianBlur, mapHsv, mapPixels, normal, plasmaFractal, poisson, type Random } from './corruptionsImage.ts';
import { jpeg } from './corruptionsJpeg.ts';

const S = IMAGE_SIZE;

/** The recipe's four groups (its extra corruptions, saturate and Gaussian blur here, each filed with its kind). */
export type CorruptionFamily = 'noise' | 'blur' | 'weather' | 'digital';
/** A corruption's parameter at one severity: a number, or the recipe's pair. */
export type CorruptionLevel = number | readonly [number, number];

export interface Corruption {
  id: string;
  label: string;
  family: CorruptionFamily;
  /** The recipe's parameter at severities 1..5. */
  levels: readonly CorruptionLevel[];
  /** One image (HWC, [0,1]) corrupted with parameter `c` (one of `levels`, or another of its kind); a new array. */
  apply(img: Float32Array, c: CorruptionLevel, random: Random): Float32Array;
}

/** A corruption whose parameter has one type (the checker holds `levels` and `apply` to it). */
const define = <P extends CorruptionLevel>(
  c: Omit<Corruption, 'levels' | 'apply'> & { levels: readonly P[]; apply(img: Float32Array, c: P, random: Random): Float32Array },
) => c as unknown as Corruption;

/** Fog: the plasma fractal (roughness `decay`) added with weight `a` to every channel, the image then scaled by
 * max / (max + a) so its brightest value stays where it was: the haze lifts the dark parts and flattens contrast. */
function fog(img: Float32Array, [a, decay]: readonly [number, number], random: Random): Float32Array {
  const plasma = plasmaFractal(decay, random);
  const max = img.reduce((m, v) => Math.max(m, v), 0);
  return mapPixels(img, (v, i) => ((v + a * plasma[Math.floor(i / 3)]!) * max) / (max + a));
}

export const CORRUPTIONS: readonly Corruption[] = Object.freeze([
  define({
    id: 'gaussian-noise',
    label: 'Gaussian noise',
    family: 'noise',
    levels: [0.04, 0.06, 0.08, 0.09, 0.1],
    apply: (img, c, random) => mapPixels(img, (v) => v + c * normal(random)),
  }),
  define({
    id: 'shot-noise',
    label: 'Shot noise',
    family: 'noise',
    levels: [500, 250, 100, 75, 50],
    apply: (img, c, random) => mapPixels(img, (v) => poisson(v * c, random) / c),
  }),
  define({
    // Salt and pepper, per value (scikit-image's s&p): a share c set to 0 or 1, half each.
    id: 'impulse-noise',
    label: 'Impulse noise',
    family: 'noise',
    levels: [0.01, 0.02, 0.03, 0.05, 0.07],
    apply: (img, c, random) => mapPixels(img, (v) => (random() < c ? (random() < 0.5 ? 0 : 1) : v)),
  }),
  define({ id: 'gaussian-blur', label: 'Gaussian blur', family: 'blur', levels: [0.4, 0.6, 0.7, 0.8, 1], apply: (img, c) => gaussianBlur(img, c) }),
  define({
    // Towards each channel's mean.
    id: 'contrast',
    label: 'Contrast',
    family: 'digital',
    levels: [0.75, 0.5, 0.4, 0.3, 0.15],
    apply: (img, c) => {
      const mean = [0, 1, 2].map((ch) => img.reduce((s, v, i) => (i % 3 === ch ? s + v : s), 0) / (S * S));
      return mapPixels(img, (v, i) => (v - mean[i % 3]!) * c + mean[i % 3]!);
    },
  }),
  define({
    id: 'fog',
    label: 'Fog',
    family: 'weather',
    levels: [
      [0.2, 3],
      [0.5, 3],
      [0.75, 2.5],
      [1, 2],
      [1.5, 1.75],
    ] as const,
    apply: (img, c, random) => fog(img, c, random),
  }),
  define({
    id: 'brightness',
    label: 'Brightness',
    family: 'weather',
    levels: [0.05, 0.1, 0.15, 0.2, 0.3],
    apply: (img, c) => mapHsv(img, ([h, s, v]) => [h, s, v + c]),
  }),
  define({
    // Saturation scaled and shifted in HSV. The recipe's severities 1 and 2 wash the colours out, 3 to 5 push them
    // up, so the change is not monotone in the severity.
    id: 'saturate',
    label: 'Saturate',
    family: 'digital',
    levels: [
      [0.3, 0],
      [0.1, 0],
      [1.5, 0],
      [2, 0.1],
      [2.5, 0.2],
    ] as const,
    apply: (img, [scale, shift]) => mapHsv(img, ([h, s, v]) => [h, s * scale + shift, v]),
  }),
  define({
    // Down to int(32 c) pixels a side and back up, both with PIL's box filter as the recipe does.
    id: 'pixelate',
    label: 'Pixelate',
    family: 'digital',
    levels: [0.95, 0.9, 0.85, 0.75, 0.65],
    apply: (img, c) => {
      const small = Math.trunc(S * c);
      return boxResize(boxResize(img, S, S, small, small), small, small, S, S);
    },
  }),
  define({ id: 'jpeg', label: 'JPEG', family: 'digital', levels: [80, 65, 58, 50, 40], apply: (img, c) => jpeg(img, c) }),
]);

/** n images (n x 32 x 32 x 3, [0,1]) corrupted at a severity in 1..5. Image i of a set draws from its own stream
 * (seed, first + i, severity), so a set corrupted in batches (`first`: the batch's first index) is the same set. */
export function corruptImages(pixels: Float32Array, corruption: Corruption, severity: number, seed = 0, first = 0): Float32Array {
  if (!Number.isInteger(severity) || severity < 1 || severity > corruption.levels.length)
    throw new RangeError(`severity must be 1..${corruption.levels.length} (got ${severity})`);
  const size = S * S * 3;
  const out = new Float32Array(pixels.length);
  for (let i = 0; i * size < pixels.length; i++) {
    const random = seededRandom(seed * 100_003 + (first + i) * 7 + severity).next;
    out.set(corruption.apply(pixels.subarray(i * size, (i + 1) * size), corruption.levels[severity - 1]!, random), i * size);
  }
  return out;
}
