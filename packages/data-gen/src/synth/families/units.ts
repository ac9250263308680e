import type { SignalFamily } from '../family.js';
import { NOUNS, NAMES, PLACES, agree, capitalize } from '../lexicon.js';

export const units: SignalFamily = {
  name: 'units',
  teaches:
    'Plural agreement ("1 apple" / "3 apples", "is" / "are") separates 1 from every other number and ties each number to countable nouns, so every number gets a text context that differs from its neighbours only through the number itself.',
  generate({ rng, number }) {
    const n = number();
    const noun = rng.pick(NOUNS);
    switch (rng.int(4)) {
      case 0:
        return `${rng.pick(NAMES)} bought ${agree(n, noun)} at the ${rng.pick(PLACES)}.`;
      case 1:
        return `There ${n === 1 ? 'is' : 'are'} ${agree(n, noun)} at the ${rng.pick(PLACES)}.`;
      case 2:
        return `${capitalize(agree(n, noun))} ${n === 1 ? 'was' : 'were'} left by the end of the day.`;
      default:
        return `We counted ${agree(n, noun)} near the ${rng.pick(PLACES)}.`;
    }
  },
};
