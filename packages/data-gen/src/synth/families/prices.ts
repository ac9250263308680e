import type { SignalFamily } from '../family.js';
import { NAMES, NOUNS, agree } from '../lexicon.js';

function cents(rng: { int(n: number): number; chance(p: number): boolean }): number {
  // Real prices cluster at .00, .50, .99 and .95.
  if (rng.chance(0.5)) return [0, 50, 99, 95, 25, 75][rng.int(6)];
  return rng.int(100);
}

export const prices: SignalFamily = {
  name: 'prices',
  teaches:
    'Prices with cents ("$12.50") pair a dollar amount drawn from the prior with a cents field that clusters at round values; totals for several items tie a number to its products with small multipliers.',
  generate({ rng, number, numberIn }) {
    const d = number();
    const c = String(cents(rng)).padStart(2, '0');
    const noun = rng.pick(NOUNS);
    switch (rng.int(3)) {
      case 0:
        return `The ${noun[0]} costs $${d}.${c} at the corner shop.`;
      case 1: {
        const k = numberIn(2, 9);
        const unit = numberIn(1, Math.floor(999 / k));
        return `${rng.pick(NAMES)} paid $${unit * k} for ${agree(k, noun)} at $${unit} each.`;
      }
      default:
        return `A ticket was $${d}.${c}, up from $${numberIn(0, d)} last year.`;
    }
  },
};
