// Turning any user image into a 32x32 RGB model input: centre crop, transparency on white, area averaging.

export interface CropRect {
  sx: number;
  sy: number;
  size: number;
}

/** The largest centred square of a width x height image. */
export function centerCrop(width: number, height: number): CropRect {
  const size = Math.min(width, height);
  return { sx: Math.floor((width - size) / 2), sy: Math.floor((height - size) / 2), size };
}

/**
 * Downscales a square RGBA image (non-premultiplied) to out x out RGB by area averaging: each output
 * pixel is the coverage-weighted mean of the source pixels under it. Transparent pixels are composited
 * on white first, as a page would show them. Upscales (a source smaller than `out`) by the same rule,
 * which is then nearest-neighbour.
 */
export function areaResizeToRgb(rgba: Uint8ClampedArray | Uint8Array, size: number, out = 32): Uint8Array {
  if (rgba.length !== size * size * 4) throw new Error(`Expected ${size}x${size} RGBA pixels`);
  const scale = size / out;
  const rgb = new Uint8Array(out * out * 3);
  // Per output row/column: the source index range and the weight of each source index.
  const spans = Array.from({ length: out }, (_, o) => {
    const start = o * scale;
    const end = start + scale;
    const items: [number, number][] = [];
    for (let s = Math.floor(start); s < Math.min(size, Math.ceil(end)); s++) {
      const w = Math.min(end, s + 1) - Math.max(start, s);
      if (w > 1e-9) items.push([s, w]);
    }
    return items;
  });
  for (let oy = 0; oy < out; oy++) {
    for (let ox = 0; ox < out; ox++) {
      let r = 0,
        g = 0,
        b = 0,
        total = 0;
      for (const [sy, wy] of spans[oy]!) {
        for (const [sx, wx] of spans[ox]!) {
          const p = (sy * size + sx) * 4;
          const a = rgba[p + 3]! / 255;
          const w = wy * wx;
          r += w * (rgba[p]! * a + 255 * (1 - a));
          g += w * (rgba[p + 1]! * a + 255 * (1 - a));
          b += w * (rgba[p + 2]! * a + 255 * (1 - a));
          total += w;
        }
      }
      const q = (oy * out + ox) * 3;
      rgb[q] = Math.round(r / total);
      rgb[q + 1] = Math.round(g / total);
      rgb[q + 2] = Math.round(b / total);
    }
  }
  return rgb;
}
