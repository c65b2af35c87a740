// Deterministic pseudo-random test data, so a failing case can be replayed: the app's own generator
// (mulberry32, src/lib/index.ts).
import { seededRandom } from '../../src/lib/index.ts';

/** Uniform numbers in [0, 1), reproducible from an integer seed. */
export function rng(seed: number): () => number {
  return seededRandom(seed).next;
}

/** `length` numbers uniform in [lo, hi). */
export function uniformArray(r: () => number, length: number, lo: number, hi: number): number[] {
  return Array.from({ length }, () => lo + (hi - lo) * r());
}
