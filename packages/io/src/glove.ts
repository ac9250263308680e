import { corrupt } from './dtypes.js';
import { READ_LIMITS } from './limits.js';
import { WordCollector, type WordReadOptions, type WordVectors } from './word-vectors.js';

/** A decimal number as GloVe/fastText write it (no hex, octal, binary or digit separators). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TWO_INTEGERS = /^\d+ \d+$/;

/**
 * Line-by-line GloVe parser ("word v1 v2 … vd"). A first line of two integers "V d" is a
 * fastText/word2vec text header when the lines after it agree: the next line has d values (d > 1),
 * or, for d = 1 where both readings fit, exactly V rows follow. Otherwise it is an ordinary row
 * (e.g. `0 0`, the word "0" with a 1-dimensional vector). Usable on a whole text or streamed lines.
 */
export class GloveLineParser {
  dims = 0;
  private lineNo = 0;
  private readonly collector: WordCollector;
  /** A first line that may be a "V d" header, until the lines after it decide. */
  private candidate: { text: string; V: number; d: number; rowsAfter: number } | null = null;
  private header: { V: number; d: number } | null = null;

  constructor(
    words: Iterable<string> | undefined,
    private readonly where: string,
  ) {
    this.collector = new WordCollector(words, where);
  }

  /** Feeds one line (without its '\n'). */
  push(rawLine: string): void {
    this.lineNo++;
    if (rawLine.length > READ_LIMITS.maxLineBytes) throw longLine(this.where, this.lineNo);
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const text = line.trimEnd();
    if (text === '') return;
    if (this.lineNo === 1 && TWO_INTEGERS.test(text)) {
      const [V, d] = text.split(' ').map(Number);
      if (d >= 1) {
        this.candidate = { text, V, d, rowsAfter: 0 };
        return;
      }
    }
    const c = this.candidate;
    if (c && !this.header && c.rowsAfter === 0) {
      const values = countSpaces(text);
      if (values === c.d && c.d > 1) {
        this.header = { V: c.V, d: c.d }; // the row agrees with d, and a 1-value first line could not
        this.dims = c.d;
      } else if (values !== 1 || c.d !== 1) {
        this.candidate = null;
        this.row(c.text, 1); // an ordinary 1-dimensional row
      }
    }
    if (this.candidate) this.candidate.rowsAfter++;
    this.row(text, this.lineNo);
  }

  private row(text: string, lineNo: number): void {
    const firstSpace = text.indexOf(' ');
    const word = firstSpace < 0 ? text : text.slice(0, firstSpace);
    const wanted = this.collector.wants(word);
    // Unwanted rows (most of a big vocabulary) are only counted, not split: much less garbage.
    const values = wanted ? text.split(' ').slice(1) : null;
    const count = values ? values.length : countSpaces(text);
    if (this.dims === 0) {
      if (count > READ_LIMITS.maxDims) throw corrupt(this.where, `line ${lineNo} has ${count} values, over the ${READ_LIMITS.maxDims}-dimension limit`);
      this.dims = count;
    }
    if (this.dims < 1) throw corrupt(this.where, `line ${lineNo} has a word but no vector`);
    if (count !== this.dims) {
      throw corrupt(this.where, `line ${lineNo} (${JSON.stringify(word.slice(0, 40))}) has ${count} values, expected ${this.dims}`);
    }
    this.collector.scanned++;
    if (!values) return;
    const v = new Float64Array(this.dims);
    for (let j = 0; j < this.dims; j++) {
      const x = parseDecimal(values[j]);
      if (x === undefined) {
        throw corrupt(this.where, `line ${lineNo} (${JSON.stringify(word.slice(0, 40))}): ${JSON.stringify(values[j].slice(0, 40))} is not a decimal number`);
      }
      v[j] = x;
    }
    this.collector.add(word, v, `line ${lineNo}`);
  }

  result(): WordVectors {
    const c = this.candidate;
    if (c && !this.header) {
      if (c.rowsAfter === c.V) {
        this.header = { V: c.V, d: c.d }; // d = 1 throughout: a header, since it counts the rows exactly
        this.dims ||= c.d;
      } else {
        // A 1-dimensional row after all: re-add it first, keeping the file's order.
        const rows = [...this.collector.vectors.entries()];
        this.collector.vectors.clear();
        this.collector.scanned = 0;
        this.row(c.text, 1);
        for (const [word, v] of rows) this.collector.add(word, v, 'a later line');
        this.collector.scanned += c.rowsAfter;
      }
    }
    if (this.header && this.collector.scanned !== this.header.V) {
      throw corrupt(this.where, `the header line promises ${this.header.V} words but the file holds ${this.collector.scanned}`, 'fix the "V d" first line or drop it (GloVe files need none)');
    }
    return { dims: this.dims, vectors: this.collector.vectors, scanned: this.collector.scanned };
  }
}

function longLine(where: string, lineNo: number) {
  return corrupt(where, `line ${lineNo} is longer than ${READ_LIMITS.maxLineBytes} bytes`, 'pass a GloVe text file (one "word v1 … vd" row per line)');
}

function countSpaces(text: string): number {
  let n = 0;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) n++;
  return n;
}

/** A decimal number; keeps nan/inf so validation can name them later. Hex, octal, '' are refused. */
function parseDecimal(s: string): number | undefined {
  if (DECIMAL.test(s)) return Number(s);
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
    parser.push(source.slice(start, end));
    start = end + 1;
  }
  return parser.result();
}
