// Learning-rate multiplier: linear warmup from 1/warmup to 1, then cosine decay to minRatio at the last step.

export interface ScheduleOptions {
  totalSteps: number;
  warmupSteps: number;
  /** Final multiplier (default 0.1: nanoGPT decays to a tenth of the peak). */
  minRatio?: number;
}

/** Multiplier of the peak learning rate at 0-based `step`. */
export function lrScale(step: number, o: ScheduleOptions): number {
  const minRatio = o.minRatio ?? 0.1;
  if (step < o.warmupSteps) return (step + 1) / o.warmupSteps;
  const decaySteps = Math.max(1, o.totalSteps - o.warmupSteps - 1);
  const progress = Math.min(1, (step - o.warmupSteps) / decaySteps);
  return minRatio + (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * progress));
}
