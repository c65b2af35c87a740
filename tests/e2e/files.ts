// Files a user might hand the lab, made in Node.
import { PNG } from 'pngjs';

/** An RGBA PNG whose pixel (x, y) is f(x, y). */
export function pngOf(width: number, height: number, f: (x: number, y: number) => [number, number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) png.data.set(f(x, y), (y * width + x) * 4);
  return PNG.sync.write(png);
}

export const file = (name: string, mimeType: string, buffer: Buffer) => ({ name, mimeType, buffer });
