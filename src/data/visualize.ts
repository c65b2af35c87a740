// Making a perturbation visible: it is a few /255 per pixel, so it must be amplified, and the factor said.

/** The factor that maps the largest |delta| to half the display range, rounded down to a readable number. */
export function amplification(delta: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < delta.length; i++) max = Math.max(max, Math.abs(delta[i]!));
  if (max === 0) return 1;
  const raw = 0.5 / max;
  const steps = [1, 2, 2.5, 5];
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let best = magnitude;
  for (const s of steps) if (s * magnitude <= raw) best = s * magnitude;
  return Math.max(1, best);
}

const toByte = (v: number) => Math.max(0, Math.min(255, Math.round(v * 255)));

/** delta (HWC floats, x_adv - x) as RGB: grey 128 is "no change", each channel amplified by `factor`. */
export function amplifiedRgb(delta: ArrayLike<number>, factor: number): Uint8Array {
  const out = new Uint8Array(delta.length);
  for (let i = 0; i < delta.length; i++) out[i] = toByte(0.5 + factor * delta[i]!);
  return out;
}

/**
 * delta as a diverging map of the per-pixel mean change over the channels: blue where the attack
 * darkened the pixel, red where it brightened it, white where it left it alone. `factor` scales as above.
 */
export function divergingRgb(delta: ArrayLike<number>, factor: number): Uint8Array {
  const pixels = delta.length / 3;
  const out = new Uint8Array(delta.length);
  for (let p = 0; p < pixels; p++) {
    const mean = (delta[p * 3]! + delta[p * 3 + 1]! + delta[p * 3 + 2]!) / 3;
    const t = Math.max(-1, Math.min(1, 2 * factor * mean)); // -1 .. 1
    const fade = 1 - Math.abs(t);
    // Red (t > 0) or blue (t < 0), fading to white at 0.
    out[p * 3] = toByte(t > 0 ? 1 : fade);
    out[p * 3 + 1] = toByte(fade);
    out[p * 3 + 2] = toByte(t < 0 ? 1 : fade);
  }
  return out;
}

/** x in [0,1] floats -> bytes, as an 8-bit PNG would store it. */
export function toBytes(x: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = toByte(x[i]!);
  return out;
}
