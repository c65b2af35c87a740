// Image operations the common corruptions are made of, on one 32x32 RGB image (HWC, [0,1], Float32Array), each
// after the library the CIFAR-10-C code calls: scikit-image's Gaussian filter and HSV, PIL's box resize, and the
// recipe's own diamond-square "plasma" for fog.
import { IMAGE_SIZE } from './cifar10.ts';

const S = IMAGE_SIZE;
export type Random = () => number;

export const clip01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Every value through f, clipped to [0,1]; a new array. */
export const mapPixels = (img: Float32Array, f: (v: number, i: number) => number): Float32Array => Float32Array.from(img, (v, i) => clip01(f(v, i)));

/** A standard normal draw (Box-Muller; 1 - u keeps the logarithm finite). */
export function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A Poisson draw: Knuth's product of uniforms, exact for small means; the normal approximation above 30. */
export function poisson(lambda: number, random: Random): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(random)));
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

/** Separable Gaussian blur per channel as scikit-image's `gaussian` (scipy: radius int(4 sigma + 0.5), edges
 * repeated, 'nearest'). */
export function gaussianBlur(img: Float32Array, sigma: number): Float32Array {
  const radius = Math.floor(4 * sigma + 0.5);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, k) => Math.exp(-((k - radius) ** 2) / (2 * sigma * sigma)));
  const sum = kernel.reduce((a, b) => a + b, 0);
  const w = kernel.map((k) => k / sum);
  const at = (i: number) => Math.min(S - 1, Math.max(0, i));
  const pass = (src: Float32Array, horizontal: boolean) => {
    const out = new Float32Array(src.length);
    for (let y = 0; y < S; y++)
      for (let x = 0; x < S; x++)
        for (let c = 0; c < 3; c++) {
          let v = 0;
          for (let k = -radius; k <= radius; k++) v += w[k + radius]! * src[(horizontal ? y * S + at(x + k) : at(y + k) * S + x) * 3 + c]!;
          out[(y * S + x) * 3 + c] = v;
        }
    return out;
  };
  return mapPixels(pass(pass(img, true), false), (v) => v);
}

/** RGB -> HSV for one pixel, h in [0,1). */
export function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  const s = max === 0 ? 0 : d / max;
  let h = 0;
  if (d > 0) h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, s, max];
}

export function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  const i = Math.floor(h * 6) % 6;
  const f = h * 6 - Math.floor(h * 6);
  const [p, q, t] = [v * (1 - s), v * (1 - f * s), v * (1 - (1 - f) * s)];
  return (
    [
      [v, t, p],
      [q, v, p],
      [p, v, t],
      [p, q, v],
      [t, p, v],
      [v, p, q],
    ] as const
  )[i]! as [number, number, number];
}

/** Every pixel through HSV: f gets (h, s, v) and returns the new triple; a new array in [0,1]. */
export function mapHsv(img: Float32Array, f: (hsv: [number, number, number]) => [number, number, number]): Float32Array {
  const out = new Float32Array(img.length);
  for (let i = 0; i < img.length; i += 3) {
    const [h, s, v] = f(rgbToHsv(img[i]!, img[i + 1]!, img[i + 2]!));
    hsvToRgb(h, clip01(s), clip01(v)).forEach((x, k) => (out[i + k] = clip01(x)));
  }
  return out;
}

/** PIL's BOX resampling weights along one axis: output pixel j averages the input pixels whose centres fall in its
 * footprint (upscaling: the one nearest). */
function boxWeights(inSize: number, outSize: number): { start: number; weights: number[] }[] {
  const scale = inSize / outSize;
  const support = 0.5 * Math.max(scale, 1);
  const inBox = (t: number): number => (t > -0.5 && t <= 0.5 ? 1 : 0);
  return Array.from({ length: outSize }, (_, j) => {
    const centre = (j + 0.5) * scale;
    const start = Math.max(Math.trunc(centre - support + 0.5), 0);
    const end = Math.min(Math.trunc(centre + support + 0.5), inSize);
    const raw = Array.from({ length: end - start }, (_, k) => inBox((start + k - centre + 0.5) / Math.max(scale, 1)));
    const total = raw.reduce((a, b) => a + b, 0);
    return { start, weights: raw.map((w) => w / total) };
  });
}

/** An RGB image (HWC) of w x h resized to W x H with PIL's BOX filter, rows first then columns as PIL does. */
export function boxResize(img: Float32Array, w: number, h: number, W: number, H: number): Float32Array {
  const [cols, rows] = [boxWeights(w, W), boxWeights(h, H)];
  const wide = new Float32Array(h * W * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < W; x++)
      for (let c = 0; c < 3; c++)
        wide[(y * W + x) * 3 + c] = cols[x]!.weights.reduce((s, k, i) => s + k * img[(y * w + cols[x]!.start + i) * 3 + c]!, 0);
  const out = new Float32Array(H * W * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      for (let c = 0; c < 3; c++)
        out[(y * W + x) * 3 + c] = rows[y]!.weights.reduce((s, k, i) => s + k * wide[((rows[y]!.start + i) * W + x) * 3 + c]!, 0);
  return out;
}

/** The recipe's plasma fractal: a 32x32 height map by diamond-square on a torus (each new point the mean of four
 * neighbours plus noise whose scale falls by `decay` per level), scaled to [0,1]. Row-major, one value a pixel. */
export function plasmaFractal(decay: number, random: Random): Float64Array {
  const m = new Float64Array(S * S);
  const at = (y: number, x: number) => (((y % S) + S) % S) * S + (((x % S) + S) % S);
  let wibble = 100;
  // The reference draws uniform(-wibble, wibble) and scales it by wibble again.
  const wibbled = (sum: number) => sum / 4 + wibble * wibble * (2 * random() - 1);
  for (let step = S; step >= 2; step /= 2, wibble /= decay) {
    const h = step / 2;
    for (let y = 0; y < S; y += step)
      for (let x = 0; x < S; x += step)
        m[at(y + h, x + h)] = wibbled(m[at(y, x)]! + m[at(y + step, x)]! + m[at(y, x + step)]! + m[at(y + step, x + step)]!);
    // Both kinds of diamond point read only the corners and the centres set above, as the reference's arrays do.
    const next = m.slice();
    for (let y = 0; y < S; y += step)
      for (let x = 0; x < S; x += step) {
        next[at(y, x + h)] = wibbled(m[at(y, x)]! + m[at(y, x + step)]! + m[at(y - h, x + h)]! + m[at(y + h, x + h)]!);
        next[at(y + h, x)] = wibbled(m[at(y, x)]! + m[at(y + step, x)]! + m[at(y + h, x - h)]! + m[at(y + h, x + h)]!);
      }
    m.set(next);
  }
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of m) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return m.map((v) => (hi > lo ? (v - lo) / (hi - lo) : 0));
}
