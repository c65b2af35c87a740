// Common corruptions after the CIFAR-10-C recipe (Hendrycks and Dietterich 2019): eight of its fifteen, five
// severities each, with the recipe's parameters per severity. Pure functions on 32x32 RGB images in [0,1] (HWC,
// one Float32Array per image), seeded, so Node and the browser make the same corrupted images; every output stays
// in [0,1]. JPEG is computed here (colour transform, 8x8 DCT, quantisation, 4:2:0 chroma) rather than by a
// browser's encoder, for the same reason.
import { seededRandom } from '../attacks/index.ts';
import { IMAGE_SIZE } from './cifar10.ts';

const S = IMAGE_SIZE;
type Random = () => number;

export type CorruptionFamily = 'noise' | 'blur' | 'weather' | 'digital';

export interface Corruption {
  id: string;
  label: string;
  family: CorruptionFamily;
  /** The recipe's parameter at severities 1..5. */
  levels: readonly number[];
  /** One image (HWC, [0,1]) corrupted with parameter `c`; a new array. */
  apply(img: Float32Array, c: number, random: Random): Float32Array;
}

const clip01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
const map = (img: Float32Array, f: (v: number, i: number) => number) => Float32Array.from(img, (v, i) => clip01(f(v, i)));

function normal(random: Random): number {
  // Box-Muller; 1 - u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function poisson(lambda: number, random: Random): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(random)));
  // Knuth's product of uniforms, exact for small means.
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

function gaussianBlur(img: Float32Array, sigma: number): Float32Array {
  const radius = Math.ceil(4 * sigma);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, k) => Math.exp(-((k - radius) ** 2) / (2 * sigma * sigma)));
  const sum = kernel.reduce((a, b) => a + b, 0);
  const w = kernel.map((k) => k / sum);
  // Separable, edges mirrored (as scikit-image's 'nearest' would clamp; mirroring keeps flat images flat too).
  const at = (i: number) => (i < 0 ? -i - 1 : i >= S ? 2 * S - i - 1 : i);
  const pass = (src: Float32Array, horizontal: boolean) => {
    const out = new Float32Array(src.length);
    for (let y = 0; y < S; y++)
      for (let x = 0; x < S; x++)
        for (let c = 0; c < 3; c++) {
          let v = 0;
          for (let k = -radius; k <= radius; k++) {
            const [yy, xx] = horizontal ? [y, at(x + k)] : [at(y + k), x];
            v += w[k + radius]! * src[(yy * S + xx) * 3 + c]!;
          }
          out[(y * S + x) * 3 + c] = v;
        }
    return out;
  };
  return map(pass(pass(img, true), false), (v) => v);
}

/** RGB <-> HSV for one pixel, h in [0,1). */
function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  const s = max === 0 ? 0 : d / max;
  let h = 0;
  if (d > 0) h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, s, max];
}

function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  const i = Math.floor(h * 6) % 6;
  const f = h * 6 - Math.floor(h * 6);
  const [p, q, t] = [v * (1 - s), v * (1 - f * s), v * (1 - (1 - f) * s)];
  return ([[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]] as const)[i]! as [number, number, number];
}

function pixelate(img: Float32Array, c: number): Float32Array {
  // Down to round(32 c) pixels a side by area averaging, then back up by nearest neighbour (the recipe's box resize).
  const small = Math.round(S * c);
  const down = new Float32Array(small * small * 3);
  for (let y = 0; y < small; y++)
    for (let x = 0; x < small; x++) {
      const [y0, y1, x0, x1] = [(y * S) / small, ((y + 1) * S) / small, (x * S) / small, ((x + 1) * S) / small];
      for (let c3 = 0; c3 < 3; c3++) {
        let v = 0;
        let area = 0;
        for (let yy = Math.floor(y0); yy < Math.ceil(y1); yy++)
          for (let xx = Math.floor(x0); xx < Math.ceil(x1); xx++) {
            const a = (Math.min(yy + 1, y1) - Math.max(yy, y0)) * (Math.min(xx + 1, x1) - Math.max(xx, x0));
            v += a * img[(yy * S + xx) * 3 + c3]!;
            area += a;
          }
        down[(y * small + x) * 3 + c3] = v / area;
      }
    }
  const out = new Float32Array(img.length);
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++)
      for (let c3 = 0; c3 < 3; c3++) {
        const [sy, sx] = [Math.min(small - 1, Math.floor(((y + 0.5) * small) / S)), Math.min(small - 1, Math.floor(((x + 0.5) * small) / S))];
        out[(y * S + x) * 3 + c3] = down[(sy * small + sx) * 3 + c3]!;
      }
  return out;
}

// JPEG's standard quantisation tables (ITU T.81, Annex K), row by row.
const LUMA_TABLE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_TABLE = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
  ...new Array<number>(32).fill(99),
];

/** The table scaled for a quality in 1..100, as libjpeg does. */
function scaledTable(table: number[], quality: number): number[] {
  const scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
  return table.map((q) => Math.min(255, Math.max(1, Math.floor((q * scale + 50) / 100))));
}

const COS = Array.from({ length: 64 }, (_, i) => Math.cos(((2 * (i % 8) + 1) * Math.floor(i / 8) * Math.PI) / 16));
const alpha = (u: number) => (u === 0 ? Math.SQRT1_2 : 1);

/** An 8x8 block through DCT, quantisation and back (values centred on 0, in 0..255 units). */
function jpegBlock(block: number[], table: number[]): number[] {
  const coef = new Array<number>(64);
  for (let v = 0; v < 8; v++)
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) s += block[y * 8 + x]! * COS[u * 8 + x]! * COS[v * 8 + y]!;
      const q = table[v * 8 + u]!;
      coef[v * 8 + u] = Math.round((0.25 * alpha(u) * alpha(v) * s) / q) * q;
    }
  const out = new Array<number>(64);
  for (let y = 0; y < 8; y++)
    for (let x = 0; x < 8; x++) {
      let s = 0;
      for (let v = 0; v < 8; v++) for (let u = 0; u < 8; u++) s += alpha(u) * alpha(v) * coef[v * 8 + u]! * COS[u * 8 + x]! * COS[v * 8 + y]!;
      out[y * 8 + x] = 0.25 * s;
    }
  return out;
}

function jpeg(img: Float32Array, quality: number): Float32Array {
  const [luma, chroma] = [scaledTable(LUMA_TABLE, quality), scaledTable(CHROMA_TABLE, quality)];
  // JFIF's YCbCr in 0..255 units.
  const Y = new Float32Array(S * S), Cb = new Float32Array(S * S), Cr = new Float32Array(S * S);
  for (let i = 0; i < S * S; i++) {
    const [r, g, b] = [img[3 * i]! * 255, img[3 * i + 1]! * 255, img[3 * i + 2]! * 255];
    Y[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    Cb[i] = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
    Cr[i] = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  }
  const compress = (plane: Float32Array, size: number, table: number[]) => {
    const out = new Float32Array(size * size);
    for (let by = 0; by < size; by += 8)
      for (let bx = 0; bx < size; bx += 8) {
        const block = Array.from({ length: 64 }, (_, k) => plane[(by + (k >> 3)) * size + bx + (k & 7)]! - 128);
        jpegBlock(block, table).forEach((v, k) => (out[(by + (k >> 3)) * size + bx + (k & 7)] = v + 128));
      }
    return out;
  };
  // 4:2:0: chroma averaged over 2x2 pixels, compressed at 16x16, then repeated back.
  const half = S / 2;
  const sub = (p: Float32Array) =>
    Float32Array.from({ length: half * half }, (_, i) => {
      const [y, x] = [Math.floor(i / half) * 2, (i % half) * 2];
      return (p[y * S + x]! + p[y * S + x + 1]! + p[(y + 1) * S + x]! + p[(y + 1) * S + x + 1]!) / 4;
    });
  const [y2, cb2, cr2] = [compress(Y, S, luma), compress(sub(Cb), half, chroma), compress(sub(Cr), half, chroma)];
  const out = new Float32Array(img.length);
  for (let i = 0; i < S * S; i++) {
    const h = Math.floor(i / S / 2) * half + Math.floor((i % S) / 2);
    const [yy, cb, cr] = [y2[i]!, cb2[h]! - 128, cr2[h]! - 128];
    // Decoded to 8-bit, as a JPEG file would be.
    out[3 * i] = clip01(Math.round(yy + 1.402 * cr) / 255);
    out[3 * i + 1] = clip01(Math.round(yy - 0.344136 * cb - 0.714136 * cr) / 255);
    out[3 * i + 2] = clip01(Math.round(yy + 1.772 * cb) / 255);
  }
  return out;
}

export const CORRUPTIONS: readonly Corruption[] = Object.freeze([
  {
    id: 'gaussian-noise', label: 'Gaussian noise', family: 'noise', levels: [0.04, 0.06, 0.08, 0.09, 0.1],
    apply: (img, c, random) => map(img, (v) => v + c * normal(random)),
  },
  {
    id: 'shot-noise', label: 'Shot noise', family: 'noise', levels: [500, 250, 100, 75, 50],
    apply: (img, c, random) => map(img, (v) => poisson(v * c, random) / c),
  },
  {
    // Salt and pepper: a share c of the values set to 0 or 1, half each.
    id: 'impulse-noise', label: 'Impulse noise', family: 'noise', levels: [0.01, 0.02, 0.03, 0.05, 0.07],
    apply: (img, c, random) => map(img, (v) => (random() < c ? (random() < 0.5 ? 0 : 1) : v)),
  },
  { id: 'gaussian-blur', label: 'Gaussian blur', family: 'blur', levels: [0.4, 0.6, 0.7, 0.8, 1], apply: (img, c) => gaussianBlur(img, c) },
  {
    // Towards each channel's mean: the recipe's contrast, what fog and haze also do.
    id: 'contrast', label: 'Contrast', family: 'digital', levels: [0.75, 0.5, 0.4, 0.3, 0.15],
    apply: (img, c) => {
      const mean = [0, 1, 2].map((ch) => img.reduce((s, v, i) => (i % 3 === ch ? s + v : s), 0) / (S * S));
      return map(img, (v, i) => (v - mean[i % 3]!) * c + mean[i % 3]!);
    },
  },
  {
    id: 'brightness', label: 'Brightness', family: 'weather', levels: [0.05, 0.1, 0.15, 0.2, 0.3],
    apply: (img, c) => {
      const out = new Float32Array(img.length);
      for (let i = 0; i < img.length; i += 3) {
        const [h, s, v] = rgbToHsv(img[i]!, img[i + 1]!, img[i + 2]!);
        hsvToRgb(h, s, clip01(v + c)).forEach((x, k) => (out[i + k] = clip01(x)));
      }
      return out;
    },
  },
  { id: 'pixelate', label: 'Pixelate', family: 'digital', levels: [0.95, 0.9, 0.85, 0.75, 0.65], apply: (img, c) => pixelate(img, c) },
  { id: 'jpeg', label: 'JPEG', family: 'digital', levels: [80, 65, 58, 50, 40], apply: (img, c) => jpeg(img, c) },
] satisfies Corruption[]);

export type CorruptionId = (typeof CORRUPTIONS)[number]['id'];

/** n images (n x 32 x 32 x 3, [0,1]) corrupted at a severity in 1..5; image i draws from its own seeded stream. */
export function corruptImages(pixels: Float32Array, corruption: Corruption, severity: number, seed = 0): Float32Array {
  if (!Number.isInteger(severity) || severity < 1 || severity > corruption.levels.length) throw new RangeError(`severity must be 1..${corruption.levels.length} (got ${severity})`);
  const size = S * S * 3;
  const out = new Float32Array(pixels.length);
  for (let i = 0; i * size < pixels.length; i++) {
    const random = seededRandom(seed * 100_003 + i * 7 + severity).next;
    out.set(corruption.apply(pixels.subarray(i * size, (i + 1) * size), corruption.levels[severity - 1]!, random), i * size);
  }
  return out;
}
