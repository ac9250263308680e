#!/usr/bin/env node
// The token-frequency baseline of the study (paper §3.6): the 1-D signal "how often does number
// token n occur" over n = 0..999 — no model at all. Its Fourier spectrum, Φ_T, Fisher λ_max and
// mod-T probes, for the bundled real corpus and the synthetic corpus.
// Usage: node run.mjs [--out DIR] [--tokenizer llama3|word] [--synth-tokens 1000000] [--cache DIR]
// (run `pnpm build` first; the real corpus is tokenized once and cached, ~70 s with llama3)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildBundledCorpus, corpusStats, numberTokenHistogram, readBundledDocuments, readShard, synthCorpus } from '@numfeat/data-gen';
import { WordTokenizer, llama3Tokenizer, wholeNumbers } from '@numfeat/tokenizers';
import { dominantPeriods, fourierPowers, signalSpectrum } from '@numfeat/fourier';
import { fisherDiscriminant, probeModuli, residueLabels } from '@numfeat/probes';
import { barChart, lineChart, writeFigure } from '@numfeat/plot';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: resolve(here, '../../results/token-frequency') },
    cache: { type: 'string', default: resolve(here, '../../.cache/corpus') },
    tokenizer: { type: 'string', default: 'llama3' },
    'synth-tokens': { type: 'string', default: '1000000' },
  },
});

// 1. A tokenizer whose number tokens are the canonical spellings "0".."999" (padded "007" is not 7).
const tokenizer =
  args.tokenizer === 'word'
    ? WordTokenizer.train((function* () { for (const d of readBundledDocuments()) yield d.text; })(), { vocabSize: 16000, numberPolicy: wholeNumbers({ max: 999 }) })
    : await llama3Tokenizer();
const numberValue = (id) => {
  const p = tokenizer.numberPiece(id);
  return p && !p.padded && !p.leadingSpace ? p.value : undefined;
};

// 2. The two corpora as token streams (typed arrays, never one big string).
const t0 = performance.now();
const corpus = await buildBundledCorpus({ cacheDir: args.cache, tokenizer });
const real = concat(corpus.shards.map(readShard));
console.log(`real corpus: ${corpus.manifest.documents} documents, ${corpus.manifest.tokens} tokens, ${corpus.manifest.numberTokens} number tokens` +
  ` (${corpus.reused ? 'cached' : `tokenized at ${Math.round(corpus.manifest.tokensPerSecond)} tok/s`}, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
const synthParts = [];
for (const doc of synthCorpus({ seed: 0, tokens: Number(args['synth-tokens']) })) synthParts.push(Uint32Array.from(tokenizer.encode(doc)));
const synth = concat(synthParts);

// 3. The signal and what each measurement says about it.
const Ts = [2, 3, 4, 5, 6, 7, 8, 9, 10];
const results = {};
for (const [name, ids] of [['real', real], ['synthetic', synth]]) {
  const stats = corpusStats(ids, { numberValue });
  const hist = numberTokenHistogram(ids, { numberValue, N: 1000 });
  results[name] = { stats, variants: {} };
  for (const variant of ['raw', 'log1p']) {
    const x = Array.from(hist[variant]);
    const E = x.map((v) => [v]); // the signal as an N × 1 "embedding"
    const s = signalSpectrum(x);
    const probes = probeModuli(E, Ts);
    const fisher10 = fisherDiscriminant(E, residueLabels(1000, 10));
    results[name].variants[variant] = {
      phi: fourierPowers(E, [2, 5, 10]),
      peaks: dominantPeriods(s, { top: 5 }),
      normalizedAt: Object.fromEntries([2, 5, 10].map((T) => [T, s.normalized[1000 / T]])),
      kappa: Object.fromEntries(Ts.map((T) => [T, probes[T].kappa])),
      kappaStd: Object.fromEntries(Ts.map((T) => [T, probes[T].kappaStd])),
      lambdaMax10: fisher10.lambdaMax,
      spectrum: { nu: s.nu, normalized: s.normalized },
      protocol: probes[10].protocol,
    };
    const v = results[name].variants[variant];
    console.log(`${name.padEnd(9)} ${variant.padEnd(5)} Φ_2=${v.phi[2].toPrecision(4)} Φ_5=${v.phi[5].toPrecision(4)} Φ_10=${v.phi[10].toPrecision(4)}` +
      ` | ‖F‖/median at T=10,5,2: ${[10, 5, 2].map((T) => v.normalizedAt[T].toFixed(1)).join(', ')}` +
      ` | κ_2=${v.kappa[2].toFixed(1)} κ_5=${v.kappa[5].toFixed(1)} κ_10=${v.kappa[10].toFixed(1)} | λ_max(T=10)=${v.lambdaMax10.toFixed(4)}`);
  }
  console.log(`${name.padEnd(9)} tokens=${stats.tokens} numberTokens=${stats.numberTokens} distinct=${stats.distinctNumbers} round ratio=${stats.roundShare.toFixed(2)} min count=${stats.minCount}`);
  results[name].histogram = Array.from(hist.raw);
}

// 4. Figures: SVG + PNG + the data as JSON.
const out = resolve(args.out);
const n = Array.from({ length: 1000 }, (_, i) => i);
await writeFigure(join(out, 'histogram'), lineChart({
  title: 'Number-token frequency', x: { label: 'number n' }, y: { label: 'log(1 + count)' },
  series: ['real', 'synthetic'].map((k) => ({ name: k, x: n, y: results[k].histogram.map((c) => Math.log1p(c)) })),
}), { n, real: results.real.histogram, synthetic: results.synthetic.histogram });
const spec = (k) => results[k].variants.log1p.spectrum;
await writeFigure(join(out, 'spectrum'), lineChart({
  title: 'Fourier spectrum of the log-frequency signal', x: { label: 'Fourier frequency ν', domain: [0, 0.5] }, y: { label: '‖F_ν‖ / median (log scale)', scale: 'log' },
  // ν = 0 (the mean) is left out: it dwarfs every other frequency.
  series: ['real', 'synthetic'].map((k) => ({ name: k, x: spec(k).nu.slice(1), y: spec(k).normalized.slice(1) })),
  markers: [10, 5, 2].map((T) => ({ x: 1 / T, label: `T=${T}` })),
}), { real: spec('real'), synthetic: spec('synthetic') });
await writeFigure(join(out, 'kappa'), barChart({
  title: 'Probe on the 1-D log-frequency signal', categories: Ts.map(String), x: { label: 'modulus T' }, y: { label: "Cohen's κ (%)" },
  series: ['real', 'synthetic'].map((k) => ({ name: k, values: Ts.map((T) => results[k].variants.log1p.kappa[T]) })),
}), Object.fromEntries(['real', 'synthetic'].map((k) => [k, results[k].variants.log1p.kappa])));
const summary = {
  tokenizer: tokenizer.name,
  corpus: { documents: corpus.manifest.documents, chars: corpus.manifest.chars, tokens: corpus.manifest.tokens, tokensPerSecond: corpus.manifest.tokensPerSecond },
  ...Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { stats: r.stats, variants: Object.fromEntries(Object.entries(r.variants).map(([vk, v]) => [vk, { ...v, spectrum: undefined }])) }])),
};
await writeFigure(join(out, 'summary'), barChart({
  title: 'Φ_10 of the log-frequency signal', categories: ['real', 'synthetic'], y: { label: 'Φ_10' },
  series: [{ name: 'Φ_10', values: ['real', 'synthetic'].map((k) => results[k].variants.log1p.phi[10]) }],
}), summary);
console.log(`figures and data written to ${out}`);

function concat(parts) {
  const total = parts.reduce((a, p) => a + p.length, 0);
  const outIds = new Uint32Array(total);
  let at = 0;
  for (const p of parts) {
    outIds.set(p, at);
    at += p.length;
  }
  return outIds;
}
