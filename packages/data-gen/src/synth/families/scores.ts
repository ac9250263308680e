import type { SignalFamily } from '../family.js';
import { NAMES, TEAMS } from '../lexicon.js';

export const scores: SignalFamily = {
  name: 'scores',
  teaches:
    'Scores and tallies: game scores are mostly small numbers, win–loss records add up to the games played, and "d points ahead" sentences state a true difference, so pairs of numbers are linked by their sum or difference.',
  generate({ rng, numberIn }) {
    const [t1, t2] = [rng.pick(TEAMS), rng.pick(TEAMS)];
    switch (rng.int(3)) {
      case 0: {
        const a = numberIn(0, 12);
        const b = numberIn(0, a);
        return `The final score was ${a} to ${b}, and ${t1} went home happy.`;
      }
      case 1: {
        const w = numberIn(0, 120);
        const l = numberIn(0, 120);
        return `${t2} won ${w} games and lost ${l}, ${w + l} games in all.`;
      }
      default: {
        const b = numberIn(0, 900);
        const d = numberIn(1, 99);
        const [n1, n2] = [rng.pick(NAMES), rng.pick(NAMES)];
        return `${n1} has ${b + d} points, ${d} more than ${n2 === n1 ? 'the rest' : n2} with ${b}.`;
      }
    }
  },
};
