import { useEffect, useRef } from 'react';
import { rgbToRgba } from '../../data/sprite.ts';

interface Props {
  /** Packed RGB bytes, size*size*3. */
  pixels: Uint8Array;
  size?: number;
  /** Displayed width and height in CSS pixels; upscaled without smoothing. */
  displaySize: number;
  /** What the image shows, for screen readers; null when what contains it already says (a named button). */
  label: string | null;
  className?: string;
}

/** A small image drawn at its true resolution and upscaled pixel-crisp by CSS. */
export function PixelImage({ pixels, size = 32, displaySize, label, className }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    ctx?.putImageData(new ImageData(rgbToRgba(pixels), size, size), 0, 0);
  }, [pixels, size]);
  return (
    <canvas
      ref={ref}
      width={size}
      height={size}
      {...(label === null ? { 'aria-hidden': true } : { role: 'img', 'aria-label': label })}
      className={`pixel-image ${className ?? ''}`}
      style={{ width: displaySize, height: displaySize }}
    />
  );
}
