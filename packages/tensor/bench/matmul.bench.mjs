// matMul throughput per backend: forward, forward+backward through matMul2d (explicit transposes),
// and forward+backward through autograd's tf.matMul (transposeA/B), against PyTorch CPU (2 threads).
// Run after `pnpm --filter @numfeat/tensor build`: node packages/tensor/bench/matmul.bench.mjs
import { execFileSync } from 'node:child_process';
import { describeBackend, initBackend, matMul2d, tf } from '@numfeat/tensor';

const SIZES = [256, 512, 1024];
const MIN_SECONDS = 0.6; // repeat until this much time has passed (after one warm-up)
const SLOW_LIMIT_SECONDS = 6; // skip a measurement whose first run alone takes longer

async function timeIt(fn) {
  const run = async () => {
    const out = fn();
    await Promise.all([out].flat().map((t) => t.data()));
    tf.dispose(out);
  };
  let t0 = performance.now();
  await run(); // warm-up: shader compilation, allocation
  const first = (performance.now() - t0) / 1000;
  if (first > SLOW_LIMIT_SECONDS) return { seconds: first, reps: 1, note: 'single run' };
  let reps = 0;
  t0 = performance.now();
  while (reps < 3 || (performance.now() - t0) / 1000 < MIN_SECONDS) {
    await run();
    reps++;
  }
  return { seconds: (performance.now() - t0) / 1000 / reps, reps };
}

const gflops = (flops, seconds) => flops / seconds / 1e9;

async function benchBackend(name, options) {
  const report = await initBackend(name, options);
  console.log(`\n${describeBackend(report)}`);
  const rows = {};
  for (const n of SIZES) {
    const a = tf.randomNormal([n, n], 0, 1, 'float32', 1);
    const b = tf.randomNormal([n, n], 0, 1, 'float32', 2);
    const fwd = await timeIt(() => tf.matMul(a, b));
    const row = { forward: gflops(2 * n ** 3, fwd.seconds) };
    // Backward = two more n³ matMuls; count the whole step (forward + backward) as 6n³ flops.
    if (fwd.seconds * 3 < SLOW_LIMIT_SECONDS) {
      const viaMatMul2d = await timeIt(() => tf.grads((x, y) => tf.sum(matMul2d(x, y)))([a, b]));
      const viaAutograd = await timeIt(() => tf.grads((x, y) => tf.sum(tf.matMul(x, y)))([a, b]));
      row.stepMatMul2d = gflops(6 * n ** 3, viaMatMul2d.seconds);
      row.stepAutograd = gflops(6 * n ** 3, viaAutograd.seconds);
    }
    tf.dispose([a, b]);
    rows[n] = row;
    const fmt = (v) => (v === undefined ? 'skipped (slow)' : v.toFixed(2));
    console.log(
      `  n=${String(n).padEnd(5)} matMul ${fmt(row.forward)} GFLOP/s | fwd+bwd matMul2d ${fmt(row.stepMatMul2d)} | fwd+bwd autograd ${fmt(row.stepAutograd)}`,
    );
  }
  return { report: { name: report.name, simd: report.simd, threads: report.threads, adapter: report.adapter }, rows };
}

function torchPeer() {
  const script = `
import json, time, torch
torch.set_num_threads(2)
out = {}
for n in ${JSON.stringify(SIZES)}:
    a = torch.randn(n, n); b = torch.randn(n, n)
    def t(f):
        f(); reps = 0; t0 = time.perf_counter()
        while reps < 3 or time.perf_counter() - t0 < ${MIN_SECONDS}:
            f(); reps += 1
        return (time.perf_counter() - t0) / reps
    fwd = t(lambda: a @ b)
    ag = a.clone().requires_grad_(); bg = b.clone().requires_grad_()
    def step():
        ag.grad = None; bg.grad = None
        (ag @ bg).sum().backward()
    st = t(step)
    out[n] = {"forward": 2 * n**3 / fwd / 1e9, "step": 6 * n**3 / st / 1e9}
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "rows": out}))
`;
  try {
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (e) {
    console.log(`\nPyTorch peer unavailable (${String(e.message).split('\n')[0]}); install it with: apt-get install -y python3-torch`);
    return null;
  }
}

const results = {};
results.cpu = await benchBackend('cpu');
results.wasm = await benchBackend('wasm');
for (const mode of [process.env.NUMFEAT_WEBGPU ?? 'default', 'opengles']) {
  try {
    results.webgpu = await benchBackend('webgpu', { webgpu: mode });
    break;
  } catch (e) {
    console.log(`\nwebgpu (${mode}) not benchmarked: ${e.message}`);
  }
}

const peer = torchPeer();
if (peer) {
  console.log(`\nPyTorch ${peer.torch} CPU, ${peer.threads} threads (same machine, same run):`);
  console.log('  n     torch fwd  torch step | ratio ours/torch: ' + Object.keys(results).map((b) => `${b} fwd, ${b} step(matMul2d)`).join(', '));
  for (const n of SIZES) {
    const p = peer.rows[n];
    const ratios = Object.values(results).map(({ rows }) => {
      const r = rows[n];
      return `${(r.forward / p.forward).toFixed(3)}, ${r.stepMatMul2d ? (r.stepMatMul2d / p.step).toFixed(3) : '—'}`;
    });
    console.log(`  ${String(n).padEnd(5)} ${p.forward.toFixed(1).padStart(8)}  ${p.step.toFixed(1).padStart(9)} | ${ratios.join(' | ')}`);
  }
}
const wasm1024 = results.wasm.rows[1024];
if (wasm1024.stepAutograd) {
  console.log(`\nwasm n=1024: matMul2d backward is ${(wasm1024.stepMatMul2d / wasm1024.stepAutograd).toFixed(1)}× autograd's transposeA/B backward.`);
}
console.log(`BENCH_JSON ${JSON.stringify({ bench: 'tensor/matmul', unit: 'GFLOP/s', sizes: SIZES, ours: results, peer })}`);
