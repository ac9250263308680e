#!/usr/bin/env node
// Training throughput (tokens/s of a full step: forward, backward, clipping, optimizer) of our four
// architectures against PyTorch CPU running the same architecture, size, data and step, ONE thread
// each, in one run on one machine. PyTorch runs three ways — as installed (glibc's default malloc),
// with its allocator tuned (GLIBC_TUNABLES thresholds raised, as design.md §5 measured: glibc's
// defaults page-fault on every step), and tuned + bf16 autocast — and we report our ratio against
// the BEST of them, plus every process's peak RSS.
//
//   pnpm -r --filter "./packages/*" build
//   node packages/models/bench/train-throughput.bench.mjs                 # study size, all archs, then --size gpu
//   node packages/models/bench/train-throughput.bench.mjs --arch transformer --backend wasm --steps 6
//   node packages/models/bench/train-throughput.bench.mjs --size gpu --backend webgpu   # PyTorch on cuda when present
//
// Sizes: `standard` reads packages/study/profiles/standard.json (model, per-arch fields, batch,
// context, corpus, optimizers); `gpu` is the Transformer at d256, 4 layers, 4 heads, context 256,
// batch 8 (issue 9: its step should stay within ≈ 1.5 GB of CPU memory; whether batch 8 fills a GPU
// is unmeasured — on a GPU machine sweep --batch and keep the batch where tokens/s stops rising). Both train on the study's synthetic corpus
// tokenized as the study does (V ≈ 1.7k). Every (arch, optimizer, side, setting) runs in its own
// process so peak RSS is that configuration's alone. Steps: `--warmup` untimed, then `--steps` timed;
// we report the median step. Flags: --arch a,b --optimizer adamw,muon --backend NAME --size
// standard|gpu|all --steps N --warmup N --batch N --context N --d N --layers N --chunk N
// --attention auto|batched|per-head|fused --torch default,tuned,bf16 | none --profile (our kernel shares)
// --threads N (ours data-parallel on N threads, as `numfeat train` does by default; PyTorch stays at one)
// --no-tfjs-kernels (skip the extra run of ours on TF.js's own wasm kernels, the path before numfeat's).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const PROFILE = join(HERE, '../../study/profiles/standard.json');
const PYTHON = '/usr/bin/python3';
const ALL_ARCHS = ['transformer', 'lstm', 'gated-deltanet', 'mamba2'];
const TUNED_MALLOC = 'glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=17179869184:glibc.malloc.top_pad=1073741824';
// PyTorch settings, all one thread: env added to a clean environment, and autocast.
const TORCH_SETTINGS = {
  default: { label: 'as installed (default malloc), fp32', env: {}, autocast: null },
  tuned: { label: 'malloc tuned, fp32', env: { GLIBC_TUNABLES: TUNED_MALLOC }, autocast: null },
  bf16: { label: 'malloc tuned, bf16 autocast', env: { GLIBC_TUNABLES: TUNED_MALLOC }, autocast: 'bf16' },
};

// ---------------------------------------------------------------- our side (child process)
/** One configuration on our trainer (`train`, as `numfeat train` and the study run it); JSON to stdout. */
async function runOurs(job) {
  const { initBackend, tf } = await import('@numfeat/tensor');
  const { train } = await import('@numfeat/models');
  const report = await initBackend(job.backend);
  const batches = readBatches(job);
  const stepSeconds = [];
  const cpuSeconds = []; // this process's CPU time per step: less sensitive to a busy machine than wall time
  const losses = [];
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  let last = performance.now();
  let lastCpu = cpuNow();
  const options = { model: job.model, seed: 0, optimizer: job.optimizer, data: batches, steps: batches.length, warmupSteps: job.warmupSteps, threads: job.threads ?? 1 };
  const result = await train({
    ...options,
    onStep: ({ loss }) => {
      const now = performance.now();
      const cpu = cpuNow();
      stepSeconds.push((now - last) / 1000); // the first interval also builds the model: a warm-up step
      cpuSeconds.push(cpu - lastCpu);
      last = now;
      lastCpu = cpu;
      losses.push(loss);
    },
  });
  const peakRssMB = process.resourceUsage().maxRSS / 1024; // before profiling, which adds its own
  const out = {
    backend: report.name,
    threads: job.threads ?? 1, // training threads (data-parallel); the wasm backend itself is single-threaded
    simd: report.simd ?? null,
    config: { arch: result.model.arch, ...result.model.config },
    optimizer: result.config.optimizer,
    params: result.model.params.reduce((n, p) => n + p.variable.size, 0),
    stepSeconds,
    cpuSeconds,
    losses,
    peakRssMB,
  };
  if (job.profile) {
    // Where one step's time goes, by kernel: one more step of the trained model under tf.profile
    // (its timings are inflated, their shares hold).
    const info = await tf.profile(() => train({ ...options, steps: 1, data: batches.slice(0, 1), buildModel: () => result.model }));
    const byKernel = {};
    for (const k of info.kernels) byKernel[k.name] = (byKernel[k.name] ?? 0) + (await k.kernelTimeMs);
    const total = Object.values(byKernel).reduce((a, b) => a + b, 0);
    out.profile = Object.entries(byKernel).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([kernel, ms]) => ({ kernel, share: ms / total }));
  }
  result.model.dispose();
  console.log(JSON.stringify(out));
}

/** The shared batch file: int32 [steps, 3, B, T] = ids, targets, loss mask. */
function readBatches({ batches, batch: B, context: T }) {
  const all = new Int32Array(readFileSync(batches).buffer.slice(0));
  const n = all.length / (3 * B * T);
  return Array.from({ length: n }, (_, i) => {
    const at = (k) => all.subarray((3 * i + k) * B * T, (3 * i + k + 1) * B * T);
    return { ids: at(0), targets: at(1), mask: Uint8Array.from(at(2)), shape: [B, T] };
  });
}

if (process.argv[2] === '--ours') {
  try {
    await runOurs(JSON.parse(process.argv[3]));
    process.exit(0);
  } catch (e) {
    // e.g. BACKEND_INIT_FAILED for --backend webgpu on a machine without a GPU: the parent skips the row.
    console.log(JSON.stringify({ error: `${e.code ?? e.name}: ${e.message}` }));
    process.exit(2);
  }
}

// ---------------------------------------------------------------- the run (parent process)
const { values: args } = parseArgs({
  options: {
    arch: { type: 'string', default: ALL_ARCHS.join(',') },
    optimizer: { type: 'string' }, // default: AdamW everywhere, and Muon too for the Transformer
    backend: { type: 'string' },
    size: { type: 'string', default: 'all' },
    steps: { type: 'string' },
    warmup: { type: 'string' },
    batch: { type: 'string' },
    context: { type: 'string' },
    d: { type: 'string' },
    layers: { type: 'string' },
    chunk: { type: 'string' },
    attention: { type: 'string' },
    torch: { type: 'string', default: 'default,tuned,bf16' },
    profile: { type: 'boolean', default: false },
    'no-tfjs-kernels': { type: 'boolean', default: false },
    threads: { type: 'string' },
  },
});
const int = (v, name) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${v}`);
  return n;
};
const sizes = args.size === 'all' ? ['standard', 'gpu'] : args.size.split(',');
for (const s of sizes) if (!['standard', 'gpu'].includes(s)) throw new Error(`--size ${s}: use standard, gpu or all`);
const torchSettings = args.torch === 'none' ? [] : args.torch.split(',');
for (const s of torchSettings) if (!TORCH_SETTINGS[s]) throw new Error(`--torch ${s}: use ${Object.keys(TORCH_SETTINGS).join(',')} or none`);
const archs = args.arch.split(',');
for (const a of archs) if (!ALL_ARCHS.includes(a)) throw new Error(`--arch ${a}: use ${ALL_ARCHS.join(',')}`);

const profile = JSON.parse(readFileSync(PROFILE, 'utf8'));
const { configFields } = await import('@numfeat/models');

/** The jobs of one size: model spec, optimizer, batch shape and step counts. */
function plan(size) {
  const gpu = size === 'gpu';
  const batch = args.batch ? int(args.batch, 'batch') : gpu ? 8 : profile.train.batchSize;
  const context = args.context ? int(args.context, 'context') : gpu ? 256 : profile.train.context;
  const steps = args.steps ? int(args.steps, 'steps') : gpu ? 3 : 10;
  const warmup = args.warmup ? int(args.warmup, 'warmup') : gpu ? 1 : 3;
  const jobs = [];
  for (const arch of gpu ? ['transformer'] : archs) {
    // The study's model for this arch: the profile's shared fields it has, then its own (runs.mjs).
    const fields = configFields(arch);
    const shared = Object.fromEntries(Object.entries(profile.model).filter(([k]) => fields.includes(k)));
    let model = gpu ? { arch, dModel: 256, nLayers: 4, nHeads: 4 } : { arch, ...shared, ...(profile.archs[arch] ?? {}) };
    if (args.d) model = { ...model, [fields.includes('dModel') ? 'dModel' : 'dEmbed']: int(args.d, 'd'), ...(arch === 'lstm' ? { dHidden: int(args.d, 'd') } : {}) };
    if (args.layers) model.nLayers = int(args.layers, 'layers');
    if (args.chunk && fields.includes('chunkSize')) model.chunkSize = int(args.chunk, 'chunk');
    if (args.attention && arch === 'transformer') model.attention = args.attention;
    const optimizers = args.optimizer ? args.optimizer.split(',') : arch === 'transformer' && !gpu ? ['adamw', 'muon'] : ['adamw'];
    for (const name of optimizers) jobs.push({ size, model, optimizer: { name, ...profile.optimizers[name] }, batch, context, steps, warmup });
  }
  return jobs;
}

/** The study's token stream (synthetic corpus, WordTokenizer with numbers 0..999), packed and batched as the study does. */
async function writeBatches(dir, { batch, context, steps, warmup }) {
  const { synthCorpus, contextLength } = await import('@numfeat/data-gen');
  const { WordTokenizer, wholeNumbers } = await import('@numfeat/tokenizers');
  const { packedBatches } = await import('@numfeat/models');
  const docs = [...synthCorpus({ seed: 0, tokens: profile.corpus.tokens })];
  const tokenizer = WordTokenizer.train(docs, { vocabSize: profile.corpus.vocabSize, numberPolicy: wholeNumbers({ max: 999 }) });
  const ids = Uint32Array.from(docs.flatMap((d) => tokenizer.encode(d)));
  const packed = contextLength(ids, { seqLen: context + 1 });
  const source = packedBatches(packed, { batchSize: batch, seed: 0 })(undefined)[Symbol.iterator]();
  const n = warmup + steps;
  const out = new Int32Array(n * 3 * batch * context);
  for (let i = 0; i < n; i++) {
    const b = source.next().value;
    [b.ids ?? b.inputs, b.targets, b.mask].forEach((part, k) => out.set(part, (3 * i + k) * batch * context));
  }
  const file = join(dir, `batches-${batch}x${context}.i32`);
  writeFileSync(file, out);
  return { file, vocabSize: tokenizer.vocabSize };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** tok/s and spread from the timed steps (warm-up steps dropped). */
function summarise(side, job) {
  const timed = side.stepSeconds.slice(job.warmup);
  const tokens = job.batch * job.context;
  return {
    ...side,
    tokensPerSecond: tokens / median(timed),
    minTokensPerSecond: tokens / Math.max(...timed),
    maxTokensPerSecond: tokens / Math.min(...timed),
    cpuTokensPerSecond: tokens / median(side.cpuSeconds.slice(job.warmup)), // tokens per CPU-second
    stepSeconds: undefined,
    cpuSeconds: undefined,
    timedSteps: timed.length,
  };
}
const lastJsonLine = (text) => JSON.parse(text.trim().split('\n').pop());

/** `tfjsKernels`: TF.js's own wasm kernels only (NUMFEAT_WASM_KERNELS=off), the path before numfeat's SIMD kernels. */
function ours(job, backend, batches, tfjsKernels = false) {
  const child = { model: { ...job.model, vocabSize: batches.vocabSize, maxSeqLen: job.context }, optimizer: job.optimizer, backend, batches: batches.file, batch: job.batch, context: job.context, warmupSteps: Math.round(0.05 * (job.warmup + job.steps)), profile: args.profile, threads: args.threads ? int(args.threads, 'threads') : 1 };
  const env = { ...process.env, NUMFEAT_WASM_KERNELS: tfjsKernels ? 'off' : 'on' };
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--ours', JSON.stringify(child)], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    let reported;
    try {
      reported = lastJsonLine(r.stdout).error;
    } catch {
      reported = (r.stderr || `exit ${r.status}`).trim().split('\n').find((l) => /error/i.test(l));
    }
    return { error: reported ?? `exit ${r.status}` };
  }
  return summarise(lastJsonLine(r.stdout), job);
}

function torch(job, oursSide, setting, device, batches) {
  const s = TORCH_SETTINGS[setting];
  const peerJob = { config: oursSide.config, optimizer: oursSide.optimizer, batches: batches.file, steps: job.warmup + job.steps, warmupSteps: Math.round(0.05 * (job.warmup + job.steps)), batch: job.batch, context: job.context, gradClip: 1, autocast: s.autocast, device, threads: 1 };
  // A clean allocator environment per setting: nothing inherited decides the result.
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1', ...s.env };
  if (!s.env.GLIBC_TUNABLES) delete env.GLIBC_TUNABLES;
  delete env.LD_PRELOAD;
  const r = spawnSync(PYTHON, [join(HERE, 'train_throughput.py'), JSON.stringify(peerJob)], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24 });
  if (r.error || r.status !== 0) return { error: String(r.error?.message ?? r.stderr ?? `exit ${r.status}`).trim().split('\n').pop() };
  return summarise(lastJsonLine(r.stdout), job);
}

function torchInfo() {
  try {
    const script = `import json, sys, torch; sys.path.insert(0, ${JSON.stringify(HERE)}); from train_throughput import blas_library
torch.ones(64, 64) @ torch.ones(64, 64)
print(json.dumps({"version": torch.__version__, "blas": blas_library(), "cuda": torch.cuda.is_available(), "gpu": torch.cuda.get_device_name() if torch.cuda.is_available() else None}))`;
    return JSON.parse(execFileSync(PYTHON, ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (e) {
    return { error: `PyTorch not available (${String(e.stderr ?? e.message).trim().split('\n').pop()}); install it with apt-get install -y python3-torch python3-numpy` };
  }
}

function cpuModel() {
  try {
    return /Model name:\s*(.+)/.exec(execFileSync('lscpu', { encoding: 'utf8' }))?.[1].trim() ?? cpus()[0]?.model;
  } catch {
    return cpus()[0]?.model ?? 'unknown cpu';
  }
}

const f0 = (v) => (v === undefined ? '—' : v.toFixed(0));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const machine = { cpu: cpuModel(), cores: cpus().length, node: process.version, loadBefore: loadavg() };
const peer = torchSettings.length ? torchInfo() : { error: 'PyTorch not run (--torch none)' };
console.log(`training throughput, one thread each: ${machine.cores} × ${machine.cpu}, Node ${machine.node}, PyTorch ${peer.version ?? '—'}${peer.cuda ? ` (cuda: ${peer.gpu})` : ''}`);
console.log(`load average (1/5/15 min) at start: ${load()}${loadavg()[0] > 0.5 * machine.cores ? '  — the machine is shared: compare the ratios, not absolute speeds' : ''}`);
if (peer.error) console.log(peer.error);
else console.log(`PyTorch's BLAS: ${peer.blas}`);
if (peer.blas && !/openblas|mkl/i.test(peer.blas)) {
  console.log("WARNING: PyTorch runs on the reference BLAS (~8× slower matMul than OpenBLAS here): a PyTorch user would `apt-get install libopenblas0-pthread`; these ratios flatter us");
}

const dir = mkdtempSync(join(tmpdir(), 'numfeat-bench-'));
const rows = [];
try {
  for (const size of sizes) {
    const jobs = plan(size);
    const gpu = size === 'gpu';
    const backend = args.backend ?? (gpu ? 'wasm' : profile.backend);
    // On a GPU machine the gpu size compares against PyTorch on cuda (fp32 and bf16 autocast); else CPU.
    const device = gpu && peer.cuda ? 'cuda' : 'cpu';
    const settings = device === 'cuda' ? torchSettings.filter((s) => s !== 'default') : torchSettings;
    const batches = await writeBatches(dir, jobs[0]);
    const { batch, context, warmup, steps } = jobs[0];
    console.log(`\n── size ${size}: batch ${batch} × context ${context}, vocabulary ${batches.vocabSize} (study's synthetic corpus), ${warmup} warm-up + ${steps} timed steps (median), ours on ${backend}, PyTorch on ${device}`);
    for (const job of jobs) {
      const t0 = Date.now();
      const loadStart = loadavg()[0];
      const row = { size, arch: job.model.arch, optimizer: job.optimizer.name, batch, context, model: job.model, ours: ours(job, backend, batches), torch: {} };
      // On wasm, the same run with TF.js's own kernels: the speed-up numfeat's SIMD kernels bring.
      if (backend === 'wasm' && !args['no-tfjs-kernels'] && !row.ours.error) row.tfjs = ours(job, backend, batches, true);
      if (!row.ours.error && !peer.error) for (const s of settings) row.torch[s] = torch(job, row.ours, s, device, batches);
      const done = Object.entries(row.torch).filter(([, t]) => !t.error);
      const best = done.sort((a, b) => b[1].tokensPerSecond - a[1].tokensPerSecond)[0];
      row.best = best ? { setting: best[0], tokensPerSecond: best[1].tokensPerSecond } : null;
      row.ratio = best && !row.ours.error ? row.ours.tokensPerSecond / best[1].tokensPerSecond : null;
      // The same ratio on CPU time (each side's best by CPU time): steadier when other jobs share the cores.
      const bestCpu = Math.max(...done.map(([, t]) => t.cpuTokensPerSecond));
      row.ratioCpu = done.length && !row.ours.error ? row.ours.cpuTokensPerSecond / bestCpu : null;
      row.load1 = [loadStart, loadavg()[0]];
      row.seconds = (Date.now() - t0) / 1000;
      rows.push(row);
      print(row);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function print(row) {
  const o = row.ours;
  const c = o.config ?? row.model;
  const shape = row.arch === 'lstm' ? `dEmbed ${c.dEmbed} dHidden ${c.dHidden}` : `d ${c.dModel}${c.nHeads ? ` heads ${c.nHeads}` : ''}${c.headDim ? ` headDim ${c.headDim}` : ''}${c.chunkSize !== undefined ? ` chunk ${c.chunkSize}` : ''}`;
  console.log(`\n${row.arch} + ${row.optimizer} (${shape}, ${c.nLayers ?? '?'} layers, V ${c.vocabSize ?? '?'}; ${row.seconds.toFixed(0)} s, load ${row.load1.map((x) => x.toFixed(1)).join(' → ')})`);
  if (o.error) {
    console.log(`  ours: skipped — ${o.error}`);
    return;
  }
  const params = [o.params, ...Object.values(row.torch).map((t) => t.params)].filter(Boolean);
  const spread = (t) => `${f0(t.tokensPerSecond).padStart(7)} tok/s [${f0(t.minTokensPerSecond)}–${f0(t.maxTokensPerSecond)}], ${f0(t.cpuTokensPerSecond).padStart(6)} per CPU-s`;
  const loss0 = (t) => (t.losses ? ` loss₀ ${t.losses[0].toFixed(3)}` : '');
  console.log(`  ours (${o.backend}, ${o.threads} thread${o.simd ? ', SIMD' : ''})`.padEnd(52) + `${spread(o)}  peak RSS ${f0(o.peakRssMB).padStart(5)} MB  params ${o.params}${loss0(o)}`);
  if (row.tfjs && !row.tfjs.error) {
    const t = row.tfjs;
    console.log(`  ours, TF.js's own wasm kernels only`.padEnd(52) + `${spread(t)}  peak RSS ${f0(t.peakRssMB).padStart(5)} MB  → numfeat's kernels: ${(o.tokensPerSecond / t.tokensPerSecond).toFixed(2)}× wall, ${(o.cpuTokensPerSecond / t.cpuTokensPerSecond).toFixed(2)}× per CPU-s`);
  }
  for (const [s, t] of Object.entries(row.torch)) {
    const label = `  torch ${t.device ?? ''} ${TORCH_SETTINGS[s].label}`.padEnd(52);
    if (t.error) console.log(`${label}failed — ${t.error}`);
    else console.log(`${label}${spread(t)}  peak RSS ${f0(t.peakRssMB).padStart(5)} MB  params ${t.params}${loss0(t)}${t.peakGpuMB ? `  GPU peak ${f0(t.peakGpuMB)} MB` : ''}`);
  }
  if (params.length > 1) {
    const drift = Math.max(...params) / Math.min(...params) - 1;
    if (drift > 0.03) console.log(`  WARNING: parameter counts differ by ${(100 * drift).toFixed(1)}% — not the same model`);
  }
  if (row.ratio !== null) console.log(`  ratio ours / best PyTorch (${TORCH_SETTINGS[row.best.setting].label}): ${row.ratio.toFixed(3)}× wall clock, ${row.ratioCpu.toFixed(3)}× per CPU-second`);
  if (o.profile) console.log(`  our kernel shares (tf.profile): ${o.profile.map((p) => `${p.kernel} ${(100 * p.share).toFixed(0)}%`).join(', ')}`);
}

// Summary table (markdown, pasted into docs/benchmarks.md).
machine.loadAfter = loadavg();
const settingsSeen = Object.keys(TORCH_SETTINGS).filter((s) => rows.some((r) => r.torch[s]));
console.log(`\n| size | arch + optimizer | ours tok/s | ours, TF.js kernels only | ${settingsSeen.map((s) => `PyTorch ${TORCH_SETTINGS[s].label} tok/s | `).join('')}ours / best | ours / best per CPU-s | peak RSS MB ${['ours', ...settingsSeen].join(' / ')} |`);
console.log(`|---|---|---|---|${settingsSeen.map(() => '---|').join('')}---|---|---|`);
for (const r of rows) {
  const t = settingsSeen.map((s) => (r.torch[s]?.error ? 'failed' : f0(r.torch[s]?.tokensPerSecond)));
  const rss = [r.ours.peakRssMB, ...settingsSeen.map((s) => r.torch[s]?.peakRssMB)].map(f0).join(' / ');
  const before = r.tfjs && !r.tfjs.error ? `${f0(r.tfjs.tokensPerSecond)} (${(r.ours.tokensPerSecond / r.tfjs.tokensPerSecond).toFixed(1)}× faster now)` : '—';
  console.log(`| ${r.size} | ${r.arch} + ${r.optimizer} | ${r.ours.error ? 'skipped' : f0(r.ours.tokensPerSecond)} | ${before} | ${t.map((x) => `${x} | `).join('')}${r.ratio === null ? '—' : `${r.ratio.toFixed(3)}×`} | ${r.ratioCpu === null ? '—' : `${r.ratioCpu.toFixed(3)}×`} | ${rss} |`);
}
console.log(`\nload average (1/5/15 min) at end: ${load()}`);
console.log(`BENCH_JSON ${JSON.stringify({ bench: 'models/train-throughput', machine, torch: peer, rows })}`);
// A backend this machine lacks (e.g. webgpu without a GPU) is a clean skip; any other failure fails the run.
const failed = rows.filter((r) => (r.ours.error && !/BACKEND_(INIT_FAILED|UNAVAILABLE)/.test(r.ours.error)) || Object.values(r.torch).some((t) => t.error));
if (failed.length) console.log(`${failed.length} configuration(s) failed`);
process.exit(failed.length ? 1 : 0);
