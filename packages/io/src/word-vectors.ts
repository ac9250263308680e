import { corrupt } from './dtypes.js';
import { checkValueCount } from './limits.js';

/** Vectors looked up by word, as read from GloVe text or word2vec binary files. */
export interface WordVectors {
  dims: number;
  /** Only the requested words when a word list was given, else every word. */
  vectors: Map<string, Float64Array>;
  /** How many entries the file holds (every reader scans the whole file to validate it). */
  scanned: number;
}

export interface WordReadOptions {
  /** Keep only these words. */
  words?: Iterable<string>;
  /** Name used in error messages. */
  source?: string;
}

/**
 * Shared bookkeeping: which words are wanted and what has been found. One duplicate rule for every
 * reader: a word that is kept (a requested word, or any word without a list) may occur only once;
 * a second occurrence is CORRUPT_FILE, since which copy is "the" vector would be a guess.
 */
export class WordCollector {
  readonly vectors = new Map<string, Float64Array>();
  private readonly wanted: Set<string> | null;
  private values = 0;
  scanned = 0;

  constructor(
    words: Iterable<string> | undefined,
    private readonly where: string,
  ) {
    this.wanted = words ? new Set(words) : null;
  }

  wants(word: string): boolean {
    return this.wanted === null || this.wanted.has(word);
  }

  add(word: string, vector: Float64Array, entry: string): void {
    if (this.vectors.has(word)) {
      throw corrupt(this.where, `the word ${JSON.stringify(word.slice(0, 40))} occurs twice (again at ${entry})`, 'remove the duplicate rows; readers refuse to guess which vector is meant');
    }
    this.values += vector.length;
    checkValueCount(this.values, this.where, `keeping ${this.vectors.size + 1} words × ${vector.length} values`);
    this.vectors.set(word, vector);
  }
}
