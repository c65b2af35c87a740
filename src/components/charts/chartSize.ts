import { useAppStore } from '../../state/store.ts';

export interface ChartSize {
  font: number;
  height: number;
  /** Room for y-axis labels of up to `chars` characters at `font` (+ extra px): presenter mode's text needs more. */
  axisWidth(chars: number, font?: number): number;
}

/** Chart text and height: in presenter mode (big=1) they grow with the rest of the page. */
export function useChartSize(height: number): ChartSize {
  const big = useAppStore((s) => s.view.bigText);
  const font = big ? 18 : 11;
  return { font, height: big ? Math.round(height * 1.6) : height, axisWidth: (chars, f = font) => Math.round(f * 0.62 * chars + 14) };
}
