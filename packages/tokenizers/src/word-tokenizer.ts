import { NumfeatError } from '@numfeat/core';
import type { NumberPolicy } from './number-policy.js';
import { chunks, numberPolicyFromSpec } from './number-policy.js';
import { isDigitSegment, pretokenize } from './pretokenize.js';
import { NumberEncoder } from './number-encoder.js';
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

export interface WordTrainOptions {
  /** Number of word types kept (top-K by count; ties broken by code-unit order). */
  vocabSize: number;
  /** How digit runs become tokens; default chunks({ width: 3, direction: 'ltr' }) (Llama-3). */
  numberPolicy?: NumberPolicy;
  /** Special tokens, ids 0..n-1; default ['<pad>', '<bos>', '<eos>', '<unk>']. */
  specials?: string[];
  /** Lowercase text before counting and encoding (then decode gives lowercase text). */
  lowercase?: boolean;
}

export interface EncodeOptions {
  bos?: boolean;
  eos?: boolean;
}

const FORMAT = 'numfeat.word-tokenizer';
/** Characters always present as fallback tokens, whether or not training saw them. */
const BASE_CHARS: string[] = ['\t', '\n', '\r'];
for (let c = 32; c < 127; c++) if (c < 48 || c > 57) BASE_CHARS.push(String.fromCharCode(c));

/**
 * Word-level tokenizer with number tokens from a NumberPolicy and a character fallback.
 *
 * Ids: [specials][number pieces][top-K words][characters][256 bytes]. A "word" is any non-digit
 * segment of the pre-tokenizer (so " the", ",", "\n\n" can all be words: a word carries its single
 * leading space, numbers never do). A segment that is not a word is split into " " + the rest when
 * it starts with a space, and text that is still not a word is spelled: one character token per code point (these
 * have their own ids, shown as `<c:x>` — the marker that distinguishes spelled text from words),
 * and UTF-8 byte tokens `<0xNN>` for characters never seen in training. So encode/decode is
 * lossless for any string (unless `lowercase` or a padded number policy is chosen).
 */
export class WordTokenizer extends NumberPieceVocabulary implements Tokenizer {
  readonly name: string;
  readonly vocabSize: number;
  readonly specials: readonly string[];
  readonly numberPolicy: NumberPolicy;
  readonly lowercase: boolean;
  readonly words: readonly string[];
  readonly chars: readonly string[];
  /** First id of each block. */
  readonly offsets: { numbers: number; words: number; chars: number; bytes: number };

  private readonly wordIds = new Map<string, number>();
  /** Same words, looked up by text range on the hot path. */
  private readonly wordTable = new SegmentTable();
  private readonly numberEncoder: NumberEncoder;
  private readonly charIds = new Map<string, number>();
  private readonly texts: string[] = [];
  private readonly display = new Map<string, number>();

  private constructor(specials: string[], policy: NumberPolicy, words: string[], chars: string[], lowercase: boolean) {
    super();
    this.specials = specials;
    this.numberPolicy = policy;
    this.words = words;
    this.chars = chars;
    this.lowercase = lowercase;
    const numberPieces = policy.pieces();
    const numbers = specials.length;
    const wordStart = numbers + numberPieces.length;
    const charStart = wordStart + words.length;
    const byteStart = charStart + chars.length;
    this.offsets = { numbers, words: wordStart, chars: charStart, bytes: byteStart };
    this.vocabSize = byteStart + 256;
    this.name = `word-${words.length}-${policy.name}`;

    specials.forEach((s) => this.add(s, s));
    for (const p of numberPieces) {
      this.addNumberPiece(p, this.texts.length);
      this.add(p, p);
    }
    this.numberEncoder = new NumberEncoder(policy, this.numberIds);
    for (const w of words) {
      this.wordTable.set(w, this.texts.length);
      this.wordIds.set(w, this.texts.length);
      this.add(w, w);
    }
    for (const c of chars) {
      this.charIds.set(c, this.texts.length);
      this.add(c, `<c:${c}>`);
    }
    for (let b = 0; b < 256; b++) this.add('', `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
  }

  private add(text: string, display: string): void {
    const id = this.texts.length;
    this.texts.push(text);
    if (!this.display.has(display)) this.display.set(display, id);
  }

  static train(texts: Iterable<string>, opts: WordTrainOptions): WordTokenizer {
    const k = checkK(opts?.vocabSize, 'vocabSize', 1);
    const policy = checkPolicy(opts.numberPolicy ?? chunks({ width: 3, direction: 'ltr' }));
    const specials = checkSpecials(opts.specials ?? [...DEFAULT_SPECIALS]);
    const lowercase = opts.lowercase ?? false;
    const counts = new Map<string, number>();
    const seenChars = new Set<string>(BASE_CHARS);
    for (let text of iterTexts(texts)) {
      if (lowercase) text = text.toLowerCase();
      for (const seg of pretokenize(text)) {
        if (isDigitSegment(seg)) continue;
        counts.set(seg, (counts.get(seg) ?? 0) + 1);
      }
    }
    for (const seg of counts.keys()) for (const ch of seg) seenChars.add(ch);
    const words = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, k)
      .map(([w]) => w);
    const chars = [...seenChars].filter((c) => !(c.length === 1 && c >= '0' && c <= '9')).sort();
    return new WordTokenizer(specials, policy, words, chars, lowercase);
  }

  encode(text: string, opts: EncodeOptions = {}): number[] {
    const out: number[] = [];
    if (opts.bos) out.push(this.requireSpecial('<bos>'));
    const src = this.lowercase ? text.toLowerCase() : text;
    scanSegments(src, (start, end, kind, hash) => {
      if (kind === SEG_DIGITS) {
        this.numberEncoder.encodeRange(src, start, end, hash, out);
        return;
      }
      const id = this.wordTable.lookupRange(src, start, end, hash);
      if (id >= 0) return void out.push(id);
      if (end - start > 1 && src.charCodeAt(start) === 32) {
        // " word" unknown: the space on its own, then the word (known, or spelled).
        this.spell(' ', out);
        const rest = src.slice(start + 1, end);
        const tail = this.wordIds.get(rest);
        if (tail !== undefined) out.push(tail);
        else this.spell(rest, out);
        return;
      }
      this.spell(src.slice(start, end), out);
    });
    if (opts.eos) out.push(this.requireSpecial('<eos>'));
    return out;
  }

  private spell(text: string, out: number[]): void {
    // A lone " " is usually a word itself; prefer it over the character token.
    if (text === ' ') {
      const w = this.wordIds.get(' ');
      if (w !== undefined) return void out.push(w);
    }
    for (const ch of text) {
      const id = this.charIds.get(ch);
      if (id !== undefined) out.push(id);
      else for (const b of encodeWtf8(ch)) out.push(this.offsets.bytes + b);
    }
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
    const byteStart = this.offsets.bytes;
    const nSpecial = this.specials.length;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      checkId(id, this.vocabSize, this.name);
      if (id >= byteStart) {
        bytes.push(id - byteStart);
        continue;
      }
      if (bytes.length) (s += decodeWtf8(bytes)), (bytes.length = 0);
      if (id < nSpecial && opts.skipSpecials) continue;
      s += this.texts[id];
    }
    if (bytes.length) s += decodeWtf8(bytes);
    return s;
  }

  tokenToId(token: string): number | undefined {
    return this.display.get(token);
  }

  idToToken(id: number): string | undefined {
    if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) return undefined;
    if (id >= this.offsets.bytes) return `<0x${(id - this.offsets.bytes).toString(16).toUpperCase().padStart(2, '0')}>`;
    if (id >= this.offsets.chars) return `<c:${this.texts[id]}>`;
    return this.texts[id];
  }

  toJSON(): WordTokenizerJSON {
    return {
      format: FORMAT,
      version: 1,
      specials: [...this.specials],
      numberPolicy: this.numberPolicy.spec,
      lowercase: this.lowercase,
      words: [...this.words],
      chars: [...this.chars],
    };
  }

  static fromJSON(json: unknown): WordTokenizer {
    const o = parseJsonInput(json, FORMAT);
    expectJson(o.format === FORMAT, `format is ${JSON.stringify(o.format)}, expected "${FORMAT}"`, FORMAT);
    expectJson(o.version === 1, `unsupported version ${JSON.stringify(o.version)}`, FORMAT);
    const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
    expectJson(strings(o.words), 'words must be an array of strings', FORMAT);
    expectJson(strings(o.chars), 'chars must be an array of strings', FORMAT);
    expectJson(strings(o.specials), 'specials must be an array of strings', FORMAT);
    expectJson(typeof o.lowercase === 'boolean', 'lowercase must be a boolean', FORMAT);
    let policy: NumberPolicy;
    try {
      policy = numberPolicyFromSpec(o.numberPolicy);
    } catch (cause) {
      expectJson(false, `numberPolicy: ${(cause as Error).message}`, FORMAT);
    }
    return new WordTokenizer(checkSpecials(o.specials), policy!, o.words as string[], o.chars as string[], o.lowercase as boolean);
  }
}

export interface WordTokenizerJSON {
  format: typeof FORMAT;
  version: 1;
  specials: string[];
  numberPolicy: NumberPolicy['spec'];
  lowercase: boolean;
  words: string[];
  chars: string[];
}

