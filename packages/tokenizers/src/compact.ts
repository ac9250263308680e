import { NumfeatError } from '@numfeat/core';
import { numberTokenIds } from './number-tokens.js';
import type { NumberPiece, Tokenizer } from './tokenizer.js';
import { checkId, parseJsonInput } from './vocab-utils.js';

export interface CompactOptions {
  /** Numbers kept even if unseen, when they are single tokens; default {start: 0, count: 1000}; false for none. */
  keepNumbers?: { start: number; count: number } | false;
  /** Extra original ids to keep (e.g. bos/eos). */
  keepIds?: number[];
  /** What encode does with a token outside the compact vocabulary: throw (default) or map to a final `<unk>` id. */
  unknown?: 'throw' | 'unk';
}

const FORMAT = 'numfeat.compact-vocabulary';

/**
 * A smaller id space over a big vocabulary (e.g. Llama-3's 128k → the few thousand tokens a corpus
 * uses). New ids: the kept single-token numbers first in numeric order (so number n of the kept
 * range has id n - start when all are single), then every other kept token in original-id order,
 * then `<unk>` if requested. encode/decode wrap the base tokenizer.
 */
export class CompactVocabulary implements Tokenizer {
  readonly name: string;
  readonly vocabSize: number;
  readonly base: Tokenizer;
  /** oldToNew[old] = new id, or -1 if dropped. */
  readonly oldToNew: Int32Array;
  /** newToOld[new] = original id (the `<unk>` id, if any, maps to -1). */
  readonly newToOld: Int32Array;
  /** New id of `<unk>`, or undefined. */
  readonly unkId: number | undefined;

  constructor(base: Tokenizer, keptOldIds: number[], unknown: 'throw' | 'unk') {
    this.base = base;
    this.oldToNew = new Int32Array(base.vocabSize).fill(-1);
    const order: number[] = [];
    for (const old of keptOldIds) {
      checkId(old, base.vocabSize, base.name);
      if (this.oldToNew[old] >= 0) continue;
      this.oldToNew[old] = order.length;
      order.push(old);
    }
    this.unkId = unknown === 'unk' ? order.length : undefined;
    if (unknown === 'unk') order.push(-1);
    this.newToOld = Int32Array.from(order);
    this.vocabSize = order.length;
    this.name = `${base.name}-compact${this.vocabSize}`;
  }

  /** Maps original ids to compact ids (unknown ones to `<unk>` or a thrown error). */
  remap(oldIds: ArrayLike<number>): number[] {
    const out = new Array<number>(oldIds.length);
    for (let i = 0; i < oldIds.length; i++) {
      const old = oldIds[i];
      const id = old >= 0 && old < this.oldToNew.length ? this.oldToNew[old] : -1;
      if (id >= 0) out[i] = id;
      else if (this.unkId !== undefined) out[i] = this.unkId;
      else {
        throw new NumfeatError('BAD_ARGUMENT', `token ${old} (${JSON.stringify(this.base.idToToken(old))}) is not in the compact vocabulary ${this.name}`, {
          fix: "include text containing it in the id streams passed to compactVocabulary, or pass { unknown: 'unk' }",
        });
      }
    }
    return out;
  }

  /** Maps compact ids back to original ids (`<unk>` → -1). */
  unmap(newIds: ArrayLike<number>): number[] {
    const out = new Array<number>(newIds.length);
    for (let i = 0; i < newIds.length; i++) {
      checkId(newIds[i], this.vocabSize, this.name);
      out[i] = this.newToOld[newIds[i]];
    }
    return out;
  }

  encode(text: string): number[] {
    return this.remap(this.base.encode(text));
  }

  decode(ids: ArrayLike<number>): string {
    // Decode runs between <unk>s together so multi-byte characters split over tokens survive.
    let s = '';
    let run: number[] = [];
    for (const old of this.unmap(ids)) {
      if (old >= 0) run.push(old);
      else {
        s += this.base.decode(run) + '\uFFFD';
        run = [];
      }
    }
    return s + this.base.decode(run);
  }

  tokenToId(token: string): number | undefined {
    if (token === '<unk>' && this.unkId !== undefined) return this.unkId;
    const old = this.base.tokenToId(token);
    return old === undefined || this.oldToNew[old] < 0 ? undefined : this.oldToNew[old];
  }

  idToToken(id: number): string | undefined {
    if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) return undefined;
    return id === this.unkId ? '<unk>' : this.base.idToToken(this.newToOld[id]);
  }

  numberPiece(id: number): NumberPiece | undefined {
    if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize || id === this.unkId) return undefined;
    return this.base.numberPiece(this.newToOld[id]);
  }

  numberValue(id: number): number | undefined {
    return this.numberPiece(id)?.value;
  }

  toJSON(): { format: typeof FORMAT; base: unknown; baseName: string; keep: number[]; unknown: 'throw' | 'unk' } {
    const keep = Array.from(this.newToOld).filter((o) => o >= 0);
    return { format: FORMAT, base: this.base.toJSON(), baseName: this.base.name, keep, unknown: this.unkId === undefined ? 'throw' : 'unk' };
  }

  /** Rebuilds from toJSON() output over the same base tokenizer (load the base from json.base first). */
  static fromJSON(json: unknown, base: Tokenizer): CompactVocabulary {
    const o = parseJsonInput(json, FORMAT);
    const fail = (what: string) =>
      new NumfeatError('CORRUPT_FILE', `not a valid ${FORMAT} JSON: ${what}`, {
        fix: 'pass the object from CompactVocabulary.toJSON() together with the base tokenizer it was built on',
      });
    if (o.format !== FORMAT) throw fail(`format is ${JSON.stringify(o.format)}`);
    if (o.baseName !== base.name) throw fail(`built on ${JSON.stringify(o.baseName)}, but the base given is ${JSON.stringify(base.name)}`);
    if (!Array.isArray(o.keep) || !o.keep.every((v) => Number.isInteger(v) && v >= 0 && v < base.vocabSize)) throw fail('keep must list ids of the base');
    if (o.unknown !== 'throw' && o.unknown !== 'unk') throw fail("unknown must be 'throw' or 'unk'");
    return new CompactVocabulary(base, o.keep as number[], o.unknown);
  }
}

/**
 * Keeps only the tokens that occur in `idStreams` (ids of `tokenizer`), plus every number in
 * `keepNumbers` that is a single token, plus `keepIds`; returns the remap with encode/decode.
 */
export function compactVocabulary(
  tokenizer: Tokenizer,
  idStreams: Iterable<ArrayLike<number>>,
  opts: CompactOptions = {},
): CompactVocabulary {
  const unknown = opts.unknown ?? 'throw';
  if (unknown !== 'throw' && unknown !== 'unk') {
    throw new NumfeatError('BAD_ARGUMENT', `unknown must be 'throw' or 'unk', got ${JSON.stringify(unknown)}`, {
      fix: "pass { unknown: 'unk' } to map unseen tokens to <unk>, or leave it out to throw",
    });
  }
  const keepNumbers = opts.keepNumbers === undefined ? { start: 0, count: 1000 } : opts.keepNumbers;
  const kept: number[] = [];
  if (keepNumbers) {
    for (const id of numberTokenIds(tokenizer, keepNumbers).ids) if (id !== null) kept.push(id);
  }
  const seen = new Uint8Array(tokenizer.vocabSize);
  for (const id of opts.keepIds ?? []) {
    checkId(id, tokenizer.vocabSize, tokenizer.name);
    seen[id] = 1;
  }
  for (const stream of idStreams) {
    for (let i = 0; i < stream.length; i++) {
      const id = stream[i];
      checkId(id, tokenizer.vocabSize, tokenizer.name);
      seen[id] = 1;
    }
  }
  for (let id = 0; id < seen.length; id++) if (seen[id]) kept.push(id);
  return new CompactVocabulary(tokenizer, kept, unknown);
}
