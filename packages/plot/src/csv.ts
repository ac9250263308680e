import { NumfeatError } from '@numfeat/core';

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV (fields with commas, quotes or newlines are quoted; non-finite numbers are empty). */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  if (!Array.isArray(rows)) {
    throw new NumfeatError('BAD_ARGUMENT', 'CSV rows must be an array of arrays', { fix: 'pass [[header…], [values…], …]' });
  }
  return rows
    .map((r, i) => {
      if (!Array.isArray(r)) {
        throw new NumfeatError('BAD_ARGUMENT', `CSV row ${i} is not an array`, { fix: 'pass each row as an array of cells' });
      }
      return r.map(csvField).join(',');
    })
    .join('\n')
    .concat('\n');
}
