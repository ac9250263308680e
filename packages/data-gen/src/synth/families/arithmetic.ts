import type { SignalFamily } from '../family.js';
import { NOUNS, NAMES, agree } from '../lexicon.js';

export const arithmetic: SignalFamily = {
  name: 'arithmetic',
  teaches:
    'True arithmetic facts and word problems (a + b = c, a − b = c, a × b = c, all within 0..999): predicting c from a and b needs carries, which depend on the residues mod 10 of a and b — the same pressure that makes addition models grow Fourier features.',
  generate({ rng, number, numberIn }) {
    const name = rng.pick(NAMES);
    const noun = rng.pick(NOUNS);
    switch (rng.int(5)) {
      case 0: {
        const c = number();
        const a = rng.int(c + 1);
        return `${a} plus ${c - a} is ${c}.`;
      }
      case 1: {
        const a = number();
        const b = rng.int(a + 1);
        return `${a} - ${b} = ${a - b}.`;
      }
      case 2: {
        const a = numberIn(2, 31);
        const b = numberIn(2, Math.floor(999 / a));
        return `${a} times ${b} equals ${a * b}.`;
      }
      case 3: {
        const c = number();
        const a = rng.int(c + 1);
        return `${name} had ${agree(a, noun)} and got ${c - a} more, so now ${name} has ${agree(c, noun)}.`;
      }
      default: {
        const k = numberIn(2, 12);
        const each = numberIn(1, Math.floor(999 / k));
        return `${agree(k * each, noun)} shared equally among ${k} friends gives each friend ${each}.`;
      }
    }
  },
};
