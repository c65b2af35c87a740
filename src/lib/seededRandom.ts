// Reproducible randomness for random starts: a small PRNG (mulberry32) that also hands out integer
// seeds for tfjs' random ops, which are deterministic given a seed.

export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** A fresh integer seed for tf.randomUniform / tf.randomNormal. */
  nextSeed(): number;
}

export function seededRandom(seed?: number): SeededRandom {
  let state = (seed === undefined ? Math.floor(Math.random() * 2 ** 32) : Math.floor(seed)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, nextSeed: () => Math.floor(next() * 2 ** 31) };
}
