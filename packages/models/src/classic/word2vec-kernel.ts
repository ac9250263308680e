/**
 * The word2vec training loop (SGNS or CBOW with negative sampling), following word2vec.c.
 *
 * This function must stay SELF-CONTAINED: it references nothing outside its own body, because
 * `word2vec.ts` ships its source text (`word2vecKernel.toString()`) to worker threads. Every table
 * it needs arrives in `job`; with SharedArrayBuffer-backed `syn0`/`syn1` several workers update the
 * same weights without locks (Hogwild, as word2vec.c and gensim do).
 */
export interface Word2vecJob {
  /** The token stream (already validated: every id in [0, vocabSize)). */
  ids: Int32Array;
  /** This worker's slice of the stream, [start, end). */
  start: number;
  end: number;
  /** Input vectors [V·d] (the embeddings) and output vectors [V·d]. */
  syn0: Float32Array;
  syn1: Float32Array;
  /** Per word: probability of keeping an occurrence (subsampling); < 0 marks words below minCount. */
  keep: Float32Array;
  /** Alias table over the unigram^0.75 distribution: accept threshold and alias word per bucket. */
  aliasProb: Float64Array;
  aliasWord: Int32Array;
  aliasBucketWord: Int32Array;
  /** σ(x) tabulated on [-maxExp, maxExp] (word2vec.c's expTable). */
  expTable: Float32Array;
  maxExp: number;
  dims: number;
  window: number;
  negative: number;
  epochs: number;
  cbow: boolean;
  alpha: number;
  minAlpha: number;
  /** Words (min-count survivors, all workers, all epochs) that drive the linear alpha decay. */
  totalWords: number;
  /** Shared progress counter in units of `progressUnit` words (Atomics when shared). */
  progress: Int32Array;
  progressUnit: number;
  /** Input tokens per sentence; windows never cross a sentence boundary (gensim caps at 10 000). */
  sentenceLength: number;
  seed: number;
  computeLoss: boolean;
  /**
   * σ table index scale: EXP_TABLE_SIZE / maxExp / 2 (the table has EXP_TABLE_SIZE + 1 entries).
   * The wasm kernel hard-codes maxExp = 6 and EXP_TABLE_SIZE = 1000 (word2vec.c's values).
   */
  expScale: number;
  /**
   * The SIMD path: syn0/syn1/expTable live in `memory` at these byte offsets and the f32x4 kernels
   * of word2vec-simd.wat do the vector work; `scratch` is this worker's private area.
   */
  wasm?: {
    module: WebAssembly.Module;
    memory: WebAssembly.Memory;
    syn0: number;
    syn1: number;
    exp: number;
    scratch: number;
  };
}

export interface Word2vecJobResult {
  /** Per epoch: the summed negative-sampling loss of the scored terms (only with computeLoss). */
  loss: number[];
  /** Trained (target, context) examples per epoch. */
  pairs: number[];
  /** Words counted toward progress (after min-count filtering, before subsampling). */
  words: number;
}

export function word2vecKernel(job: Word2vecJob): Word2vecJobResult {
  const { ids, syn0, syn1, keep, aliasProb, aliasWord, aliasBucketWord, expTable, progress } = job;
  const d = job.dims;
  const computeLoss = job.computeLoss;
  const cbow = job.cbow;
  // SIMD path: wasm functions over the shared memory; the scratch views alias wasm memory.
  const wasm = job.wasm;
  let cbowStep: ((...a: number[]) => void) | null = null;
  let sgWord: ((...a: number[]) => void) | null = null;
  let tgtView = new Int32Array(0);
  let ctxView = new Int32Array(0);
  let ctxOff = 0;
  let foutView = new Float32Array(0);
  let neu1Off = 0, neu1eOff = 0, tgtOff = 0, foutOff = 0, syn0Off = 0, syn1Off = 0, expOff = 0;
  const rowBytes = d * 4;
  if (wasm) {
    const inst = new WebAssembly.Instance(wasm.module, { env: { mem: wasm.memory } });
    const ex = inst.exports as Record<string, (...a: number[]) => void>;
    cbowStep = ex.cbowStep;
    sgWord = ex.sgWord;
    const buf = wasm.memory.buffer;
    // Targets and dot products for up to 2·window contexts × (1 + negative), 16-byte aligned.
    const slot = (2 * job.window * (job.negative + 1) * 4 + 15) & ~15;
    neu1Off = wasm.scratch;
    neu1eOff = neu1Off + rowBytes;
    tgtOff = neu1eOff + rowBytes;
    foutOff = tgtOff + slot;
    ctxOff = foutOff + slot;
    ctxView = new Int32Array(buf, ctxOff, 2 * job.window);
    tgtView = new Int32Array(buf, tgtOff, 2 * job.window * (job.negative + 1));
    foutView = new Float32Array(buf, foutOff, 2 * job.window * (job.negative + 1));
    syn0Off = wasm.syn0;
    syn1Off = wasm.syn1;
    expOff = wasm.exp;
  }
  const window = job.window;
  const negative = job.negative;
  const maxExp = job.maxExp;
  const expScale = job.expScale;
  const buckets = aliasProb.length;
  const shared = typeof SharedArrayBuffer !== 'undefined' && progress.buffer instanceof SharedArrayBuffer;
  const neu1 = new Float32Array(d);
  const neu1e = new Float32Array(d);
  const sen = new Int32Array(job.sentenceLength);
  const loss: number[] = [];
  const pairs: number[] = [];
  // xorshift32: a few integer ops per draw, seeded per worker (never 0).
  let rnd = (job.seed ^ 0x9e3779b9) | 0 || 1;
  let alpha = job.alpha;
  let localWords = 0;
  let lastReport = 0;

  for (let epoch = 0; epoch < job.epochs; epoch++) {
    let epochLoss = 0;
    let epochPairs = 0;
    for (let s0 = job.start; s0 < job.end; s0 += job.sentenceLength) {
      const s1 = Math.min(job.end, s0 + job.sentenceLength);
      // Progress (all workers) before this sentence drives the learning rate within it.
      const doneBefore = (shared ? Atomics.load(progress, 0) : progress[0]) * job.progressUnit + (localWords - lastReport);
      const wordsBefore = localWords;
      // Build the sentence: drop words below minCount, subsample frequent ones.
      let n = 0;
      for (let i = s0; i < s1; i++) {
        const w = ids[i];
        const k = keep[w];
        if (k < 0) continue;
        localWords++;
        rnd ^= rnd << 13; rnd ^= rnd >>> 17; rnd ^= rnd << 5;
        if (k < 1 && k < (rnd >>> 0) * 2.3283064365386963e-10) continue;
        sen[n++] = w;
      }
      const sentenceWords = localWords - wordsBefore;
      // Publish progress in whole units (word2vec.c: every ~10k words; Atomics when shared).
      const units = Math.floor((localWords - lastReport) / job.progressUnit);
      if (units > 0) {
        if (shared) Atomics.add(progress, 0, units); else progress[0] += units;
        lastReport += units * job.progressUnit;
      }
      for (let pos = 0; pos < n; pos++) {
        if ((pos & 255) === 0) {
          // Linear decay alpha → minAlpha over all words of all epochs (gensim/word2vec.c).
          const frac = Math.min(1, (doneBefore + (sentenceWords * pos) / n) / (job.totalWords + 1));
          alpha = Math.max(job.minAlpha, job.alpha - (job.alpha - job.minAlpha) * frac);
        }
        const word = sen[pos];
        rnd ^= rnd << 13; rnd ^= rnd >>> 17; rnd ^= rnd << 5;
        const b = (rnd >>> 0) % window; // dynamic window: effective size window − b
        const lo = Math.max(0, pos - window + b);
        const hi = Math.min(n - 1, pos + window - b);
        if (sgWord !== null && !cbow) {
          // SIMD skip-gram: draw every context's negatives here (the plain path's order), then one
          // wasm call runs all pairs of this position; −1 marks a negative that hit `word`.
          const per = negative + 1;
          let nctx = 0;
          for (let c = lo; c <= hi; c++) {
            if (c === pos) continue;
            ctxView[nctx] = syn0Off + sen[c] * rowBytes;
            const base = nctx * per;
            tgtView[base] = word;
            for (let k = 1; k <= negative; k++) {
              rnd ^= rnd << 13; rnd ^= rnd >>> 17; rnd ^= rnd << 5;
              const u = (rnd >>> 0) * 2.3283064365386963e-10 * buckets;
              const bi = u | 0;
              const target = u - bi < aliasProb[bi] ? aliasBucketWord[bi] : aliasWord[bi];
              tgtView[base + k] = target === word ? -1 : target;
            }
            nctx++;
          }
          if (nctx === 0) continue;
          sgWord!(ctxOff, nctx, syn1Off, tgtOff, per, d, alpha, neu1eOff, expOff, foutOff);
          if (computeLoss) {
            for (let i = 0; i < nctx * per; i++) {
              if (tgtView[i] < 0) continue;
              const f = foutView[i];
              epochLoss -= Math.log(1 / (1 + Math.exp(i % per === 0 ? -f : f)) + 1e-30);
            }
          }
          epochPairs += nctx;
        } else if (cbowStep !== null) {
          // SIMD CBOW: the mean of the context rows predicts `word`; one wasm call per position.
          let cw = 0;
          for (let c = lo; c <= hi; c++) if (c !== pos) ctxView[cw++] = syn0Off + sen[c] * rowBytes;
          if (cw === 0) continue;
          tgtView[0] = word;
          let cnt = 1;
          for (let k = 1; k <= negative; k++) {
            rnd ^= rnd << 13; rnd ^= rnd >>> 17; rnd ^= rnd << 5;
            const u = (rnd >>> 0) * 2.3283064365386963e-10 * buckets;
            const bi = u | 0;
            const target = u - bi < aliasProb[bi] ? aliasBucketWord[bi] : aliasWord[bi];
            if (target !== word) tgtView[cnt++] = target;
          }
          cbowStep!(ctxOff, cw, neu1Off, syn1Off, tgtOff, cnt, d, alpha, neu1eOff, expOff, foutOff);
          if (computeLoss) {
            for (let k = 0; k < cnt; k++) {
              const f = foutView[k];
              epochLoss -= Math.log(1 / (1 + Math.exp(k === 0 ? -f : f)) + 1e-30);
            }
          }
          epochPairs++;
        } else if (cbow) {
          let cw = 0;
          neu1.fill(0);
          for (let c = lo; c <= hi; c++) {
            if (c === pos) continue;
            const l1 = sen[c] * d;
            for (let j = 0; j < d; j++) neu1[j] += syn0[l1 + j];
            cw++;
          }
          if (cw === 0) continue;
          const inv = 1 / cw;
          for (let j = 0; j < d; j++) neu1[j] *= inv;
          neu1e.fill(0);
          for (let k = 0; k <= negative; k++) {
            let target: number;
            let label: number;
            if (k === 0) { target = word; label = 1; } else {
              rnd ^= rnd << 13; rnd ^= rnd >>> 17; rnd ^= rnd << 5;
              const u = (rnd >>> 0) * 2.3283064365386963e-10 * buckets;
              const bi = u | 0;
              target = u - bi < aliasProb[bi] ? aliasBucketWord[bi] : aliasWord[bi];
              if (target === word) continue;
              label = 0;
            }
            const l2 = target * d;
            let f = 0;
            for (let j = 0; j < d; j++) f += neu1[j] * syn1[l2 + j];
            let g: number;
            if (f > maxExp) g = (label - 1) * alpha;
            else if (f < -maxExp) g = label * alpha;
            else g = (label - expTable[((f + maxExp) * expScale) | 0]) * alpha;
            if (computeLoss) epochLoss -= Math.log(1 / (1 + Math.exp(label ? -f : f)) + 1e-30);
            for (let j = 0; j < d; j++) {
              neu1e[j] += g * syn1[l2 + j];
              syn1[l2 + j] += g * neu1[j];
            }
          }
          for (let c = lo; c <= hi; c++) {
            if (c === pos) continue;
            const l1 = sen[c] * d;
            for (let j = 0; j < d; j++) syn0[l1 + j] += neu1e[j];
          }
          epochPairs++;
        } else {
          for (let c = lo; c <= hi; c++) {
            if (c === pos) continue;
            // Skip-gram as in word2vec.c: the context word's input vector predicts `word`.
            const l1 = sen[c] * d;
            neu1e.fill(0);
            for (let k = 0; k <= negative; k++) {
              let target: number;
              let label: number;
              if (k === 0) { target = word; label = 1; } else {
                rnd ^= rnd << 13; rnd ^= rnd >>> 17; rnd ^= rnd << 5;
                const u = (rnd >>> 0) * 2.3283064365386963e-10 * buckets;
                const bi = u | 0;
                target = u - bi < aliasProb[bi] ? aliasBucketWord[bi] : aliasWord[bi];
                if (target === word) continue;
                label = 0;
              }
              const l2 = target * d;
              // Unrolled by 4: V8 keeps four independent accumulators in registers.
              let f0 = 0, f1 = 0, f2 = 0, f3 = 0;
              let j = 0;
              for (; j + 3 < d; j += 4) {
                f0 += syn0[l1 + j] * syn1[l2 + j];
                f1 += syn0[l1 + j + 1] * syn1[l2 + j + 1];
                f2 += syn0[l1 + j + 2] * syn1[l2 + j + 2];
                f3 += syn0[l1 + j + 3] * syn1[l2 + j + 3];
              }
              for (; j < d; j++) f0 += syn0[l1 + j] * syn1[l2 + j];
              const f = f0 + f1 + f2 + f3;
              let g: number;
              if (f > maxExp) g = (label - 1) * alpha;
              else if (f < -maxExp) g = label * alpha;
              else g = (label - expTable[((f + maxExp) * expScale) | 0]) * alpha;
              if (computeLoss) epochLoss -= Math.log(1 / (1 + Math.exp(label ? -f : f)) + 1e-30);
              for (j = 0; j < d; j++) {
                const o = syn1[l2 + j];
                neu1e[j] += g * o;
                syn1[l2 + j] = o + g * syn0[l1 + j];
              }
            }
            for (let j = 0; j < d; j++) syn0[l1 + j] += neu1e[j];
            epochPairs++;
          }
        }
      }
    }
    loss.push(epochLoss);
    pairs.push(epochPairs);
  }
  return { loss, pairs, words: localWords };
}
