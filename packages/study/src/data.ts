// Token streams for the study's runs: the synthetic corpus (default) or the bundled real corpus,
// tokenized by a WordTokenizer whose number tokens are the whole numbers "0".."999", then perturbed
// and packed into fixed-length sequences with a per-token loss weight. Cached per worker process.
import { numberCorpus, numberTokenHistogram, perturb, additionChunked, addition3Digit, type CorpusSpec, type NumberCorpus, type PackedSequences } from '@numfeat/data-gen';

const cache = new Map<string, unknown>();
const memo = <T>(key: string, make: () => T): T => {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
};

/** The tokenized corpus of a corpus spec (data-gen's numberCorpus), built once per worker. */
export function tokenizedCorpus(corpus: CorpusSpec): NumberCorpus {
  return memo(`corpus:${JSON.stringify(corpus)}`, () => numberCorpus(corpus));
}

/**
 * Packed training sequences for an LM run (data-gen's perturb: data, mask, sequences, seqLen,
 * realTokens, padTokens) plus vocabSize and numberIds.
 */
export function packedSequences(corpus: CorpusSpec, perturbation: string, context: number, seed: number): PackedSequences & { vocabSize: number; numberIds: number[] } {
  const c = tokenizedCorpus(corpus);
  const packed = perturb(c.ids, perturbation, { isNumber: c.isNumber, padId: c.padId, context, seed });
  return { ...packed, vocabSize: c.vocabSize, numberIds: c.numberIds };
}

/** The number-token frequency signal (log1p counts) of a corpus — the paper's "Token Dist." */
export function tokenFrequencySignal(corpus: CorpusSpec): number[] {
  const c = tokenizedCorpus(corpus);
  const h = numberTokenHistogram(c.ids, { numberValue: c.numberValue, N: 1000 });
  return Array.from(h.log1p);
}

/** The raw token stream and tokenizer facts, for word2vec / PPMI. */
export function tokenStream(corpus: CorpusSpec) {
  const c = tokenizedCorpus(corpus);
  return { ids: c.ids, vocabSize: c.vocabSize, numberIds: c.numberIds };
}

/**
 * An addition task as packed sequences whose mask keeps only the answer tokens (answer-only loss),
 * plus the number rows.
 * digits 9: three chunk tokens "000".."999" per operand (multi-token, mod 1000 per position);
 * digits 3: single tokens "0".."999" with a + b ≤ 999.
 */
export function additionTask({ digits, train, test, seed }: { digits: number; train: number; test: number; seed: number }) {
  return memo(`add:${digits}:${train}:${test}:${seed}`, () => {
    const ds = digits === 3 ? addition3Digit({ seed, train, test }) : additionChunked({ digits, chunkWidth: 3, base: 10, seed, train, test });
    const vocab = new Map([['<pad>', 0]]);
    const numberTokens = digits === 3 ? Array.from({ length: 1000 }, (_, n) => String(n)) : Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
    for (const t of numberTokens) vocab.set(t, vocab.size);
    const idOf = (t) => { if (!vocab.has(t)) vocab.set(t, vocab.size); return vocab.get(t); };
    const encode = (ex) => ex.tokens.map(idOf);
    const seqLen = ds.train[0].tokens.length;
    const pack = (examples) => {
      const data = new Int32Array(examples.length * seqLen);
      const mask = new Uint8Array(examples.length * seqLen);
      examples.forEach((ex, e) => {
        encode(ex).forEach((id, i) => { data[e * seqLen + i] = id; if (i >= ex.answerStart) mask[e * seqLen + i] = 1; });
      });
      const real = mask.reduce((a, v) => a + v, 0);
      return { data, mask, sequences: examples.length, seqLen, realTokens: real, padTokens: mask.length - real, answerStart: ds.train[0].answerStart };
    };
    const trainPacked = pack(ds.train);
    const testPacked = pack(ds.test);
    return { train: trainPacked, test: testPacked, vocabSize: vocab.size, numberIds: numberTokens.map((t) => vocab.get(t)!), format: ds.format ?? { digits } };
  });
}
