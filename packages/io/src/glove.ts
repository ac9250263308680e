import { corrupt } from './dtypes.js';
import { WordCollector, type WordReadOptions, type WordVectors } from './word-vectors.js';

/**
 * Line-by-line GloVe parser ("word v1 v2 … vd"). A first line of exactly two integers is taken as a
 * fastText/word2vec text header ("V d") and skipped. Usable on a whole text or on streamed lines.
 */
export class GloveLineParser {
  dims = 0;
  private lineNo = 0;
  private readonly collector: WordCollector;

  constructor(
    words: Iterable<string> | undefined,
    private readonly where: string,
  ) {
    this.collector = new WordCollector(words);
  }

  /** Feeds one line; returns true when every requested word has been found. */
  push(rawLine: string): boolean {
    this.lineNo++;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return this.collector.done;
    const fields = line.trimEnd().split(' ');
    if (this.lineNo === 1 && fields.length === 2 && /^\d+$/.test(fields[0]) && /^\d+$/.test(fields[1])) {
      this.dims = Number(fields[1]);
      return false;
    }
    if (this.dims === 0) this.dims = fields.length - 1;
    if (this.dims < 1) throw corrupt(this.where, `line ${this.lineNo} has a word but no vector`);
    if (fields.length - 1 !== this.dims) {
      throw corrupt(
        this.where,
        `line ${this.lineNo} (${JSON.stringify(fields[0].slice(0, 40))}) has ${fields.length - 1} values, expected ${this.dims}`,
      );
    }
    this.collector.scanned++;
    const word = fields[0];
    if (this.collector.wants(word)) {
      const v = new Float64Array(this.dims);
      for (let j = 0; j < this.dims; j++) {
        const x = parseFloatStrict(fields[j + 1]);
        if (x === undefined) {
          throw corrupt(this.where, `line ${this.lineNo} (${JSON.stringify(word)}): ${JSON.stringify(fields[j + 1])} is not a number`);
        }
        v[j] = x;
      }
      this.collector.add(word, v);
    }
    return this.collector.done;
  }

  result(): WordVectors {
    return { dims: this.dims, vectors: this.collector.vectors, scanned: this.collector.scanned };
  }
}

/** Number(), but refusing empty strings and garbage; keeps nan/inf so validation can name them. */
function parseFloatStrict(s: string): number | undefined {
  if (s === '') return undefined;
  const x = Number(s);
  if (!Number.isNaN(x)) return x;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  if (/^[+-]?inf(inity)?$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  return undefined;
}

/** Parses GloVe text (a string or UTF-8 bytes), keeping only `words` when given. */
export function readGloveText(text: string | Uint8Array, options: WordReadOptions = {}): WordVectors {
  const source = typeof text === 'string' ? text : new TextDecoder().decode(text);
  const parser = new GloveLineParser(options.words, options.source ?? 'GloVe text');
  let start = 0;
  while (start < source.length) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    if (parser.push(source.slice(start, end))) break;
    start = end + 1;
  }
  return parser.result();
}
