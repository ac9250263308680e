// Token streams for the study's runs: the synthetic corpus (default) or the bundled real corpus,
// tokenized by a WordTokenizer whose number tokens are the whole numbers "0".."999", then perturbed
// and packed into fixed-length sequences with a per-token loss weight. Cached per worker process.
import { contextLength, isolate, numberTokenHistogram, readBundledDocuments, swapNumbers, synthCorpus, unigramReplace, additionChunked, addition3Digit } from '@numfeat/data-gen';
import { WordTokenizer, wholeNumbers } from '@numfeat/tokenizers';

const cache = new Map();
const memo = (key, make) => { if (!cache.has(key)) cache.set(key, make()); return cache.get(key); };

/** Documents of a corpus: synthetic (seeded, optional family weights) or the bundled real corpus. */
function documents(corpus) {
  if (corpus.source === 'synthetic') return [...synthCorpus({ seed: corpus.dataSeed ?? 0, tokens: corpus.tokens, ...(corpus.families ? { families: corpus.families } : {}) })];
  if (corpus.source === 'bundled') {
    // The first documents of the bundled corpus up to ~tokens approximate tokens (≈ 4.5 chars each).
    const out = [];
    let chars = 0;
    for (const d of readBundledDocuments()) { out.push(d.text); chars += d.text.length; if (chars > corpus.tokens * 4.5) break; }
    return out;
  }
  throw new Error(`unknown corpus source '${corpus.source}' (use synthetic or bundled)`);
}

/** The tokenized corpus: { tokenizer, ids: Uint32Array, numberIds: number[1000], isNumber }. */
export function tokenizedCorpus(corpus) {
  const key = JSON.stringify(corpus);
  return memo(`corpus:${key}`, () => {
    const docs = documents(corpus);
    const tokenizer = WordTokenizer.train(docs, { vocabSize: corpus.vocabSize ?? 4000, numberPolicy: wholeNumbers({ max: 999 }) });
    const parts = docs.map((d) => tokenizer.encode(d));
    const ids = new Uint32Array(parts.reduce((a, p) => a + p.length, 0));
    let at = 0;
    for (const p of parts) { ids.set(p, at); at += p.length; }
    const numberIds = Array.from({ length: 1000 }, (_, n) => tokenizer.tokenToId(String(n)));
    if (numberIds.some((x) => x === undefined)) throw new Error('the tokenizer lacks some number tokens 0..999: raise corpus.vocabSize');
    const numberSet = new Set(numberIds);
    const valueOf = new Map(numberIds.map((id, n) => [id, n]));
    return { tokenizer, ids, numberIds, isNumber: (id) => numberSet.has(id), numberValue: (id) => valueOf.get(id), vocabSize: tokenizer.vocabSize };
  });
}

/** Parses a perturbation name: none | swap | unigram | ctx-<ℓ> | isolate-<k>. */
export function parsePerturbation(name) {
  const m = /^(none|swap|unigram|ctx-(\d+)|isolate-(\d+))$/.exec(name);
  if (!m) throw new Error(`unknown perturbation '${name}' (use none, swap, unigram, ctx-<l>, isolate-<k>)`);
  if (m[2]) return { kind: 'ctx', contextLength: Number(m[2]) };
  if (m[3]) return { kind: 'isolate', k: Number(m[3]) };
  return { kind: m[1] };
}

/**
 * Packed training sequences for an LM run (data-gen's PackedSequences: data, mask, sequences,
 * seqLen, realTokens, padTokens) plus vocabSize and numberIds. seqLen = context + 1 (inputs are the
 * first `context` tokens, targets the next ones); mask 0 marks Isolate-k's padding.
 */
export function packedSequences(corpus, perturbation, context, seed) {
  const c = tokenizedCorpus(corpus);
  const p = parsePerturbation(perturbation);
  let ids = c.ids;
  if (p.kind === 'swap') ids = swapNumbers(ids, { isNumber: c.isNumber, seed });
  if (p.kind === 'unigram') ids = unigramReplace(ids, { isNumber: c.isNumber, seed });
  const padId = c.tokenizer.tokenToId('<pad>') ?? 0;
  const packed = p.kind === 'isolate'
    ? isolate(ids, { k: p.k, seqLen: context + 1, padId, isNumber: c.isNumber, seed })
    : contextLength(ids, { seqLen: (p.kind === 'ctx' ? p.contextLength : context) + 1 });
  return { ...packed, vocabSize: c.vocabSize, numberIds: c.numberIds };
}

/** The number-token frequency signal (log1p counts) of a corpus — the paper's "Token Dist." */
export function tokenFrequencySignal(corpus) {
  const c = tokenizedCorpus(corpus);
  const h = numberTokenHistogram(c.ids, { numberValue: c.numberValue, N: 1000 });
  return Array.from(h.log1p);
}

/** The raw token stream and tokenizer facts, for word2vec / PPMI. */
export function tokenStream(corpus) {
  const c = tokenizedCorpus(corpus);
  return { ids: c.ids, vocabSize: c.vocabSize, numberIds: c.numberIds };
}

/**
 * An addition task as packed sequences whose mask keeps only the answer tokens (answer-only loss),
 * plus the number rows.
 * digits 9: three chunk tokens "000".."999" per operand (multi-token, mod 1000 per position);
 * digits 3: single tokens "0".."999" with a + b ≤ 999.
 */
export function additionTask({ digits, train, test, seed }) {
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
    return { train: trainPacked, test: testPacked, vocabSize: vocab.size, numberIds: numberTokens.map((t) => vocab.get(t)), format: ds.format ?? { digits } };
  });
}
