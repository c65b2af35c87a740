import { useAppStore } from '../../state/store.ts';

export interface ChartSize {
  font: number;
  height: number;
  /** The axes' stroke and text size, to spread onto XAxis and YAxis. */
  axis: { stroke: string; fontSize: number };
  /** Room for y-axis labels of up to `chars` characters at `font` (+ extra px): presenter mode's text needs more. */
  axisWidth(chars: number, font?: number): number;
}

/**
 * Chart text and height: in presenter mode (big=1) they grow with the rest of the page, the height by `grow`
 * (less for charts a lesson step shows above its sheet).
 */
export function useChartSize(height: number, grow = 1.6): ChartSize {
  const big = useAppStore((s) => s.view.bigText);
  const font = big ? 18 : 11;
  return {
    font,
    height: big ? Math.round(height * grow) : height,
    axis: { stroke: '#9aa0ad', fontSize: font },
    axisWidth: (chars, f = font) => Math.round(f * 0.62 * chars + 14),
  };
}
