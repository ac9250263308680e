import type { SignalFamily } from '../family.js';
import { arithmetic } from './arithmetic.js';
import { counting } from './counting.js';
import { dates } from './dates.js';
import { measurements } from './measurements.js';
import { numbering } from './numbering.js';
import { ordinals } from './ordinals.js';
import { prices } from './prices.js';
import { ranges } from './ranges.js';
import { rounding } from './rounding.js';
import { scores } from './scores.js';
import { units } from './units.js';

/** Every signal family, by name, in documentation order. */
export const SIGNAL_FAMILIES: Readonly<Record<string, SignalFamily>> = Object.freeze({
  units, dates, prices, measurements, ordinals, counting, ranges, rounding, arithmetic, numbering, scores,
});

export type SignalFamilyName = keyof typeof SIGNAL_FAMILIES;
