import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { createRng } from '@numfeat/data-gen';
import { trainWord2vec, type Word2vecOptions } from './word2vec.js';
import { buildAliasTable } from './alias-table.js';

const V = 62;
const CLUSTERS = 6;
const PER = 10;
const clusterOf = (t: number) => Math.floor((t - 2) / PER);

/**
 * Topic stream: segments of 12 tokens drawn from one of 6 clusters (ids 2..61, 10 per cluster);
 * in 70% of cluster-0 segments the pair "0 1" appears side by side. So 0 and 1 always co-occur
 * (and share cluster-0 contexts), while tokens of different clusters never share contexts.
 * (A pair that co-occurs with RANDOM contexts does not become similar in SGNS input space —
 * gensim agrees: it learns cos ≈ −0.1 there.)
 */
function pairedStream(n: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const out: number[] = [];
  while (out.length < n) {
    const c = rng.int(CLUSTERS);
    const at = c === 0 && rng.chance(0.7) ? rng.int(12) : -1;
    for (let k = 0; k < 12; k++) {
      if (k === at) out.push(0, 1);
      out.push(2 + c * PER + rng.int(PER));
    }
  }
  return Int32Array.from(out.slice(0, n));
}

function cosine(e: Float32Array, d: number, a: number, b: number): number {
  let ab = 0, aa = 0, bb = 0;
  for (let j = 0; j < d; j++) {
    ab += e[a * d + j] * e[b * d + j];
    aa += e[a * d + j] ** 2;
    bb += e[b * d + j] ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

/** cos(0, 1) and the mean cosine over pairs of tokens from different clusters. */
function similarity(e: Float32Array, d: number): { pair: number; random: number } {
  let sum = 0, n = 0;
  for (let a = 2; a < V; a++) for (let b = a + 1; b < V; b++) {
    if (clusterOf(a) === clusterOf(b)) continue;
    sum += cosine(e, d, a, b);
    n++;
  }
  return { pair: cosine(e, d, 0, 1), random: sum / n };
}

const stream = pairedStream(6000, 3);
const base: Word2vecOptions = { vocabSize: V, dims: 16, window: 2, negative: 5, epochs: 5, sample: 0, seed: 11 };

describe('trainWord2vec', () => {
  for (const [name, extra] of [
    ['skip-gram, SIMD', {}],
    ['skip-gram, plain loops', { simd: false }],
    ['CBOW', { mode: 'cbow' }],
  ] as const) {
    it(`${name}: always co-occurring tokens end up far more similar than random pairs`, async () => {
      const r = await trainWord2vec(stream, { ...base, ...extra });
      const s = similarity(r.embeddings, r.dims);
      expect(s.pair).toBeGreaterThan(0.9);
      expect(s.pair - s.random).toBeGreaterThan(0.4);
      expect(r.embeddings.length).toBe(V * 16);
      expect(r.wordsPerSecond).toBeGreaterThan(0);
    });
  }

  it('uses the SIMD kernels when dims % 4 === 0 and falls back otherwise', async () => {
    expect((await trainWord2vec(stream, { ...base, epochs: 1 })).simd).toBe(true);
    expect((await trainWord2vec(stream, { ...base, epochs: 1, dims: 10 })).simd).toBe(false);
  });

  it('is deterministic for a seed with one worker, and the seed matters', async () => {
    const a = await trainWord2vec(stream, { ...base, epochs: 1, sample: 1e-2 });
    const b = await trainWord2vec(stream, { ...base, epochs: 1, sample: 1e-2 });
    const c = await trainWord2vec(stream, { ...base, epochs: 1, sample: 1e-2, seed: 12 });
    expect(Array.from(a.embeddings)).toEqual(Array.from(b.embeddings));
    expect(Array.from(a.embeddings)).not.toEqual(Array.from(c.embeddings));
  });

  it('the SIMD and plain kernels run the same algorithm (same draws, rounding-level differences)', async () => {
    const opts = { ...base, epochs: 1, sample: 1e-2, alpha: 0.01 };
    const a = await trainWord2vec(stream, opts);
    const b = await trainWord2vec(stream, { ...opts, simd: false });
    expect(a.pairsPerEpoch).toEqual(b.pairsPerEpoch);
    let maxDiff = 0, maxAbs = 0;
    for (let i = 0; i < a.embeddings.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a.embeddings[i] - b.embeddings[i]));
      maxAbs = Math.max(maxAbs, Math.abs(a.embeddings[i]));
    }
    expect(maxDiff).toBeLessThan(1e-4 * Math.max(1, maxAbs));
  });

  it('the negative-sampling loss decreases over epochs (both modes)', async () => {
    for (const mode of ['skipgram', 'cbow'] as const) {
      const r = await trainWord2vec(stream, { ...base, mode, epochs: 5, computeLoss: true });
      const loss = r.lossPerEpoch!;
      expect(loss).toHaveLength(5);
      expect(loss[4]).toBeLessThan(loss[0] * 0.9);
      // Starts near ln 2 per term: untrained vectors give σ(f) ≈ 1/2.
      expect(loss[0]).toBeLessThan(Math.LN2 * 1.05);
    }
  });

  it('counts pairs as word2vec.c does: Σ over words of 2·(window − b) neighbours, no sentence crossing', async () => {
    // window 1 ⇒ b = 0 always ⇒ every word pairs with both neighbours inside its sentence.
    const ids = Int32Array.from({ length: 100 }, (_, i) => i % 7);
    const r = await trainWord2vec(ids, { vocabSize: 7, dims: 4, window: 1, sample: 0, sentenceLength: 30 });
    // sentences of 30, 30, 30, 10 tokens: 2·(len − 1) pairs each.
    expect(r.pairsPerEpoch[0]).toBe(2 * (29 + 29 + 29 + 9));
  });

  it('drops words below minCount: they keep their initial vectors', async () => {
    const without61 = stream.map((t) => (t === 61 ? 60 : t));
    const ids = without61.slice();
    ids[100] = 61; // id 61 occurs once
    const a = await trainWord2vec(ids, { ...base, epochs: 1, minCount: 2 });
    const b = await trainWord2vec(without61, { ...base, epochs: 1, alpha: 0.1 }); // 61 never occurs
    expect(a.trainedWords).toBe(V - 1);
    expect(a.counts[61]).toBe(1);
    const row = (e: Float32Array, w: number) => Array.from(e.slice(w * 16, w * 16 + 16));
    expect(row(a.embeddings, 61)).toEqual(row(b.embeddings, 61)); // untouched initial vector
    expect(row(a.embeddings, 60)).not.toEqual(row(b.embeddings, 60));
  });

  it('trains with worker threads on shared memory (Hogwild; nondeterministic by design)', async () => {
    const r = await trainWord2vec(stream, { ...base, workers: 2, sentenceLength: 1000 });
    expect(r.workers).toBe(2);
    const s = similarity(r.embeddings, r.dims);
    expect(s.pair - s.random).toBeGreaterThan(0.4);
    const plain = await trainWord2vec(stream, { ...base, workers: 2, sentenceLength: 1000, simd: false });
    expect(similarity(plain.embeddings, plain.dims).pair).toBeGreaterThan(0.9);
  });

  it('rejects bad input with a NumfeatError that says how to fix it', async () => {
    const expectError = async (p: Promise<unknown>, code: string, fix: RegExp) => {
      const e = await p.then(() => null, (x: unknown) => x);
      expect(isNumfeatError(e, code as never)).toBe(true);
      expect((e as Error).message).toMatch(fix);
    };
    await expectError(trainWord2vec(stream, { ...base, vocabSize: 10, dims: 4 }), 'BAD_RANGE', /vocabSize ≥ 62/);
    await expectError(trainWord2vec(stream, { ...base, window: 0 }), 'BAD_RANGE', /window/);
    await expectError(trainWord2vec(stream, { ...base, dims: 62 }), 'BAD_RANGE', /dims < 62/);
    await expectError(trainWord2vec(Int32Array.from([1, -2, 3]), { ...base }), 'BAD_RANGE', /non-negative/);
    await expectError(trainWord2vec(stream, { ...base, mode: 'glove' as never }), 'BAD_ARGUMENT', /skipgram/);
    await expectError(trainWord2vec(stream, { ...base, minCount: 10 ** 6 }), 'EMPTY_INPUT', /minCount/);
  });
});

describe('buildAliasTable', () => {
  it('samples each word with probability ∝ its weight', () => {
    const words = Int32Array.from([5, 9, 2, 7]);
    const weights = Float64Array.from([1, 2, 3, 10]);
    const t = buildAliasTable(words, weights);
    const rng = createRng(1);
    const hits = new Map<number, number>();
    const draws = 200_000;
    for (let i = 0; i < draws; i++) {
      const u = rng.next() * t.prob.length;
      const b = Math.floor(u);
      const w = u - b < t.prob[b] ? t.bucketWord[b] : t.alias[b];
      hits.set(w, (hits.get(w) ?? 0) + 1);
    }
    words.forEach((w, i) => {
      const p = weights[i] / 16;
      const sd = Math.sqrt((p * (1 - p)) / draws);
      expect(Math.abs(hits.get(w)! / draws - p)).toBeLessThan(5 * sd);
    });
  });
});
