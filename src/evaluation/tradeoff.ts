// The price of robustness in figures: accuracy per class, and how far a figure measured on n images can be off.
import { ATTACK_DESCRIPTORS, type AttackConfig } from '../attacks/catalog.ts';

export interface PerClassAccuracy {
  /** Per class (index = class): held-out images of that class. */
  counts: number[];
  clean: number[];
  robust: number[];
}

/** Clean and robust accuracy per class from per-image results; a class with no image reads NaN. */
export function perClassAccuracy(clean: readonly boolean[], robust: readonly boolean[], labels: readonly number[], classes = 10): PerClassAccuracy {
  if (clean.length !== labels.length || robust.length !== labels.length)
    throw new RangeError(`per-class accuracy: ${clean.length} and ${robust.length} results for ${labels.length} labels`);
  const counts = new Array<number>(classes).fill(0);
  const right = [new Array<number>(classes).fill(0), new Array<number>(classes).fill(0)];
  labels.forEach((l, i) => {
    counts[l]!++;
    if (clean[i]) right[0]![l]!++;
    if (robust[i]) right[1]![l]!++;
  });
  const rate = (r: number[]) => r.map((v, c) => (counts[c]! > 0 ? v / counts[c]! : Number.NaN));
  return { counts, clean: rate(right[0]!), robust: rate(right[1]!) };
}

/**
 * Half-width of the 95% Wilson score interval of a share p measured on n images, as the larger of its two sides:
 * "70% ± 4" on 500 images. Wilson, not the normal approximation, so 0% and 100% on a small set still get a margin.
 */
export function marginOfError(p: number, n: number): number {
  if (n <= 0) return 1;
  const z = 1.96;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  return Math.max(centre + half - p, p - (centre - half));
}

/** The classes ordered by what robustness cost them: clean minus robust accuracy, largest first. */
export function classesByPrice(perClass: PerClassAccuracy): number[] {
  const price = (c: number) => perClass.clean[c]! - perClass.robust[c]!;
  return perClass.counts
    .map((_, c) => c)
    .filter((c) => perClass.counts[c]! > 0)
    .sort((a, b) => price(b) - price(a));
}

/** A short name of an evaluation attack: its picker label, with the step count where it has one ("PGD-10"). */
export function attackName(a: AttackConfig): string {
  const label = ATTACK_DESCRIPTORS[a.kind].label;
  return 'steps' in a && a.kind === 'pgd' ? `${label}-${a.steps}` : label;
}
