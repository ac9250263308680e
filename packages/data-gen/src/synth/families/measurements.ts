import type { SignalFamily } from '../family.js';
import { NAMES } from '../lexicon.js';

const UNITS: readonly (readonly [string, string])[] = [
  ['foot', 'feet'], ['meter', 'meters'], ['inch', 'inches'], ['pound', 'pounds'], ['kilogram', 'kilograms'],
  ['mile', 'miles'], ['degree', 'degrees'], ['liter', 'liters'], ['minute', 'minutes'], ['hour', 'hours'],
];
const THINGS = ['rope', 'fence', 'river', 'trail', 'board', 'tunnel', 'wall', 'cable'];

export const measurements: SignalFamily = {
  name: 'measurements',
  teaches:
    'Ages and measurements: ages concentrate in 0–100 with "years old", measurements pair numbers with units in singular/plural agreement, and "X years older" sentences link two ages by their difference.',
  generate({ rng, number, numberIn }) {
    const [sg, pl] = rng.pick(UNITS);
    switch (rng.int(3)) {
      case 0: {
        const age = numberIn(1, 100);
        return `${rng.pick(NAMES)} is ${age} ${age === 1 ? 'year' : 'years'} old.`;
      }
      case 1: {
        const n = number();
        return `The ${rng.pick(THINGS)} is ${n} ${n === 1 ? sg : pl} long.`;
      }
      default: {
        const a = numberIn(1, 90);
        const gap = numberIn(1, 9);
        return `${rng.pick(NAMES)} is ${a} and her brother is ${a + gap}, so he is ${gap} ${gap === 1 ? 'year' : 'years'} older.`;
      }
    }
  },
};
