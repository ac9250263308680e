import { NumfeatError } from '@numfeat/core';
import { READ_LIMITS, readFileBytes } from '@numfeat/io';

/** Reads an ids list: a JSON array of row indices (null = missing) or an object with an `ids` array. */
export async function readIdsFile(path: string): Promise<(number | null)[]> {
  const text = new TextDecoder().decode(await readFileBytes(path, READ_LIMITS.maxJsonBytes));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new NumfeatError('CORRUPT_FILE', `${path}: invalid JSON (${(e as Error).message})`, { fix: 'write the ids as a JSON array' });
  }
  const ids = Array.isArray(value) ? value : (value as { ids?: unknown })?.ids;
  if (!Array.isArray(ids) || !ids.every((x) => x === null || (Number.isInteger(x) && x >= 0))) {
    throw new NumfeatError('BAD_ARGUMENT', `${path}: expected a list of row indices (integers ≥ 0 or null)`, {
      fix: 'write e.g. [15, 16, 17, …] or {"ids": [...]} as produced by numberTokenIds',
    });
  }
  return ids as (number | null)[];
}
