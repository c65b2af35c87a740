import type { LandscapeMap } from '../../state/insightSlice.ts';

/** What a landscape shows, in numbers a sentence can carry. */
export function landscapeFacts(map: LandscapeMap): { centreClass: number; centreConfidence: number; share: number; flipsAt: number | null } {
  const n = map.size;
  const mid = (n - 1) / 2;
  const centre = mid * n + mid;
  const centreClass = map.pred[centre]!;
  let same = 0;
  for (const p of map.pred) if (p === centreClass) same++;
  // The first column right of the image (towards the attack) whose answer differs, on the b = 0 row.
  let flipsAt: number | null = null;
  for (let col = mid + 1; col < n; col++) {
    if (map.pred[mid * n + col] !== centreClass) {
      flipsAt = (map.radius * (col - mid)) / mid;
      break;
    }
  }
  return { centreClass, centreConfidence: map.confidence[centre]!, share: same / map.pred.length, flipsAt };
}
