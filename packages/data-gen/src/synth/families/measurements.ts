import type { SignalFamily } from '../family.js';
import { NAMES } from '../lexicon.js';

type Unit = readonly [string, string];
// Each quantity has its own units and its own sentence frame, so the numbers meet varied contexts.
const QUANTITIES: readonly { units: readonly Unit[]; things: readonly string[]; frame: (thing: string, amount: string) => string }[] = [
  { units: [['foot', 'feet'], ['meter', 'meters'], ['inch', 'inches'], ['mile', 'miles']], things: ['rope', 'fence', 'river', 'trail', 'tunnel', 'cable'], frame: (t, a) => `The ${t} is ${a} long.` },
  { units: [['pound', 'pounds'], ['kilogram', 'kilograms'], ['gram', 'grams']], things: ['crate', 'bag of flour', 'statue', 'suitcase'], frame: (t, a) => `The ${t} weighs ${a}.` },
  { units: [['liter', 'liters'], ['gallon', 'gallons']], things: ['tank', 'barrel', 'pool', 'bucket'], frame: (t, a) => `The ${t} holds ${a} of water.` },
  { units: [['minute', 'minutes'], ['hour', 'hours'], ['day', 'days']], things: ['trip', 'repair', 'concert', 'crossing'], frame: (t, a) => `The ${t} took ${a}.` },
];

export const measurements: SignalFamily = {
  name: 'measurements',
  teaches:
    'Ages and measurements: ages concentrate in 0–100 with "years old", measurements pair numbers with units in singular/plural agreement, and "X years older" sentences link two ages by their difference.',
  generate({ rng, number, numberIn }) {
    switch (rng.int(3)) {
      case 0: {
        const age = numberIn(1, 100);
        return `${rng.pick(NAMES)} is ${age} ${age === 1 ? 'year' : 'years'} old.`;
      }
      case 1: {
        const n = number();
        const q = rng.pick(QUANTITIES);
        const [sg, pl] = rng.pick(q.units);
        return q.frame(rng.pick(q.things), `${n} ${n === 1 ? sg : pl}`);
      }
      default: {
        const a = numberIn(1, 90);
        const gap = numberIn(1, 9);
        return `${rng.pick(NAMES)} is ${a} and their cousin is ${a + gap}, so the cousin is ${gap} ${gap === 1 ? 'year' : 'years'} older.`;
      }
    }
  },
};
