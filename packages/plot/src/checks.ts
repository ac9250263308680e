import { NumfeatError } from '@numfeat/core';

/** Throws unless `value` is array-like (plain array or typed array). */
export function assertArrayLike(value: unknown, name: string): asserts value is ArrayLike<unknown> {
  const ok = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  if (!ok) {
    throw new NumfeatError('BAD_ARGUMENT', `${name} must be an array of numbers, got ${describe(value)}`, {
      fix: `pass ${name} as number[] or a typed array`,
    });
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}

/**
 * Checks a numeric array in which `null` marks a deliberate gap. NaN/±Infinity are errors: they
 * usually mean a bug upstream, and silently skipping them would hide it.
 */
export function assertFiniteOrNull(values: ArrayLike<number | null>, name: string, allowNull: boolean): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null && allowNull) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new NumfeatError('NON_FINITE', `${name}[${i}] is ${String(v)}`, {
        fix: allowNull
          ? 'drop that point, or pass null to leave a deliberate gap'
          : 'drop or repair non-finite values (NaN/Infinity) before plotting',
        details: { index: i },
      });
    }
  }
}

export function assertPositiveForLog(values: ArrayLike<number | null>, name: string, axis: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v <= 0) {
      throw new NumfeatError('BAD_RANGE', `${name}[${i}] = ${v} cannot be drawn on the log-scale ${axis} axis`, {
        fix: `drop values ≤ 0 (e.g. ν = 0), clamp them to a positive floor, or use ${axis}.scale 'linear'`,
        details: { index: i },
      });
    }
  }
}

export function assertSize(value: number | undefined, name: string, min: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > 20000) {
    throw new NumfeatError('BAD_RANGE', `${name} must be a number in [${min}, 20000] px, got ${String(value)}`, {
      fix: `pass ${name} in pixels, at least ${min}`,
    });
  }
}

export function assertNonEmptyArray(value: unknown, name: string, fix: string): asserts value is unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new NumfeatError('EMPTY_INPUT', `${name} is empty or missing (${describe(value)})`, { fix });
  }
}
