// JPEG's lossy step for one 32x32 RGB image, computed here so Node and every browser make the same image (a
// browser's encoder would differ from PIL's and between browsers): JFIF's YCbCr, 4:2:0 chroma (2x2 means), an 8x8
// DCT per block quantised with libjpeg's tables for the quality, the inverse, chroma back up with libjpeg's
// "fancy" triangle filter, and the result rounded to 8-bit levels as a decoded file would be.
import { IMAGE_SIZE } from './cifar10.ts';

const S = IMAGE_SIZE;
const clip01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

// JPEG's standard quantisation tables (ITU T.81, Annex K), row by row.
const LUMA_TABLE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68,
  109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_TABLE = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  99,
  99,
  99,
  ...new Array<number>(32).fill(99),
];

/** The table scaled for a quality in 1..100, as libjpeg does (quality 100: every step 1). */
export function scaledTable(table: readonly number[], quality: number): number[] {
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

/** Every 8x8 block of a size x size plane (0..255) through the lossy step. */
function compress(plane: Float32Array, size: number, table: number[]): Float32Array {
  const out = new Float32Array(size * size);
  for (let by = 0; by < size; by += 8)
    for (let bx = 0; bx < size; bx += 8) {
      const block = Array.from({ length: 64 }, (_, k) => plane[(by + (k >> 3)) * size + bx + (k & 7)]! - 128);
      jpegBlock(block, table).forEach((v, k) => (out[(by + (k >> 3)) * size + bx + (k & 7)] = v + 128));
    }
  return out;
}

const HALF = S / 2;

/** 4:2:0: the mean of each 2x2 pixels. */
const subsample = (p: Float32Array) =>
  Float32Array.from({ length: HALF * HALF }, (_, i) => {
    const [y, x] = [Math.floor(i / HALF) * 2, (i % HALF) * 2];
    return (p[y * S + x]! + p[y * S + x + 1]! + p[(y + 1) * S + x]! + p[(y + 1) * S + x + 1]!) / 4;
  });

/** Chroma at pixel (y, x) from the 16x16 plane: libjpeg's triangle filter, 9/16 of the nearest sample, 3/16 of each
 * of its two neighbours on the pixel's side, 1/16 of the diagonal one (edges repeated). */
function upsampled(c: Float32Array, y: number, x: number): number {
  const [cy, cx] = [y >> 1, x >> 1];
  const clamp = (v: number) => Math.min(HALF - 1, Math.max(0, v));
  const [ny, nx] = [clamp(y % 2 ? cy + 1 : cy - 1), clamp(x % 2 ? cx + 1 : cx - 1)];
  return (9 * c[cy * HALF + cx]! + 3 * c[ny * HALF + cx]! + 3 * c[cy * HALF + nx]! + c[ny * HALF + nx]!) / 16;
}

/** One image (HWC, [0,1]) saved as JPEG at this quality (1..100) and decoded; a new array. */
export function jpeg(img: Float32Array, quality: number): Float32Array {
  const [luma, chroma] = [scaledTable(LUMA_TABLE, quality), scaledTable(CHROMA_TABLE, quality)];
  const Y = new Float32Array(S * S),
    Cb = new Float32Array(S * S),
    Cr = new Float32Array(S * S);
  for (let i = 0; i < S * S; i++) {
    const [r, g, b] = [img[3 * i]! * 255, img[3 * i + 1]! * 255, img[3 * i + 2]! * 255];
    Y[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    Cb[i] = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
    Cr[i] = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  }
  const [y2, cb2, cr2] = [compress(Y, S, luma), compress(subsample(Cb), HALF, chroma), compress(subsample(Cr), HALF, chroma)];
  const out = new Float32Array(img.length);
  for (let i = 0; i < S * S; i++) {
    const [py, px] = [Math.floor(i / S), i % S];
    const [yy, cb, cr] = [y2[i]!, upsampled(cb2, py, px) - 128, upsampled(cr2, py, px) - 128];
    out[3 * i] = clip01(Math.round(yy + 1.402 * cr) / 255);
    out[3 * i + 1] = clip01(Math.round(yy - 0.344136 * cb - 0.714136 * cr) / 255);
    out[3 * i + 2] = clip01(Math.round(yy + 1.772 * cb) / 255);
  }
  return out;
}
