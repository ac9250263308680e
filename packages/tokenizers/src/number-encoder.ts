import type { NumberPolicy } from './number-policy.js';
import { SegmentTable } from './scanner.js';

/**
 * Turns digit runs into number-token ids for a policy whose pieces were given ids. The common
 * case — a run that is itself one piece ("42", "999") — is a table lookup without slicing.
 */
export class NumberEncoder {
  private readonly whole = new SegmentTable();

  constructor(
    private readonly policy: NumberPolicy,
    private readonly ids: Map<string, number>,
  ) {
    for (const [piece, id] of ids) {
      const parts = policy.split(piece);
      if (parts.length === 1 && parts[0] === piece) this.whole.set(piece, id);
    }
  }

  /** Appends the ids of text.slice(start, end) (ASCII digits; `hash` from scanSegments). */
  encodeRange(text: string, start: number, end: number, hash: number, out: number[]): void {
    const id = this.whole.lookupRange(text, start, end, hash);
    if (id >= 0) {
      out.push(id);
      return;
    }
    for (const p of this.policy.split(text.slice(start, end))) out.push(this.ids.get(p)!);
  }
}
