import { NumfeatError } from '@numfeat/core';

/** Sorted integers → "3, 7–9, 520–999 (485 numbers)", eliding the middle of long lists. */
export function formatNumberRanges(values: readonly number[], maxRanges = 6): string {
  const sorted = [...values].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const v of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else if (!last || v > last[1]) ranges.push([v, v]);
  }
  const text = (r: [number, number]) => (r[0] === r[1] ? `${r[0]}` : `${r[0]}–${r[1]}`);
  const shown =
    ranges.length <= maxRanges
      ? ranges.map(text)
      : [...ranges.slice(0, maxRanges - 1).map(text), `… (${ranges.length - maxRanges} more ranges) …`, text(ranges[ranges.length - 1])];
  const n = sorted.length;
  return `${shown.join(', ')} (${n} number${n === 1 ? '' : 's'})`;
}

/** The longest run of consecutive present numbers, as { start, count } (count 0 when none). */
export function largestContiguous(present: readonly boolean[], start: number): { start: number; count: number } {
  let best = { start, count: 0 };
  let runStart = -1;
  for (let i = 0; i <= present.length; i++) {
    if (i < present.length && present[i]) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (i - runStart > best.count) best = { start: start + runStart, count: i - runStart };
      runStart = -1;
    }
  }
  return best;
}

/**
 * MISSING_NUMBERS naming which numbers are absent, the largest contiguous range that is present,
 * and the option that restricts the analysis to it.
 */
export function missingNumbersError(present: readonly boolean[], start: number, where: string, why: string): NumfeatError {
  const missing: number[] = [];
  present.forEach((ok, i) => ok || missing.push(start + i));
  const best = largestContiguous(present, start);
  const end = start + present.length - 1;
  const fix =
    best.count > 0
      ? `analyse the largest contiguous range present, ${best.start}–${best.start + best.count - 1} (${best.count} numbers): ` +
        `numbers: { start: ${best.start}, count: ${best.count} } (CLI: --numbers ${best.start}..${best.start + best.count - 1})`
      : 'check that the file holds number embeddings (and the ids / leading-space setting)';
  return new NumfeatError(
    'MISSING_NUMBERS',
    `${where} lacks ${missing.length} of the numbers ${start}–${end}: ${formatNumberRanges(missing)}${why ? ` (${why})` : ''}`,
    { fix, details: { missing, largestContiguous: best } },
  );
}
