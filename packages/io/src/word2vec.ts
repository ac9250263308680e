import { corrupt } from './dtypes.js';
import { WordCollector, type WordReadOptions, type WordVectors } from './word-vectors.js';

const SPACE = 0x20;
const NEWLINE = 0x0a;

/**
 * Incremental parser for the word2vec binary format: an ASCII header "V d\n", then V entries of
 * `word` + ' ' + d little-endian float32 (+ an optional '\n', written by the original C tool but
 * not by gensim). Feed it chunks with push(); it keeps only an unfinished entry between chunks.
 */
export class Word2vecParser {
  vocabSize = -1;
  dims = -1;
  private pending: Uint8Array = new Uint8Array(0);
  private entries = 0;
  private readonly collector: WordCollector;
  private readonly utf8 = new TextDecoder();

  constructor(
    words: Iterable<string> | undefined,
    private readonly where: string,
  ) {
    this.collector = new WordCollector(words);
  }

  /** True when nothing more is needed (all entries read, or every requested word found). */
  get done(): boolean {
    return this.collector.done || (this.vocabSize >= 0 && this.entries >= this.vocabSize);
  }

  push(chunk: Uint8Array): boolean {
    let buf = this.pending.length ? concat(this.pending, chunk) : chunk;
    let pos = 0;
    if (this.vocabSize < 0) {
      const eol = buf.indexOf(NEWLINE);
      if (eol < 0) {
        if (buf.length > 256) throw corrupt(this.where, 'no "V d" header line (vocabulary size and dimension) at the start');
        this.pending = buf.slice();
        return false;
      }
      const header = this.utf8.decode(buf.subarray(0, eol)).trim().split(/\s+/);
      if (header.length !== 2 || !header.every((x) => /^\d+$/.test(x)) || Number(header[1]) < 1) {
        throw corrupt(this.where, `the first line should be "V d" (two integers), got ${JSON.stringify(header.join(' ').slice(0, 60))}`);
      }
      this.vocabSize = Number(header[0]);
      this.dims = Number(header[1]);
      pos = eol + 1;
    }
    const vectorBytes = this.dims * 4;
    while (!this.done) {
      while (pos < buf.length && (buf[pos] === NEWLINE || buf[pos] === 0x0d)) pos++;
      const space = buf.indexOf(SPACE, pos);
      if (space < 0 || space + 1 + vectorBytes > buf.length) break;
      const word = this.utf8.decode(buf.subarray(pos, space));
      const start = space + 1;
      this.entries++;
      this.collector.scanned++;
      if (this.collector.wants(word)) {
        const view = new DataView(buf.buffer, buf.byteOffset + start, vectorBytes);
        const v = new Float64Array(this.dims);
        for (let j = 0; j < this.dims; j++) v[j] = view.getFloat32(j * 4, true);
        this.collector.add(word, v);
      }
      pos = start + vectorBytes;
    }
    this.pending = buf.slice(pos);
    return this.done;
  }

  /** Call at end of input: a file that ends before its header's V entries is truncated. */
  finish(): WordVectors {
    if (this.vocabSize < 0) throw corrupt(this.where, 'the file ends before the "V d" header line is complete');
    const leftover = this.pending.filter((b) => b !== NEWLINE && b !== 0x0d).length;
    if (!this.done) {
      throw corrupt(
        this.where,
        `the header promises ${this.vocabSize} words of ${this.dims} float32 values but the file ends after ${this.entries}` +
          (leftover ? ` (plus ${leftover} bytes of an incomplete entry)` : ''),
      );
    }
    return { dims: this.dims, vectors: this.collector.vectors, scanned: this.collector.scanned };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Parses word2vec binary bytes, keeping only `words` when given. */
export function readWord2vecBinary(bytes: Uint8Array, options: WordReadOptions = {}): WordVectors {
  const parser = new Word2vecParser(options.words, options.source ?? 'word2vec data');
  parser.push(bytes);
  return parser.finish();
}
