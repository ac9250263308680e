import { NumfeatError } from '@numfeat/core';
import { BYTE_TO_UNICODE, displayToBytes } from './byte-unicode.js';
import { parseNumberPiece, type NumberPiece, type Tokenizer } from './tokenizer.js';
import { checkId, parseJsonInput } from './vocab-utils.js';
import { decodeWtf8 } from './wtf8.js';

/** Real vocabularies we can load offline (bundled in llama3-tokenizer-js and gpt-tokenizer). */
export const PRETRAINED_VOCABULARIES = ['llama3', 'r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'] as const;
export type PretrainedVocabulary = (typeof PRETRAINED_VOCABULARIES)[number];

const FORMAT = 'numfeat.pretrained-tokenizer';

interface Backend {
  vocabSize: number;
  encode(text: string): number[];
  decode(ids: number[]): string;
  /** GPT-2-style display string of an id ("Ġthe"), or undefined for a hole in the id space. */
  display(id: number): string | undefined;
}

/**
 * A real tokenizer behind the numfeat Tokenizer interface. Text that looks like a special token
 * ("<|endoftext|>") is encoded as ordinary text for the GPT vocabularies (so encode never throws)
 * and as the special token for Llama-3 (the library's behaviour); decode(encode(x)) === x either
 * way for well-formed strings (lone surrogates become U+FFFD: these libraries use TextEncoder).
 * idToToken gives the GPT-2 byte-level display form ("Ġ42" for " 42"); tokenToId accepts it or the
 * plain text of the token.
 */
export class PretrainedTokenizer implements Tokenizer {
  readonly name: PretrainedVocabulary;
  readonly vocabSize: number;
  private readonly backend: Backend;
  private pieces?: (NumberPiece | undefined)[];
  private ids?: Map<string, number>;

  constructor(name: PretrainedVocabulary, backend: Backend) {
    this.name = name;
    this.backend = backend;
    this.vocabSize = backend.vocabSize;
  }

  encode(text: string): number[] {
    if (typeof text !== 'string') {
      throw new NumfeatError('BAD_ARGUMENT', `encode expects a string, got ${typeof text}`, { fix: 'pass text as a string' });
    }
    return this.backend.encode(text);
  }

  decode(ids: ArrayLike<number>): string {
    const list = Array.from(ids);
    for (const id of list) {
      checkId(id, this.vocabSize, this.name);
      if (this.backend.display(id) === undefined) {
        throw new NumfeatError('BAD_RANGE', `token id ${id} is unused in the ${this.name} vocabulary`, {
          fix: 'decode only ids produced by this tokenizer',
        });
      }
    }
    return this.backend.decode(list);
  }

  idToToken(id: number): string | undefined {
    return Number.isInteger(id) && id >= 0 && id < this.vocabSize ? this.backend.display(id) : undefined;
  }

  /** Decoded text of one token (partial UTF-8 shows as U+FFFD). */
  tokenText(id: number): string | undefined {
    const d = this.idToToken(id);
    if (d === undefined) return undefined;
    const bytes = displayToBytes(d);
    return bytes ? decodeWtf8(bytes) : d;
  }

  tokenToId(token: string): number | undefined {
    if (!this.ids) {
      const ids = new Map<string, number>();
      for (let id = 0; id < this.vocabSize; id++) {
        const d = this.backend.display(id);
        if (d !== undefined && !ids.has(d)) ids.set(d, id);
      }
      for (let id = 0; id < this.vocabSize; id++) {
        const t = this.tokenText(id);
        if (t !== undefined && !ids.has(t)) ids.set(t, id);
      }
      this.ids = ids;
    }
    return this.ids.get(token);
  }

  numberPiece(id: number): NumberPiece | undefined {
    if (!this.pieces) {
      // Digit tokens are short: test the display form cheaply before decoding.
      const pieces: (NumberPiece | undefined)[] = new Array(this.vocabSize);
      for (let i = 0; i < this.vocabSize; i++) {
        const d = this.backend.display(i);
        if (d !== undefined && /^Ġ?[0-9]+$/.test(d)) pieces[i] = parseNumberPiece(d.replace('Ġ', ' '));
      }
      this.pieces = pieces;
    }
    return Number.isInteger(id) ? this.pieces[id] : undefined;
  }

  numberValue(id: number): number | undefined {
    return this.numberPiece(id)?.value;
  }

  toJSON(): { format: typeof FORMAT; vocabulary: PretrainedVocabulary } {
    return { format: FORMAT, vocabulary: this.name };
  }

  /** Loads the vocabulary named by `toJSON()` output. */
  static async fromJSON(json: unknown): Promise<PretrainedTokenizer> {
    const o = parseJsonInput(json, FORMAT);
    if (o.format !== FORMAT) {
      throw new NumfeatError('CORRUPT_FILE', `not a ${FORMAT} JSON (format ${JSON.stringify(o.format)})`, {
        fix: 'pass the object returned by toJSON() of a pretrained tokenizer',
      });
    }
    return pretrainedTokenizer(o.vocabulary as string);
  }
}

/** Loads a bundled real vocabulary by name; throws UNSUPPORTED_FORMAT for an unknown name. */
export async function pretrainedTokenizer(vocabulary: string): Promise<PretrainedTokenizer> {
  switch (vocabulary) {
    case 'llama3':
      return llama3Tokenizer();
    case 'r50k_base':
      return tiktoken('r50k_base', import('gpt-tokenizer/encoding/r50k_base'), import('gpt-tokenizer/bpeRanks/r50k_base'));
    case 'p50k_base':
      return tiktoken('p50k_base', import('gpt-tokenizer/encoding/p50k_base'), import('gpt-tokenizer/bpeRanks/p50k_base'));
    case 'cl100k_base':
      return tiktoken('cl100k_base', import('gpt-tokenizer/encoding/cl100k_base'), import('gpt-tokenizer/bpeRanks/cl100k_base'));
    case 'o200k_base':
      return tiktoken('o200k_base', import('gpt-tokenizer/encoding/o200k_base'), import('gpt-tokenizer/bpeRanks/o200k_base'));
    default:
      throw new NumfeatError('UNSUPPORTED_FORMAT', `unknown vocabulary ${JSON.stringify(vocabulary)}`, {
        fix: `use one of ${PRETRAINED_VOCABULARIES.join(', ')}, or train a WordTokenizer/BpeTokenizer`,
      });
  }
}

/** Llama-3 (128k, digit runs split left-to-right into 1–3-digit chunks). Loaded lazily. */
export async function llama3Tokenizer(): Promise<PretrainedTokenizer> {
  const mod = (await import('llama3-tokenizer-js')) as unknown as { default: Llama3Like };
  const l3 = mod.default;
  return new PretrainedTokenizer('llama3', {
    vocabSize: l3.vocabById.length,
    encode: (text) => l3.encode(text, { bos: false, eos: false }),
    decode: (ids) => l3.decode(ids),
    display: (id) => l3.vocabById[id],
  });
}

/** GPT-2 / GPT-3 r50k_base (50k; numbers merged irregularly by BPE). Loaded lazily. */
export function gpt2Tokenizer(): Promise<PretrainedTokenizer> {
  return pretrainedTokenizer('r50k_base');
}

/** GPT-3.5/4 cl100k_base (1–3-digit chunks). Loaded lazily. */
export function cl100kTokenizer(): Promise<PretrainedTokenizer> {
  return pretrainedTokenizer('cl100k_base');
}

/** GPT-4o o200k_base (1–3-digit chunks). Loaded lazily. */
export function o200kTokenizer(): Promise<PretrainedTokenizer> {
  return pretrainedTokenizer('o200k_base');
}

interface Llama3Like {
  vocabById: string[];
  encode(text: string, opts: { bos: boolean; eos: boolean }): number[];
  decode(ids: number[]): string;
}

interface GptEncodingLike {
  encode(text: string, opts?: { allowedSpecial?: Set<string>; disallowedSpecial?: Set<string> }): number[];
  decode(ids: Iterable<number>): string;
}

async function tiktoken(
  name: PretrainedVocabulary,
  encodingModule: Promise<Record<string, unknown>>,
  ranksModule: Promise<{ default: readonly (string | readonly number[])[] }>,
): Promise<PretrainedTokenizer> {
  const [enc, ranks] = await Promise.all([encodingModule, ranksModule]);
  const api = enc.default as GptEncodingLike;
  const table = ranks.default;
  const displays: (string | undefined)[] = [];
  for (let id = 0; id < table.length; id++) {
    const entry = table[id];
    if (entry === undefined) continue;
    const bytes = typeof entry === 'string' ? Array.from(new TextEncoder().encode(entry)) : entry;
    displays[id] = bytes.map((b) => BYTE_TO_UNICODE[b]).join('');
  }
  // Special tokens live above the ranks (with gaps); find the ids of the ones this encoding knows.
  for (const value of Object.values(enc)) {
    if (typeof value !== 'string' || !value.startsWith('<|')) continue;
    const ids = api.encode(value, { allowedSpecial: new Set([value]) });
    if (ids.length === 1 && ids[0] >= table.length) displays[ids[0]] = value;
  }
  const none = new Set<string>();
  return new PretrainedTokenizer(name, {
    vocabSize: displays.length,
    encode: (text) => api.encode(text, { disallowedSpecial: none }),
    decode: (ids) => api.decode(ids),
    display: (id) => displays[id],
  });
}
