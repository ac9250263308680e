import type { SignalFamily } from '../family.js';
import { NOUNS } from '../lexicon.js';

const roundTo = (n: number, step: number): number => Math.min(999 - (999 % step), Math.round(n / step) * step);

export const rounding: SignalFamily = {
  name: 'rounding',
  teaches:
    'Rounding and estimates ("437, about 440") pair an exact number with its nearest ten or hundred: whether n rounds up or down depends on its last digit, and the estimate shares the exact number\'s leading digits, so the pair links n to its tens and hundreds.',
  generate({ rng, number }) {
    // Estimates only make sense when the rounding step is small next to the number.
    const n = Math.max(number(), 21);
    const step = n >= 150 && rng.chance(0.3) ? 100 : 10;
    const r = roundTo(n, step);
    const noun = rng.pick(NOUNS);
    switch (rng.int(3)) {
      case 0:
        return `The count was ${n} ${noun[1]}, or about ${r}.`;
      case 1:
        return `Roughly ${r} ${noun[1]} came; the exact number was ${n}.`;
      default:
        return `${n} rounded to the nearest ${step === 10 ? 'ten' : 'hundred'} is ${r}.`;
    }
  },
};
