import type { Rng } from '../random.js';
import { NAMES, PLACES } from './lexicon.js';

// Number-free sentences that dilute the number share to the requested level. They are built from
// a small grammar so the dilution text is varied but carries no information about numbers.
const SUBJECTS = ['The committee', 'Our neighbor', 'The old teacher', 'A small group', 'The city council', 'My cousin', 'The crew', 'Everyone in the room'];
const VERBS = ['talked about', 'looked at', 'walked past', 'cleaned', 'painted', 'wrote about', 'argued over', 'forgot about', 'visited', 'photographed'];
const OBJECTS = ['the new plan', 'the garden', 'the report', 'the bridge', 'the music', 'the weather', 'the museum', 'the long road', 'the quiet street', 'the map'];
const TAILS = ['in the afternoon', 'after lunch', 'before the rain started', 'with great care', 'without a word', 'late at night', 'on the way home', 'for the first time'];
const CLAUSES = [
  'It was a calm day and nobody seemed in a hurry.',
  'The wind picked up near the coast.',
  'Later that week the shop was quiet again.',
  'Nobody expected the answer to be so simple.',
  'The light in the hallway flickered once and went out.',
  'They agreed to meet again soon.',
];

export function fillerSentence(rng: Rng): string {
  switch (rng.int(3)) {
    case 0:
      return `${rng.pick(SUBJECTS)} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)} ${rng.pick(TAILS)}.`;
    case 1:
      return `${rng.pick(NAMES)} went to the ${rng.pick(PLACES)} and ${rng.pick(VERBS)} ${rng.pick(OBJECTS)}.`;
    default:
      return rng.pick(CLAUSES);
  }
}
