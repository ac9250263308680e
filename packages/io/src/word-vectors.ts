/** Vectors looked up by word, as read from GloVe text or word2vec binary files. */
export interface WordVectors {
  dims: number;
  /** Only the requested words when a word list was given, else every word. */
  vectors: Map<string, Float64Array>;
  /** How many entries of the file were scanned (less than the vocabulary if reading stopped early). */
  scanned: number;
}

export interface WordReadOptions {
  /** Keep only these words (the reader stops as soon as all are found). */
  words?: Iterable<string>;
  /** Name used in error messages. */
  source?: string;
}

/** Shared bookkeeping: which words are wanted, what has been found, when to stop. */
export class WordCollector {
  readonly vectors = new Map<string, Float64Array>();
  private readonly wanted: Set<string> | null;
  scanned = 0;

  constructor(words: Iterable<string> | undefined) {
    this.wanted = words ? new Set(words) : null;
  }

  wants(word: string): boolean {
    return this.wanted === null || (this.wanted.has(word) && !this.vectors.has(word));
  }

  add(word: string, vector: Float64Array): void {
    this.vectors.set(word, vector);
  }

  /** True once every requested word is found (never true without a word list). */
  get done(): boolean {
    return this.wanted !== null && this.vectors.size >= this.wanted.size;
  }
}
