import { corrupt } from './dtypes.js';
import { READ_LIMITS } from './limits.js';
import { WordCollector, type WordReadOptions, type WordVectors } from './word-vectors.js';

const SPACE = 0x20;
const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Incremental parser for the word2vec binary format: an ASCII header "V d\n", then V entries of
 * `word` + ' ' + d little-endian float32 (+ an optional '\n', written by the original C tool but
 * not by gensim). Feed it chunks with push(); it keeps only an unfinished entry between chunks.
 * The header must match the data: exactly V entries, then nothing but line breaks.
 */
export class Word2vecParser {
  vocabSize = -1;
  dims = -1;
  private pending: Uint8Array = new Uint8Array(0);
  private entries = 0;
  private readonly collector: WordCollector;
  private readonly utf8 = new TextDecoder();

  /** `totalBytes`, when known, bounds what the header may claim before anything is allocated. */
  constructor(
    words: Iterable<string> | undefined,
    private readonly where: string,
    private readonly totalBytes = Infinity,
  ) {
    this.collector = new WordCollector(words, where);
  }

  /** True once the header's V entries are read. */
  get done(): boolean {
    return this.vocabSize >= 0 && this.entries >= this.vocabSize;
  }

  push(chunk: Uint8Array): void {
    let buf = this.pending.length ? concat(this.pending, chunk) : chunk;
    let pos = 0;
    if (this.vocabSize < 0) {
      const eol = buf.indexOf(NEWLINE);
      if (eol < 0) {
        if (buf.length > 256) throw corrupt(this.where, 'no "V d" header line (vocabulary size and dimension) at the start');
        this.pending = buf.slice();
        return;
      }
      this.readHeader(buf.subarray(0, eol));
      pos = eol + 1;
    }
    const vectorBytes = this.dims * 4;
    while (!this.done) {
      while (pos < buf.length && (buf[pos] === NEWLINE || buf[pos] === CR)) pos++;
      const space = buf.indexOf(SPACE, pos);
      if (space < 0 ? buf.length - pos > READ_LIMITS.maxWordBytes : space - pos > READ_LIMITS.maxWordBytes) {
        throw corrupt(this.where, `entry ${this.entries + 1}: no word of at most ${READ_LIMITS.maxWordBytes} bytes followed by a space`);
      }
      if (space < 0 || space + 1 + vectorBytes > buf.length) break;
      if (space === pos) throw corrupt(this.where, `entry ${this.entries + 1} has an empty word`);
      const word = this.utf8.decode(buf.subarray(pos, space));
      const start = space + 1;
      this.entries++;
      this.collector.scanned++;
      if (this.collector.wants(word)) {
        const view = new DataView(buf.buffer, buf.byteOffset + start, vectorBytes);
        const v = new Float64Array(this.dims);
        for (let j = 0; j < this.dims; j++) v[j] = view.getFloat32(j * 4, true);
        this.collector.add(word, v, `entry ${this.entries}`);
      }
      pos = start + vectorBytes;
    }
    if (this.done) {
      for (; pos < buf.length; pos++) {
        if (buf[pos] !== NEWLINE && buf[pos] !== CR) {
          throw corrupt(this.where, `data continues after the ${this.vocabSize} entries the header promises`, 'fix the "V d" header: V must be the number of words in the file');
        }
      }
    }
    this.pending = buf.slice(pos);
  }

  private readHeader(line: Uint8Array): void {
    const header = this.utf8.decode(line).trim().split(/\s+/);
    if (header.length !== 2 || !header.every((x) => /^\d{1,15}$/.test(x)) || Number(header[1]) < 1) {
      throw corrupt(this.where, `the first line should be "V d" (two integers), got ${JSON.stringify(header.join(' ').slice(0, 60))}`);
    }
    const [V, d] = header.map(Number);
    if (d > READ_LIMITS.maxDims) throw corrupt(this.where, `the header claims ${d} dimensions, over the ${READ_LIMITS.maxDims} limit`);
    // Each entry takes at least a 1-byte word, a space and d float32.
    if (V * (2 + 4 * d) > this.totalBytes) {
      throw corrupt(this.where, `the header claims ${V} words of ${d} float32 values, at least ${V * (2 + 4 * d)} bytes, but the file has ${this.totalBytes}`);
    }
    this.vocabSize = V;
    this.dims = d;
  }

  /** Call at end of input: a file that ends before its header's V entries is truncated. */
  finish(): WordVectors {
    if (this.vocabSize < 0) throw corrupt(this.where, 'the file ends before the "V d" header line is complete');
    const leftover = this.pending.filter((b) => b !== NEWLINE && b !== CR).length;
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
  const parser = new Word2vecParser(options.words, options.source ?? 'word2vec data', bytes.length);
  parser.push(bytes);
  return parser.finish();
}
