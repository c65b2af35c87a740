import { useAppStore } from '../../state/store.ts';

/** Display size of the insight views' small images: larger in presenter mode (big=1). */
export function useImageSize(base = 96): number {
  const big = useAppStore((s) => s.view.bigText);
  return big ? Math.round(base * 1.6) : base;
}
