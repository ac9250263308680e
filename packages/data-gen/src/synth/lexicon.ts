import type { Rng } from '../random.js';

/** Countable nouns as [singular, plural]; irregular plurals included on purpose. */
export const NOUNS: readonly (readonly [string, string])[] = [
  ['apple', 'apples'], ['book', 'books'], ['box', 'boxes'], ['child', 'children'], ['chair', 'chairs'],
  ['coin', 'coins'], ['dog', 'dogs'], ['egg', 'eggs'], ['goose', 'geese'], ['house', 'houses'],
  ['letter', 'letters'], ['mouse', 'mice'], ['page', 'pages'], ['person', 'people'], ['ticket', 'tickets'],
  ['tree', 'trees'], ['car', 'cars'], ['student', 'students'], ['bottle', 'bottles'], ['sheep', 'sheep'],
  ['bus', 'buses'], ['city', 'cities'], ['knife', 'knives'], ['photo', 'photos'], ['window', 'windows'],
  ['visitor', 'visitors'], ['stamp', 'stamps'], ['shelf', 'shelves'], ['cookie', 'cookies'], ['boat', 'boats'],
];

export const NAMES: readonly string[] = [
  'Anna', 'Ben', 'Carlos', 'Dana', 'Elena', 'Farid', 'Grace', 'Hiro', 'Iris', 'James', 'Kofi', 'Lena',
  'Maya', 'Noah', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tom', 'Uma', 'Victor', 'Wen', 'Yusuf', 'Zoe',
];

export const PLACES: readonly string[] = [
  'table', 'shelf', 'porch', 'truck', 'farm', 'market', 'library', 'garden', 'station', 'kitchen', 'school', 'harbor',
];

export const TEAMS: readonly string[] = [
  'the Hawks', 'the Tigers', 'the Rovers', 'the Giants', 'the Comets', 'the Pilots', 'the Foxes', 'the Bears',
];

export const MONTHS: readonly string[] = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];

export const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Singular for exactly one, plural otherwise (English uses the plural for 0). */
export function agree(n: number, noun: readonly [string, string]): string {
  return `${n} ${n === 1 ? noun[0] : noun[1]}`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function twoNames(rng: Rng): [string, string] {
  const a = rng.pick(NAMES);
  let b = rng.pick(NAMES);
  while (b === a) b = rng.pick(NAMES);
  return [a, b];
}
