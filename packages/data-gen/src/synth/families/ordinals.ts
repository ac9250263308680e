import type { SignalFamily } from '../family.js';
import { NAMES } from '../lexicon.js';

/** English ordinal suffix: 11th–13th (and 111th…) are exceptions to the last-digit rule. */
export function ordinalSuffix(n: number): string {
  const last2 = n % 100;
  if (last2 >= 11 && last2 <= 13) return 'th';
  const last = n % 10;
  return last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th';
}

export const ordinal = (n: number): string => `${n}${ordinalSuffix(n)}`;

export const ordinals: SignalFamily = {
  name: 'ordinals',
  teaches:
    'The ordinal suffix token (st/nd/rd/th) is a function of n mod 10 (with the 11–13 exception), so predicting it from the number token rewards an embedding that separates residues mod 10 — the family that most directly rewards mod-10 structure without ever stating it.',
  generate({ rng, number, numberIn }) {
    const n = Math.max(1, number());
    switch (rng.int(4)) {
      case 0:
        return `${rng.pick(NAMES)} finished ${ordinal(numberIn(1, 200))} out of ${numberIn(200, 999)} runners.`;
      case 1:
        return `It was the ${ordinal(n)} day of the voyage.`;
      case 2:
        return `The office is on the ${ordinal(numberIn(1, 120))} floor.`;
      default:
        return `They celebrated the town's ${ordinal(n)} anniversary.`;
    }
  },
};
