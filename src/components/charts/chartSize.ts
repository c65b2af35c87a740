import { useAppStore } from '../../state/store.ts';

/** Chart text and height: in presenter mode (big=1) they grow with the rest of the page. */
export function useChartSize(height: number): { font: number; height: number } {
  const big = useAppStore((s) => s.view.bigText);
  return big ? { font: 18, height: Math.round(height * 1.6) } : { font: 11, height };
}
