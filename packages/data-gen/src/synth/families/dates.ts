import type { SignalFamily } from '../family.js';
import { DAYS_IN_MONTH, MONTHS, NAMES } from '../lexicon.js';

export const dates: SignalFamily = {
  name: 'dates',
  teaches:
    'Years, calendar dates and clock times: days 1–31, hours 1–12 and minutes 0–59 each live in a bounded range with its own text cues (month names, "o\'clock", "a.m."), and years split into 3-digit chunks plus a trailing digit under Llama-3-style tokenization.',
  generate({ rng }) {
    const m = rng.int(12);
    const day = 1 + rng.int(DAYS_IN_MONTH[m]);
    const year = 1800 + rng.int(231);
    const hour = 1 + rng.int(12);
    const minute = rng.chance(0.4) ? 15 * rng.int(4) : rng.int(60);
    const mm = String(minute).padStart(2, '0');
    switch (rng.int(4)) {
      case 0:
        return `On ${MONTHS[m]} ${day}, ${year}, the bridge opened to traffic.`;
      case 1:
        return `The meeting starts at ${hour}:${mm} ${rng.chance(0.5) ? 'a.m.' : 'p.m.'} on ${MONTHS[m]} ${day}.`;
      case 2:
        return `${rng.pick(NAMES)} was born in ${year} and moved away in ${year + 1 + rng.int(40)}.`;
      default:
        return `The train leaves at ${hour} o'clock, ${day} days from now.`;
    }
  },
};
