// Learning rate per step: linear warm-up to the peak, then cosine or linear decay (or none) to final x peak.
export type LearningRateDecay = 'cosine' | 'linear' | 'constant';

export interface LearningRateSchedule {
  peak: number;
  /** Steps of linear warm-up from peak / warmupSteps to the peak. */
  warmupSteps: number;
  totalSteps: number;
  decay: LearningRateDecay;
  /** Learning rate at the end, as a fraction of the peak (0 by default). */
  finalFraction?: number;
}

/** The learning rate of step `step` (0-based). */
export function learningRateAt(step: number, s: LearningRateSchedule): number {
  const warmup = Math.max(0, Math.min(s.warmupSteps, s.totalSteps));
  if (step < warmup) return (s.peak * (step + 1)) / warmup;
  if (s.decay === 'constant') return s.peak;
  const final = s.peak * (s.finalFraction ?? 0);
  const span = Math.max(1, s.totalSteps - warmup);
  const p = Math.min(1, Math.max(0, (step - warmup) / span));
  if (s.decay === 'linear') return s.peak + (final - s.peak) * p;
  return final + ((s.peak - final) * (1 + Math.cos(Math.PI * p))) / 2;
}
