#!/usr/bin/env node
// Classical baselines vs their usual Python peers, in the same run, on the same token streams:
//  1. word2vec words/s vs gensim (Word2Vec, corpus_file mode) with the same workers (1 and 2),
//     window 5, 5 negatives, 100 dims, sample 1e-3, min count 1, alpha 0.025 → 2.5e-6, 1 epoch;
//     skip-gram at 1 and 2 workers, CBOW at 1. Stream: the @numfeat/data-gen synthetic corpus
//     tokenized with a WordTokenizer (whole numbers 0..999), written to a temp file both read.
//     Agreement: Pearson r of the pairwise cosines of the 200 most frequent tokens, ours vs gensim
//     (1 worker), next to gensim 1 worker vs gensim 2 workers (the run-to-run level).
//  2. PPMI + randomized SVD (100 dims, window 5, cds 0.75, 10 oversamples, 4 power iterations) on
//     the bundled real corpus (buildBundledCorpus, Llama-3 tokens compacted to the ids that occur)
//     vs NumPy/SciPy counts + sklearn.utils.extmath.randomized_svd (same oversampling/iterations).
// Wall clock; ours = the whole trainWord2vec/trainPpmi call; gensim = model.train() only (vocab
// building not counted). Peak RSS of each process. Run after building:
//   pnpm --filter @numfeat/models build && node packages/models/bench/classic.bench.mjs [--tokens 2000000] [--skip-ppmi] [--skip-w2v]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { trainPpmi, trainWord2vec } from '@numfeat/models';
import { buildBundledCorpus, readShard, synthCorpus } from '@numfeat/data-gen';
import { WordTokenizer, llama3Tokenizer, wholeNumbers } from '@numfeat/tokenizers';

const { values: args } = parseArgs({
  options: {
    tokens: { type: 'string', default: '2000000' },
    'skip-ppmi': { type: 'boolean', default: false },
    'skip-w2v': { type: 'boolean', default: false },
  },
});
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'numfeat-classic-'));
const PY = '/usr/bin/python3';
const rssMB = () => process.resourceUsage().maxRSS / 1024;
const out = { machine: { cpus: cpus().length, loadavg: loadavg().map((x) => +x.toFixed(2)) } };

function python(script, argv) {
  try {
    const text = execFileSync(PY, ['-c', script, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(text.trim().split('\n').pop());
  } catch (e) {
    return { error: String(e.stderr || e.message).trim().split('\n').slice(-3).join(' ') };
  }
}

const GENSIM = String.raw`
import json, sys, time, resource, numpy as np
from gensim.models import Word2Vec
path, workers, sg, V, vec_out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
m = Word2Vec(vector_size=100, window=5, negative=5, hs=0, sample=1e-3, min_count=1, alpha=0.025,
             min_alpha=2.5e-6, sg=sg, workers=workers, seed=0, epochs=1)
t = time.time(); m.build_vocab(corpus_file=path); vocab_s = time.time() - t
t = time.time()
m.train(corpus_file=path, total_words=m.corpus_total_words, total_examples=m.corpus_count, epochs=1)
train_s = time.time() - t
E = np.zeros((V, 100), dtype=np.float32)
for w, i in m.wv.key_to_index.items(): E[int(w)] = m.wv.vectors[i]
E.tofile(vec_out)
print(json.dumps({'trainSeconds': train_s, 'vocabSeconds': vocab_s, 'words': m.corpus_total_words,
                  'peakRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

const PPMI_PEER = String.raw`
import json, sys, time, resource, numpy as np, scipy.sparse as sp
from sklearn.utils.extmath import randomized_svd
ids = np.fromfile(sys.argv[1], dtype=np.int32); V = int(sys.argv[2]); W = 5
t0 = time.time()
r = np.concatenate([ids[:-k] for k in range(1, W + 1)]); c = np.concatenate([ids[k:] for k in range(1, W + 1)])
C = sp.coo_matrix((np.ones(len(r)), (r, c)), shape=(V, V)).tocsr(); C = (C + C.T).tocsr()
t1 = time.time()
row = np.asarray(C.sum(1)).ravel(); colp = np.asarray(C.sum(0)).ravel() ** 0.75; Z = colp.sum()
C = C.tocoo(); pmi = np.log(C.data) + np.log(Z) - np.log(row[C.row]) - np.log(colp[C.col]); keep = pmi > 0
P = sp.csr_matrix((pmi[keep], (C.row[keep], C.col[keep])), shape=(V, V))
t2 = time.time()
U, S, VT = randomized_svd(P, 100, n_oversamples=10, n_iter=4, random_state=0)
t3 = time.time()
print(json.dumps({'seconds': t3 - t0, 'count': t1 - t0, 'ppmi': t2 - t1, 'svd': t3 - t2, 'nnz': int(P.nnz),
                  's': S[:10].tolist(), 'peakRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

// ---------------------------------------------------------------- PPMI (first: cleanest RSS)
if (!args['skip-ppmi']) {
  const tokenizer = await llama3Tokenizer();
  const corpus = await buildBundledCorpus({ cacheDir: join(repoRoot, '.cache/corpus'), tokenizer });
  const raw = new Uint32Array(corpus.manifest.tokens);
  let at = 0;
  for (const s of corpus.shards) {
    const part = readShard(s);
    raw.set(part, at);
    at += part.length;
  }
  // Compact the 128k Llama-3 vocabulary to the ids that occur (first-occurrence order).
  const remap = new Map();
  const ids = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    let v = remap.get(raw[i]);
    if (v === undefined) remap.set(raw[i], (v = remap.size));
    ids[i] = v;
  }
  const V = remap.size;
  const idsPath = join(tmp, 'bundled.i32');
  writeFileSync(idsPath, new Uint8Array(ids.buffer));
  const rssBefore = rssMB();
  const t0 = performance.now();
  const r = trainPpmi(ids, { vocabSize: V, dims: 100, window: 5, cdsAlpha: 0.75, oversample: 10, powerIterations: 4, seed: 0 });
  const seconds = (performance.now() - t0) / 1000;
  const peer = python(PPMI_PEER, [idsPath, String(V)]);
  const svRelDiff = peer.s ? Math.max(...peer.s.map((s, j) => Math.abs(r.singularValues[j] - s) / s)) : null;
  out.ppmi = {
    corpus: `bundled (${corpus.manifest.sources.map((s) => s.name).join('+')}), Llama-3 tokens compacted`,
    tokens: ids.length,
    vocab: V,
    cooccurrenceNnz: r.cooccurrenceNnz,
    ppmiNnz: r.ppmiNnz,
    oursSeconds: seconds,
    oursBreakdown: r.seconds,
    oursPeakRssMB: rssMB(),
    oursRssBeforeMB: rssBefore,
    peerSeconds: peer.seconds ?? null,
    peerBreakdown: peer.error ? peer.error : { count: peer.count, ppmi: peer.ppmi, svd: peer.svd },
    peerPpmiNnz: peer.nnz ?? null,
    peerPeakRssMB: peer.peakRssMB ?? null,
    ratioTime: peer.seconds ? seconds / peer.seconds : null,
    top10SingularValueMaxRelDiff: svRelDiff,
  };
  console.log('\nPPMI + randomized SVD, d = 100, window 5 —', out.ppmi.corpus);
  console.log(`  ${ids.length} tokens, V = ${V}, co-occurrence nnz ${r.cooccurrenceNnz}, PPMI nnz ${r.ppmiNnz} (peer ${peer.nnz ?? '—'})`);
  console.log(`  ours   ${seconds.toFixed(1)} s (count ${r.seconds.count.toFixed(1)}, ppmi ${r.seconds.ppmi.toFixed(1)}, svd ${r.seconds.svd.toFixed(1)}), peak RSS ${rssMB().toFixed(0)} MB`);
  if (peer.error) console.log(`  peer   unavailable: ${peer.error}`);
  else {
    console.log(`  numpy/scipy/sklearn ${peer.seconds.toFixed(1)} s (count ${peer.count.toFixed(1)}, ppmi ${peer.ppmi.toFixed(1)}, svd ${peer.svd.toFixed(1)}), peak RSS ${peer.peakRssMB.toFixed(0)} MB`);
    console.log(`  ratio ours/peer time ${(seconds / peer.seconds).toFixed(2)}; top-10 singular values max rel diff ${svRelDiff.toExponential(2)}`);
  }
}

// ---------------------------------------------------------------- word2vec
function pairwiseCosines(E, rows) {
  const d = 100;
  const norm = rows.map((w) => Math.hypot(...E.subarray(w * d, w * d + d)) || 1);
  const out = [];
  for (let a = 0; a < rows.length; a++) {
    for (let b = a + 1; b < rows.length; b++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += E[rows[a] * d + j] * E[rows[b] * d + j];
      out.push(s / (norm[a] * norm[b]));
    }
  }
  return out;
}
function pearson(x, y) {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

if (!args['skip-w2v']) {
  const budget = Number(args.tokens);
  const docs = [...synthCorpus({ seed: 0, tokens: budget })];
  const tok = WordTokenizer.train(docs, { vocabSize: 20000, numberPolicy: wholeNumbers({ max: 999 }) });
  const all = [];
  for (const d of docs) for (const id of tok.encode(d)) all.push(id);
  const streamIds = Int32Array.from(all.slice(0, budget));
  const V = tok.vocabSize;
  // The shared file: 10 000 tokens per line (gensim's sentence cap; ours: sentenceLength 10 000).
  const lines = [];
  for (let i = 0; i < streamIds.length; i += 10_000) lines.push(Array.from(streamIds.subarray(i, i + 10_000)).join(' '));
  const streamPath = join(tmp, 'stream.txt');
  writeFileSync(streamPath, lines.join('\n') + '\n');
  // Ours reads the same file back (parsing is not timed).
  const ids = Int32Array.from(readFileSync(streamPath, 'utf8').split(/\s+/).filter(Boolean).map(Number));

  const counts = new Float64Array(V);
  for (const t of ids) counts[t]++;
  const frequent = Array.from({ length: V }, (_, i) => i).sort((a, b) => counts[b] - counts[a]).slice(0, 200);

  const runs = [];
  const vectors = {};
  for (const [mode, workers] of [['skipgram', 1], ['skipgram', 2], ['cbow', 1]]) {
    const t0 = performance.now();
    const r = await trainWord2vec(ids, { vocabSize: V, dims: 100, window: 5, negative: 5, epochs: 1, alpha: 0.025, sample: 1e-3, minCount: 1, mode, workers, seed: 0, sentenceLength: 10_000 });
    const ours = ids.length / ((performance.now() - t0) / 1000);
    const vecPath = join(tmp, `gensim-${mode}-${workers}.f32`);
    const g = python(GENSIM, [streamPath, String(workers), mode === 'skipgram' ? '1' : '0', String(V), vecPath]);
    const gensim = g.trainSeconds ? ids.length / g.trainSeconds : null;
    vectors[`${mode}-${workers}`] = { ours: r.embeddings, gensim: g.error ? null : new Float32Array(readFileSync(vecPath).buffer.slice(0)) };
    runs.push({ mode, workers, simd: r.simd, oursWordsPerSecond: ours, gensimWordsPerSecond: gensim, ratio: gensim ? ours / gensim : null, gensimPeakRssMB: g.peakRssMB ?? null, gensimError: g.error });
  }
  const sg1 = vectors['skipgram-1'];
  const sg2 = vectors['skipgram-2'];
  const agreement = sg1.gensim && sg2.gensim
    ? {
        oursVsGensim: pearson(pairwiseCosines(sg1.ours, frequent), pairwiseCosines(sg1.gensim, frequent)),
        gensim1VsGensim2Workers: pearson(pairwiseCosines(sg1.gensim, frequent), pairwiseCosines(sg2.gensim, frequent)),
        ours1VsOurs2Workers: pearson(pairwiseCosines(sg1.ours, frequent), pairwiseCosines(sg2.ours, frequent)),
      }
    : null;
  out.word2vec = { stream: 'synthCorpus(seed 0) + WordTokenizer (whole numbers 0..999)', tokens: ids.length, vocab: V, dims: 100, window: 5, negative: 5, runs, agreementTop200: agreement, oursPeakRssMB: rssMB() };

  console.log(`\nword2vec, ${ids.length} tokens, V = ${V}, d 100, window 5, 5 negatives, 1 epoch`);
  console.log('  mode      workers  ours words/s  gensim words/s  ratio');
  for (const r of runs) {
    console.log(`  ${r.mode.padEnd(9)} ${String(r.workers).padStart(7)} ${Math.round(r.oursWordsPerSecond).toString().padStart(13)} ${(r.gensimWordsPerSecond ? Math.round(r.gensimWordsPerSecond).toString() : '—').padStart(15)}  ${r.ratio ? r.ratio.toFixed(2) : (r.gensimError ?? '')}`);
  }
  if (agreement) {
    console.log(`  pairwise-cosine agreement (top 200 tokens, skip-gram): ours vs gensim r = ${agreement.oursVsGensim.toFixed(3)};` +
      ` gensim 1 vs 2 workers r = ${agreement.gensim1VsGensim2Workers.toFixed(3)}; ours 1 vs 2 workers r = ${agreement.ours1VsOurs2Workers.toFixed(3)}`);
  }
}

rmSync(tmp, { recursive: true, force: true });
out.machine.loadavgEnd = loadavg().map((x) => +x.toFixed(2));
console.log(`\nmachine: ${out.machine.cpus} CPUs, load average ${out.machine.loadavg.join(' ')} → ${out.machine.loadavgEnd.join(' ')}`);
console.log('BENCH_JSON ' + JSON.stringify(out));
