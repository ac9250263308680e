import type { SignalFamily } from '../family.js';
import { NAMES, NOUNS, agree } from '../lexicon.js';

export const ranges: SignalFamily = {
  name: 'ranges',
  teaches:
    'Ranges and comparisons ("between 120 and 180", "more than 40", "12 is less than 30") are always true statements, so the words larger/smaller and the order of the numbers teach magnitude: the linear (low-frequency) component of the representation.',
  generate({ rng, number }) {
    let a = number();
    let b = number();
    while (b === a) b = number();
    if (a > b) [a, b] = [b, a];
    const noun = rng.pick(NOUNS);
    switch (rng.int(4)) {
      case 0:
        return `The group had between ${a} and ${b} ${noun[1]}.`;
      case 1:
        return `${b} is larger than ${a}.`;
      case 2:
        return `${a} is less than ${b}, so ${rng.pick(NAMES)} needed more.`;
      default:
        return `There were more than ${a} but fewer than ${b} ${noun[1]}, and certainly not ${agree(b + 1 > 999 ? a : b + 1, noun)}.`;
    }
  },
};
