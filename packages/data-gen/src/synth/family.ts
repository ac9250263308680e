import type { Rng } from '../random.js';

/** What a family's generator may use: the seeded RNG and number draws that follow the prior. */
export interface FamilyContext {
  rng: Rng;
  /** A number 0..999 drawn from the number prior. */
  number(): number;
  /** A number in [lo, hi] drawn from the prior restricted to that range (uniform if the range is rare). */
  numberIn(lo: number, hi: number): number;
}

/** One signal family: a knob of the synthetic corpus (see docs/data.md). */
export interface SignalFamily {
  name: string;
  /** What co-occurrence structure the family exposes, and what it can teach about numbers. */
  teaches: string;
  /** One to a few sentences (no trailing space). Must never state a residue directly. */
  generate(ctx: FamilyContext): string;
}
