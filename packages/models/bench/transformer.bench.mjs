// Transformer training throughput (forward + backward + Adam step, tokens/s) on TF.js wasm against
// PyTorch CPU (2 threads) on the same architecture (fixtures/make_transformer_fixture.py's reference),
// config and data shape; peak RSS of each; where our step's time goes when we are behind.
// Run after `pnpm --filter @numfeat/models build`: node packages/models/bench/transformer.bench.mjs
// Each side of each config runs in its own process, so peak RSS is per config.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const MIN_SECONDS = Number(process.env.BENCH_SECONDS ?? 6); // time at least this long, after warm-up
const MIN_STEPS = 3;
const CONFIGS = {
  tiny: { batch: 16, seqLen: 64, model: { vocabSize: 1024, dModel: 128, nLayers: 2, nHeads: 4, nKvHeads: 4 } },
  small: { batch: 8, seqLen: 256, model: { vocabSize: 1024, dModel: 256, nLayers: 4, nHeads: 4, nKvHeads: 4 } },
};

async function runOurs(name) {
  const { initBackend, tf } = await import('@numfeat/tensor');
  const { createTransformer, defaultTransformerConfig, lmLoss } = await import('@numfeat/models');
  const { createRng } = await import('@numfeat/data-gen');
  const report = await initBackend('wasm');
  const { batch, seqLen, model: overrides } = CONFIGS[name];
  const attention = process.env.BENCH_ATTENTION ?? 'auto'; // force 'batched' or 'per-head' to compare the two
  const config = defaultTransformerConfig({ ...overrides, maxSeqLen: seqLen, initStd: 0.02, attention });
  const model = createTransformer(config, 0);
  const rng = createRng(1);
  const tokens = Array.from({ length: batch * (seqLen + 1) }, () => rng.int(config.vocabSize));
  const all = tf.tensor2d(tokens, [batch, seqLen + 1], 'int32');
  const ids = tf.slice(all, [0, 0], [batch, seqLen]);
  const targets = tf.slice(all, [0, 1], [batch, seqLen]);
  const optimizer = tf.train.adam(1e-3);
  const vars = model.params.map((p) => p.variable);
  const step = async () => {
    const loss = optimizer.minimize(() => lmLoss(model, ids, targets), true, vars);
    const value = (await loss.data())[0];
    loss.dispose();
    return value;
  };
  await step(); // warm-up: kernel setup, optimizer slots
  let steps = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (steps < MIN_STEPS || (performance.now() - t0) / 1000 < MIN_SECONDS) {
    await step();
    steps++;
  }
  const seconds = (performance.now() - t0) / 1000 / steps;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 / steps;
  const peakRssMB = process.resourceUsage().maxRSS / 1024; // before profiling, which adds its own
  // Forward alone (loss only), to split the step into forward vs backward + Adam.
  let forwardSeconds = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 2; i++) {
    const f0 = performance.now();
    const loss = tf.tidy(() => lmLoss(model, ids, targets));
    await loss.data();
    loss.dispose();
    forwardSeconds = Math.min(forwardSeconds, (performance.now() - f0) / 1000);
  }
  // Where one step's time goes, by kernel (tf.profile's timings are inflated but their shares hold).
  const info = await tf.profile(() => step());
  const byKernel = {};
  for (const k of info.kernels) byKernel[k.name] = (byKernel[k.name] ?? 0) + (await k.kernelTimeMs);
  const total = Object.values(byKernel).reduce((a, b) => a + b, 0);
  const profile = Object.entries(byKernel)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([kernel, ms]) => ({ kernel, share: ms / total }));
  return {
    backend: report.name,
    simd: report.simd,
    params: model.params.reduce((n, p) => n + p.variable.size, 0),
    steps,
    stepSeconds: seconds,
    cpuSecondsPerStep: cpuSeconds,
    tokensPerSecond: (batch * seqLen) / seconds,
    peakRssMB,
    forwardSeconds,
    peakTensorMB: info.peakBytes / 2 ** 20,
    profile,
    attention: attention !== 'auto' ? attention : seqLen >= (await import('@numfeat/models')).PER_HEAD_MIN_SEQ_LEN ? 'per-head' : 'batched',
  };
}

async function runTorch(name) {
  const { llamaFfnHidden } = await import('@numfeat/models');
  const { batch, seqLen, model } = CONFIGS[name];
  const script = `
import json, resource, sys, time
import torch
import torch.nn.functional as F
sys.path.insert(0, ${JSON.stringify(FIXTURES)})
import make_transformer_fixture as ref
torch.set_num_threads(2)
cfg = dict(${JSON.stringify(model)}, ffnHidden=${llamaFfnHidden(model.dModel)}, ropeTheta=10000.0, maxSeqLen=${seqLen}, initStd=0.02)
ref.CONFIG = cfg
w = {k: v.requires_grad_() for k, v in ref.make_weights(torch.Generator().manual_seed(0)).items()}
opt = torch.optim.Adam(w.values(), lr=1e-3)
data = torch.randint(0, cfg["vocabSize"], (${batch}, ${seqLen} + 1), generator=torch.Generator().manual_seed(1))
ids, targets = data[:, :-1], data[:, 1:]
def step():
    logits, _ = ref.forward(w, ids)
    loss = F.cross_entropy(logits.reshape(-1, cfg["vocabSize"]), targets.reshape(-1))
    opt.zero_grad(); loss.backward(); opt.step()
    return loss.item()
step()
steps, t0 = 0, time.perf_counter()
while steps < ${MIN_STEPS} or time.perf_counter() - t0 < ${MIN_SECONDS}:
    step(); steps += 1
sec = (time.perf_counter() - t0) / steps
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "steps": steps, "stepSeconds": sec,
                  "tokensPerSecond": ${batch * seqLen} / sec, "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;
  try {
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (e) {
    return { unavailable: `PyTorch peer did not run (${String(e.stderr ?? e.message).trim().split('\n').pop()}); install it with apt-get install -y python3-torch` };
  }
}

function child(name) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--ours', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop());
}

if (process.argv[2] === '--ours') {
  console.log(JSON.stringify(await runOurs(process.argv[3])));
} else {
  const rows = {};
  const names = process.env.BENCH_CONFIGS ? process.env.BENCH_CONFIGS.split(',') : Object.keys(CONFIGS); // e.g. BENCH_CONFIGS=tiny
  for (const name of names) {
    const ours = child(name);
    const torch = await runTorch(name);
    const ratio = torch.tokensPerSecond ? ours.tokensPerSecond / torch.tokensPerSecond : undefined;
    rows[name] = { shape: { batch: CONFIGS[name].batch, seqLen: CONFIGS[name].seqLen, ...CONFIGS[name].model }, ours, torch, ratio };
    const { batch, seqLen, model } = CONFIGS[name];
    console.log(`\n${name}: B${batch} T${seqLen} d${model.dModel} L${model.nLayers} H${model.nHeads} V${model.vocabSize} (${(ours.params / 1e6).toFixed(2)}M params, ${ours.attention} attention)`);
    console.log(`  ours (wasm, SIMD ${ours.simd ? 'on' : 'off'}, 1 thread): ${ours.tokensPerSecond.toFixed(0)} tok/s, ${(ours.stepSeconds * 1000).toFixed(0)} ms/step (CPU ${(ours.cpuSecondsPerStep * 1000).toFixed(0)} ms), peak RSS ${ours.peakRssMB.toFixed(0)} MB (peak live tensors ${ours.peakTensorMB.toFixed(0)} MB)`);
    if (torch.unavailable) console.log(`  torch: ${torch.unavailable}`);
    else {
      console.log(`  torch ${torch.torch} CPU, ${torch.threads} threads: ${torch.tokensPerSecond.toFixed(0)} tok/s, ${(torch.stepSeconds * 1000).toFixed(0)} ms/step, peak RSS ${torch.peakRssMB.toFixed(0)} MB`);
      console.log(`  ratio ours/torch: ${ratio.toFixed(2)}`);
    }
    if (ratio === undefined || ratio < 1) {
      console.log(`  where our step's time goes: forward ${(ours.forwardSeconds * 1000).toFixed(0)} ms of ${(ours.stepSeconds * 1000).toFixed(0)} (best forward vs mean step); tf.profile kernel shares: ${ours.profile.map((p) => `${p.kernel} ${(100 * p.share).toFixed(0)}%`).join(', ')}`);
    }
  }
  console.log('\nconfig  ours tok/s  torch tok/s  ratio  ours RSS MB  torch RSS MB');
  for (const [name, r] of Object.entries(rows)) {
    const f = (v, d = 0) => (v === undefined ? '—' : v.toFixed(d));
    console.log(`${name.padEnd(7)} ${f(r.ours.tokensPerSecond).padStart(10)} ${f(r.torch.tokensPerSecond).padStart(12)} ${f(r.ratio, 2).padStart(6)} ${f(r.ours.peakRssMB).padStart(12)} ${f(r.torch.peakRssMB).padStart(13)}`);
  }
  console.log(`BENCH_JSON ${JSON.stringify({ bench: 'transformer-train', rows })}`);
}
