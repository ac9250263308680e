import { NumfeatError } from './errors.js';

/** Throws BAD_ARGUMENT/BAD_RANGE unless `value` is an integer in [min, max]. */
export function assertInteger(value: unknown, name: string, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new NumfeatError('BAD_ARGUMENT', `${name} must be an integer, got ${String(value)}`, {
      fix: `pass a whole number for ${name}`,
    });
  }
  if (value < min || value > max) {
    const range = max === Infinity ? `≥ ${min}` : min === -Infinity ? `≤ ${max}` : `in [${min}, ${max}]`;
    throw new NumfeatError('BAD_RANGE', `${name} must be ${range}, got ${value}`, {
      fix: `choose ${name} ${range}`,
    });
  }
  return value;
}

/** Throws NON_FINITE naming the first offending index unless every value is finite. */
export function assertFinite(values: ArrayLike<number>, name: string, cols?: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      const where = cols ? `row ${Math.floor(i / cols)}, column ${i % cols}` : `index ${i}`;
      throw new NumfeatError('NON_FINITE', `${name} contains ${String(v)} at ${where}`, {
        fix: 'remove or repair non-finite values (NaN/Infinity) before analysis',
        details: { index: i },
      });
    }
  }
}
