// The landscape's grid: n x n coefficients (a along d1, b along d2), plain numbers.

/** n evenly spaced values from -radius to radius; n odd puts 0 in the middle. */
export function gridOffsets(n: number, radius: number): number[] {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`grid size must be a whole number >= 2 (got ${n})`);
  if (!(radius > 0)) throw new RangeError(`radius must be > 0 (got ${radius})`);
  // Symmetric by construction: the k-th from the end is the negated k-th (no accumulated rounding).
  return Array.from({ length: n }, (_, i) => (radius * (2 * i - (n - 1))) / (n - 1));
}

export interface GridPoint {
  /** Coefficient along d1 (the attack direction). */
  a: number;
  /** Coefficient along d2 (the random direction). */
  b: number;
}

/**
 * Point (row, col) of an n x n grid in display order: columns go along d1 from -radius (left) to +radius, rows
 * along d2 from +radius (top) to -radius, so the picture reads like a plot. Index = row * n + col.
 */
export function gridPoint(offsets: readonly number[], row: number, col: number): GridPoint {
  const n = offsets.length;
  return { a: offsets[col]!, b: offsets[n - 1 - row]! };
}

/** The grid cell nearest to (a, b), or null when outside the grid. */
export function nearestCell(offsets: readonly number[], p: GridPoint): { row: number; col: number } | null {
  const n = offsets.length;
  const radius = offsets[n - 1]!;
  const step = (2 * radius) / (n - 1);
  const col = Math.round((p.a + radius) / step);
  const fromBottom = Math.round((p.b + radius) / step);
  if (col < 0 || col >= n || fromBottom < 0 || fromBottom >= n) return null;
  return { row: n - 1 - fromBottom, col };
}
