import type { SignalFamily } from '../family.js';

const TOPICS = ['the harbor', 'old maps', 'river trade', 'the first winter', 'bridges', 'the market', 'letters home', 'the census'];

export const numbering: SignalFamily = {
  name: 'numbering',
  teaches:
    'Page, chapter and list numbering: a document\'s pages and list items increase by one, and chapter/page cross-references pair a small chapter number with a larger page number, so successors (n, n + 1) co-occur constantly.',
  generate({ rng, number, numberIn }) {
    switch (rng.int(3)) {
      case 0: {
        const p = Math.max(1, number());
        return `See page ${p} for the table, and page ${Math.min(999, p + 1 + rng.int(5))} for the notes.`;
      }
      case 1: {
        const ch = numberIn(1, 40);
        return `Chapter ${ch}, on ${rng.pick(TOPICS)}, begins on page ${numberIn(ch, 999)}.`;
      }
      default: {
        const first = numberIn(1, 990);
        const k = 2 + rng.int(3);
        const items = Array.from({ length: k }, (_, i) => `entry ${first + i} covers ${rng.pick(TOPICS)}`);
        return `In the index, ${items.join(', ')}.`;
      }
    }
  },
};
