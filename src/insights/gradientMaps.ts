// A gradient (HWC floats) drawn as two RGB images. Gradients are heavy-tailed: scaling by the largest value lets
// one pixel wash out the rest, so both maps scale by a high percentile and saturate above it.
import { divergingRgb } from '../data/visualize.ts';

/** The percentile of the map's values that is drawn at full strength. */
const GRADIENT_PERCENTILE = 0.99;

/** The q-quantile (0..1) of values, by sorting a copy. */
function percentile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

/** Per pixel: the gradient summed over the colour channels, and its absolute sum. */
function perPixel(grad: ArrayLike<number>): { signed: Float64Array; magnitude: Float64Array } {
  const n = grad.length / 3;
  const signed = new Float64Array(n);
  const magnitude = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const [r, g, b] = [grad[3 * p]!, grad[3 * p + 1]!, grad[3 * p + 2]!];
    signed[p] = r + g + b;
    magnitude[p] = Math.abs(r) + Math.abs(g) + Math.abs(b);
  }
  return { signed, magnitude };
}

/** Channel-summed |g| in grey: black is no sensitivity, white is the percentile and above. */
export function magnitudeRgb(grad: ArrayLike<number>): Uint8Array {
  const { magnitude } = perPixel(grad);
  const scale = percentile(magnitude, GRADIENT_PERCENTILE) || 1;
  const out = new Uint8Array(magnitude.length * 3);
  for (let p = 0; p < magnitude.length; p++) {
    const v = Math.round(255 * Math.min(1, magnitude[p]! / scale));
    out[3 * p] = out[3 * p + 1] = out[3 * p + 2] = v;
  }
  return out;
}

/**
 * Channel-summed g with the lab's diverging map: red where brightening the pixel raises the loss, blue where
 * darkening it does, white where the loss does not care; full colour at the percentile of |sum| and above.
 */
export function signedRgb(grad: ArrayLike<number>): Uint8Array {
  const { signed } = perPixel(grad);
  const scale = percentile(signed.map(Math.abs), GRADIENT_PERCENTILE) || 1;
  // divergingRgb colours t = 2 * factor * (channel mean); the mean of three equal channels is the sum / 3.
  const asMean = new Float64Array(signed.length * 3);
  for (let p = 0; p < signed.length; p++) asMean[3 * p] = asMean[3 * p + 1] = asMean[3 * p + 2] = signed[p]! / scale;
  return divergingRgb(asMean, 0.5);
}
