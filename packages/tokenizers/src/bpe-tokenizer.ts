import { NumfeatError } from '@numfeat/core';
import { BYTE_TO_UNICODE } from './byte-unicode.js';
import { MaxHeap } from './max-heap.js';
import type { NumberPolicy } from './number-policy.js';
import { chunks, numberPolicyFromSpec } from './number-policy.js';
import { NumberEncoder } from './number-encoder.js';
import { isDigitSegment, pretokenize } from './pretokenize.js';
import { SEG_DIGITS, SegmentTable, scanSegments } from './scanner.js';
import { NumberPieceVocabulary } from './number-pieces.js';
import type { Tokenizer } from './tokenizer.js';
import {
  DEFAULT_SPECIALS,
  checkId,
  checkK,
  checkPolicy,
  checkSpecials,
  expectJson,
  iterTexts,
  parseJsonInput,
} from './vocab-utils.js';
import { decodeWtf8, encodeWtf8 } from './wtf8.js';

export interface BpeTrainOptions {
  /** Total vocabulary size: specials + number pieces + 256 bytes + merges. */
  vocabSize: number;
  /** How digit runs become atomic number tokens; default chunks({ width: 3, direction: 'ltr' }). */
  numberPolicy?: NumberPolicy;
  /** Special tokens, ids 0..n-1; default ['<pad>', '<bos>', '<eos>', '<unk>']. */
  specials?: string[];
  /** Stop merging when the best pair occurs fewer times than this (default 2). */
  minFrequency?: number;
}

const FORMAT = 'numfeat.bpe-tokenizer';
/** Pair keys pack two ids into one float64-safe integer. */
const PAIR = 2 ** 21;
const CACHE_LIMIT = 200_000;

/**
 * Byte-level BPE whose number tokens come from a NumberPolicy. Digit runs are split by the policy
 * BEFORE BPE and every piece is a whole token (ids right after the specials, "0".."999" contiguous
 * for chunks of 3); merges are learned only inside non-digit pre-tokens, so no merge ever crosses a
 * chunk boundary or joins a digit to text.
 *
 * Ids: [specials][number pieces][256 bytes][merges in rank order]. Bytes are WTF-8, so
 * decode(encode(x)) === x for every JavaScript string (padded number policies excepted).
 */
export class BpeTokenizer extends NumberPieceVocabulary implements Tokenizer {
  readonly name: string;
  readonly vocabSize: number;
  readonly specials: readonly string[];
  readonly numberPolicy: NumberPolicy;
  /** Merges in rank order: merges[r] = [left id, right id] makes id offsets.merges + r. */
  readonly merges: readonly (readonly [number, number])[];
  readonly offsets: { numbers: number; bytes: number; merges: number };

  /** Bytes each non-special id decodes to. */
  private readonly tokenBytes: number[][] = [];
  /** Text of each id whose bytes are complete UTF-8 (fast decode path); undefined otherwise. */
  private readonly tokenText: (string | undefined)[] = [];
  private readonly displays: string[] = [];
  private readonly displayIds = new Map<string, number>();
  /** pair key → rank. */
  private readonly ranks = new Map<number, number>();
  /** Pre-token → index into cacheIds, looked up by text range (no substring on a hit). */
  private cacheTable = new SegmentTable();
  private cacheIds: number[][] = [];
  private readonly numberEncoder: NumberEncoder;

  private constructor(specials: string[], policy: NumberPolicy, merges: [number, number][]) {
    super();
    this.specials = specials;
    this.numberPolicy = policy;
    this.merges = merges;
    const numberPieces = policy.pieces();
    const bytes = specials.length + numberPieces.length;
    this.offsets = { numbers: specials.length, bytes, merges: bytes + 256 };
    this.vocabSize = bytes + 256 + merges.length;
    this.name = `bpe-${this.vocabSize}-${policy.name}`;
    for (const s of specials) this.push([], s);
    for (const p of numberPieces) {
      this.addNumberPiece(p, this.tokenBytes.length);
      this.push(encodeWtf8(p), p);
    }
    this.numberEncoder = new NumberEncoder(policy, this.numberIds);
    for (let b = 0; b < 256; b++) this.push([b], BYTE_TO_UNICODE[b]);
    merges.forEach(([a, b], r) => {
      this.ranks.set(a * PAIR + b, r);
      const bytesOf = [...this.tokenBytes[a], ...this.tokenBytes[b]];
      this.push(bytesOf, this.displays[a] + this.displays[b]);
    });
  }

  private push(bytes: number[], display: string): void {
    const id = this.tokenBytes.length;
    this.tokenBytes.push(bytes);
    const text = decodeWtf8(bytes);
    this.tokenText.push(sameBytes(encodeWtf8(text), bytes) ? text : undefined);
    this.displays.push(display);
    if (!this.displayIds.has(display)) this.displayIds.set(display, id);
  }

  static train(texts: Iterable<string>, opts: BpeTrainOptions): BpeTokenizer {
    const policy = checkPolicy(opts?.numberPolicy ?? chunks({ width: 3, direction: 'ltr' }));
    const specials = checkSpecials(opts.specials ?? [...DEFAULT_SPECIALS]);
    const minimum = specials.length + policy.pieces().length + 256;
    const vocabSize = checkK(opts.vocabSize, 'vocabSize', 1);
    if (vocabSize < minimum) {
      throw new NumfeatError('BAD_RANGE', `vocabSize ${vocabSize} is below the ${minimum} fixed tokens (specials + ${policy.name} pieces + 256 bytes)`, {
        fix: `choose vocabSize ≥ ${minimum} (each id above it is one merge)`,
      });
    }
    if (vocabSize >= PAIR) {
      throw new NumfeatError('BAD_RANGE', `vocabSize must be < ${PAIR}, got ${vocabSize}`, { fix: 'choose a smaller vocabulary' });
    }
    const minFrequency = checkK(opts.minFrequency ?? 2, 'minFrequency', 1);

    const counts = new Map<string, number>();
    for (const text of iterTexts(texts)) {
      for (const seg of pretokenize(text)) {
        if (!isDigitSegment(seg)) counts.set(seg, (counts.get(seg) ?? 0) + 1);
      }
    }
    const byteStart = minimum - 256;
    const words: number[][] = [];
    const freq: number[] = [];
    for (const [seg, c] of counts) {
      words.push(encodeWtf8(seg).map((b) => byteStart + b));
      freq.push(c);
    }
    const merges = learnMerges(words, freq, vocabSize - minimum, minimum, minFrequency);
    return new BpeTokenizer(specials, policy, merges);
  }

  encode(text: string, opts: { bos?: boolean; eos?: boolean } = {}): number[] {
    const out: number[] = [];
    if (opts.bos) out.push(this.requireSpecial('<bos>'));
    scanSegments(text, (start, end, kind, hash) => {
      if (kind === SEG_DIGITS) return this.numberEncoder.encodeRange(text, start, end, hash, out);
      let c = this.cacheTable.lookupRange(text, start, end, hash);
      if (c < 0) {
        const seg = text.slice(start, end);
        if (this.cacheIds.length >= CACHE_LIMIT) (this.cacheTable = new SegmentTable()), (this.cacheIds = []);
        c = this.cacheIds.length;
        this.cacheIds.push(this.bpe(seg));
        this.cacheTable.set(seg, c);
      }
      const ids = this.cacheIds[c];
      for (let i = 0; i < ids.length; i++) out.push(ids[i]);
    });
    if (opts.eos) out.push(this.requireSpecial('<eos>'));
    return out;
  }

  /** Applies merges to one pre-token, lowest rank first (standard BPE). */
  private bpe(seg: string): number[] {
    const byteStart = this.offsets.bytes;
    const sym = encodeWtf8(seg).map((b) => byteStart + b);
    const mergeStart = this.offsets.merges;
    while (sym.length > 1) {
      let best = Infinity;
      for (let i = 0; i + 1 < sym.length; i++) {
        const r = this.ranks.get(sym[i] * PAIR + sym[i + 1]);
        if (r !== undefined && r < best) best = r;
      }
      if (best === Infinity) break;
      const [a, b] = this.merges[best];
      let w = 0;
      for (let i = 0; i < sym.length; i++) {
        if (i + 1 < sym.length && sym[i] === a && sym[i + 1] === b) {
          sym[w++] = mergeStart + best;
          i++;
        } else sym[w++] = sym[i];
      }
      sym.length = w;
    }
    return sym;
  }

  private requireSpecial(token: string): number {
    const id = this.specials.indexOf(token);
    if (id < 0) {
      throw new NumfeatError('BAD_ARGUMENT', `this tokenizer has no ${token} special token (specials: ${JSON.stringify(this.specials)})`, {
        fix: `train with specials that include '${token}', or encode without that option`,
      });
    }
    return id;
  }

  decode(ids: ArrayLike<number>, opts: { skipSpecials?: boolean } = {}): string {
    let s = '';
    const bytes: number[] = [];
    const nSpecial = this.specials.length;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      checkId(id, this.vocabSize, this.name);
      if (id < nSpecial) {
        if (bytes.length) (s += decodeWtf8(bytes)), (bytes.length = 0);
        if (!opts.skipSpecials) s += this.specials[id];
        continue;
      }
      // A complete-UTF-8 token starts with a lead byte, so flushing pending bytes first is exact.
      const text = this.tokenText[id];
      if (text !== undefined) {
        if (bytes.length) (s += decodeWtf8(bytes)), (bytes.length = 0);
        s += text;
        continue;
      }
      const tb = this.tokenBytes[id];
      for (let j = 0; j < tb.length; j++) bytes.push(tb[j]);
    }
    if (bytes.length) s += decodeWtf8(bytes);
    return s;
  }

  tokenToId(token: string): number | undefined {
    return this.displayIds.get(token);
  }

  idToToken(id: number): string | undefined {
    return Number.isInteger(id) ? this.displays[id] : undefined;
  }

  toJSON(): BpeTokenizerJSON {
    return {
      format: FORMAT,
      version: 1,
      specials: [...this.specials],
      numberPolicy: this.numberPolicy.spec,
      merges: this.merges.flat(),
    };
  }

  static fromJSON(json: unknown): BpeTokenizer {
    const o = parseJsonInput(json, FORMAT);
    expectJson(o.format === FORMAT, `format is ${JSON.stringify(o.format)}, expected "${FORMAT}"`, FORMAT);
    expectJson(o.version === 1, `unsupported version ${JSON.stringify(o.version)}`, FORMAT);
    expectJson(Array.isArray(o.specials) && o.specials.every((x) => typeof x === 'string'), 'specials must be an array of strings', FORMAT);
    let policy: NumberPolicy;
    try {
      policy = numberPolicyFromSpec(o.numberPolicy);
    } catch (cause) {
      expectJson(false, `numberPolicy: ${(cause as Error).message}`, FORMAT);
    }
    const flat = o.merges as unknown[];
    expectJson(Array.isArray(flat) && flat.length % 2 === 0, 'merges must be a flat array of id pairs', FORMAT);
    const specials = checkSpecials(o.specials);
    const first = specials.length + policy!.pieces().length;
    const merges: [number, number][] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const limit = first + 256 + merges.length;
      const [a, b] = [flat[i], flat[i + 1]];
      const ok = (v: unknown) => Number.isInteger(v) && (v as number) >= first && (v as number) < limit;
      expectJson(ok(a) && ok(b), `merge ${i / 2} = [${String(a)}, ${String(b)}] refers to an id that is not a byte or an earlier merge`, FORMAT);
      merges.push([a as number, b as number]);
    }
    return new BpeTokenizer(specials, policy!, merges);
  }
}

function sameBytes(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export interface BpeTokenizerJSON {
  format: typeof FORMAT;
  version: 1;
  specials: string[];
  numberPolicy: NumberPolicy['spec'];
  /** [a0, b0, a1, b1, …]: merge r joins ids a_r and b_r. */
  merges: number[];
}

/**
 * Learns up to `count` merges with incremental pair counts: each merge touches only the words
 * that contain its pair (tracked in `where`), and a lazy max-heap finds the next best pair.
 * Ties break on the smaller pair key, so training is deterministic.
 */
function learnMerges(words: number[][], freq: number[], count: number, firstId: number, minFrequency: number): [number, number][] {
  const pairCount = new Map<number, number>();
  const where = new Map<number, Set<number>>();
  for (let w = 0; w < words.length; w++) {
    const s = words[w];
    for (let i = 0; i + 1 < s.length; i++) {
      const k = s[i] * PAIR + s[i + 1];
      pairCount.set(k, (pairCount.get(k) ?? 0) + freq[w]);
      let set = where.get(k);
      if (!set) where.set(k, (set = new Set()));
      set.add(w);
    }
  }
  const heap = new MaxHeap();
  for (const [k, c] of pairCount) heap.push(c, k);
  const merges: [number, number][] = [];
  const local = new Map<number, number>();
  while (merges.length < count && heap.size > 0) {
    const [c, k] = heap.pop();
    const actual = pairCount.get(k) ?? 0;
    if (actual !== c) {
      // A larger count was pushed when it grew; a smaller one must be re-queued.
      if (actual > 0 && actual < c) heap.push(actual, k);
      continue;
    }
    if (c < minFrequency) break;
    const a = Math.floor(k / PAIR);
    const b = k - a * PAIR;
    const id = firstId + merges.length;
    merges.push([a, b]);
    for (const w of where.get(k) ?? []) {
      const s = words[w];
      local.clear();
      let found = false;
      for (let i = 0; i + 1 < s.length; i++) {
        if (s[i] === a && s[i + 1] === b) found = true;
      }
      if (!found) continue;
      for (let i = 0; i + 1 < s.length; i++) {
        const pk = s[i] * PAIR + s[i + 1];
        local.set(pk, (local.get(pk) ?? 0) - 1);
      }
      let n = 0;
      for (let i = 0; i < s.length; i++) {
        if (i + 1 < s.length && s[i] === a && s[i + 1] === b) {
          s[n++] = id;
          i++;
        } else s[n++] = s[i];
      }
      s.length = n;
      for (let i = 0; i + 1 < s.length; i++) {
        const pk = s[i] * PAIR + s[i + 1];
        local.set(pk, (local.get(pk) ?? 0) + 1);
      }
      for (const [pk, d] of local) {
        if (d === 0) continue;
        const next = (pairCount.get(pk) ?? 0) + d * freq[w];
        if (next > 0) pairCount.set(pk, next);
        else pairCount.delete(pk);
        if (d > 0) {
          let set = where.get(pk);
          if (!set) where.set(pk, (set = new Set()));
          set.add(w);
          heap.push(next, pk);
        }
      }
    }
    pairCount.delete(k);
    where.delete(k);
  }
  return merges;
}
