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
    const text = line.trimEnd();
    if (text === '') return this.collector.done;
    const firstSpace = text.indexOf(' ');
    const word = firstSpace < 0 ? text : text.slice(0, firstSpace);
    if (this.lineNo === 1 && /^\d+ \d+$/.test(text)) {
      this.dims = Number(text.slice(firstSpace + 1)); // fastText/word2vec text header "V d"
      return false;
    }
    const wanted = this.collector.wants(word);
    // Unwanted rows (most of a big vocabulary) are only counted, not split: much less garbage.
    const values = wanted ? text.split(' ').slice(1) : null;
    const count = values ? values.length : countSpaces(text);
    if (this.dims === 0) this.dims = count;
    if (this.dims < 1) throw corrupt(this.where, `line ${this.lineNo} has a word but no vector`);
    if (count !== this.dims) {
      throw corrupt(this.where, `line ${this.lineNo} (${JSON.stringify(word.slice(0, 40))}) has ${count} values, expected ${this.dims}`);
    }
    this.collector.scanned++;
    if (values) {
      const v = new Float64Array(this.dims);
      for (let j = 0; j < this.dims; j++) {
        const x = parseFloatStrict(values[j]);
        if (x === undefined) {
          throw corrupt(this.where, `line ${this.lineNo} (${JSON.stringify(word)}): ${JSON.stringify(values[j])} is not a number`);
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

function countSpaces(text: string): number {
  let n = 0;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) n++;
  return n;
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
