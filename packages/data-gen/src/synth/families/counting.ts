import type { SignalFamily } from '../family.js';
import { NAMES } from '../lexicon.js';

const STEPS = [1, 2, 5, 10, 25, 100] as const;

export const counting: SignalFamily = {
  name: 'counting',
  teaches:
    'Counting forwards and backwards by 1, 2, 5, 10, 25 and 100: consecutive numbers differ by a fixed step, so sequences by 2, 5 and 10 keep the residue mod 2, 5 or 10 constant within a run — residues are taught implicitly through which numbers follow which.',
  generate({ rng, number }) {
    const step = rng.pick(STEPS);
    const len = 4 + rng.int(5);
    const down = rng.chance(0.3);
    // Sequences started on a multiple of the step look natural ("5, 10, 15"); some start anywhere.
    let start = number();
    if (step > 1 && rng.chance(0.7)) start -= start % step;
    const span = step * (len - 1);
    if (down) start = Math.max(start, span);
    else start = Math.min(start, 999 - span);
    if (start < 0) start = 0;
    const seq = Array.from({ length: len }, (_, i) => (down ? start - i * step : start + i * step)).filter((x) => x >= 0 && x <= 999);
    const list = seq.join(', ');
    const name = rng.pick(NAMES);
    switch (rng.int(3)) {
      case 0:
        return down ? `${name} counted down by ${step}: ${list}.` : `${name} counted by ${step}: ${list}.`;
      case 1:
        return `The seats were numbered ${list}.`;
      default:
        return `Next in line: ${list}, and so on.`;
    }
  },
};
