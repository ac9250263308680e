// Benchmark: spectrum + Φ_T (T = 2, 5, 10) of a seeded 1000 × 1024 float32 matrix, against NumPy's
// np.fft.rfft(E, axis=0) + |F|² summed over dims + Φ_T. NumPy runs in a persistent /usr/bin/python3
// process and times itself with time.perf_counter (wall) and time.process_time (CPU). Rounds of ours
// and NumPy's alternate so both see the same machine load; figures are medians over all repeats.
// Run after `pnpm --filter @numfeat/fourier build`:  node packages/fourier/bench/fourier.bench.mjs
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fourierPowers, spectrum, spectrumFourierPower } from '@numfeat/fourier';
import { mulberry32 } from '@numfeat/core';

const N = 1000;
const D = 1024;
const PERIODS = [2, 5, 10];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const PER_ROUND = 3;


const rand = mulberry32(42);
const data = new Float32Array(N * D);
for (let i = 0; i < data.length; i++) data[i] = 2 * rand() - 1;
const E = { data, shape: [N, D] };

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Times `fn` PER_ROUND times: wall ms (performance.now) and CPU ms (process.cpuUsage). */
function timeOurs(fn, sink) {
  let out;
  for (let i = 0; i < PER_ROUND; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    out = fn();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    sink.wall.push(wall);
    sink.cpu.push((cpu.user + cpu.system) / 1000);
  }
  return out;
}

const PY = `
import sys, time, json, numpy as np
E = np.fromfile(sys.argv[1], dtype=np.float32).reshape(${N}, ${D})
def run():
    F = np.fft.rfft(E, axis=0)
    p = (F.real**2 + F.imag**2).sum(axis=1) / ${N}
    full = lambda k: p[k if k <= ${N} // 2 else ${N} - k]
    return {T: float(sum(full(l * ${N} // T) for l in range(1, T))) for T in ${JSON.stringify(PERIODS)}}
for _ in range(3): run()
print(json.dumps({"ready": True, "numpy": np.__version__}), flush=True)
for line in sys.stdin:
    wall, cpu = [], []
    for _ in range(int(line)):
        t = time.perf_counter(); c = time.process_time()
        out = run()
        cpu.append((time.process_time() - c) * 1e3); wall.append((time.perf_counter() - t) * 1e3)
    print(json.dumps({"wall": wall, "cpu": cpu, "phi": out}), flush=True)
`;

/** A persistent NumPy peer, or null when python/numpy is missing. */
async function startNumpy(file) {
  try {
    const child = spawn('/usr/bin/python3', ['-c', PY, file], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const failed = new Promise((resolve) => child.on('error', () => resolve(null)));
    const next = async () => {
      const r = await Promise.race([lines.next(), failed]);
      if (!r || r.done) throw new Error('numpy peer exited');
      return JSON.parse(r.value);
    };
    const hello = await next();
    return {
      version: hello.numpy,
      run: async (k) => {
        child.stdin.write(`${k}\n`);
        return next();
      },
      close: () => child.stdin.end(),
    };
  } catch (e) {
    console.log(`NumPy peer unavailable (${String(e.message ?? e).split('\n')[0]}); printing ours only.`);
    return null;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'numfeat-fourier-bench-'));
const file = join(dir, 'E.f32');
writeFileSync(file, Buffer.from(data.buffer));
const numpy = await startNumpy(file);

const oursFn = () => {
  const s = spectrum(E);
  return Object.fromEntries(PERIODS.map((T) => [T, spectrumFourierPower(s, T)]));
};
const classFn = () => fourierPowers(E, PERIODS);
for (let i = 0; i < 3; i++) {
  oursFn(); // JIT warm-up
  classFn();
}

const ours = { wall: [], cpu: [] };
const cls = { wall: [], cpu: [] };
const np = { wall: [], cpu: [] };
let oursPhi;
let npPhi;
for (let r = 0; r < ROUNDS; r++) {
  oursPhi = timeOurs(oursFn, ours);
  timeOurs(classFn, cls);
  if (numpy) {
    const res = await numpy.run(PER_ROUND);
    np.wall.push(...res.wall);
    np.cpu.push(...res.cpu);
    npPhi = res.phi;
  }
}
numpy?.close();
rmSync(dir, { recursive: true, force: true });

const m = (x) => ({ wall: median(x.wall), cpu: median(x.cpu) });
const o = m(ours);
const c = m(cls);
const p = numpy ? m(np) : null;
const f = (x) => x.toFixed(2).padStart(8);
const ratio = (a, b) => (b ? a / b : null);
console.log(`spectrum + Φ_T (T=${PERIODS.join(',')}), ${N} × ${D} float32, median of ${ROUNDS * PER_ROUND}, rounds interleaved`);
console.log('                                   wall ms  cpu ms   ratio(wall) ratio(cpu)');
const row = (name, x) =>
  console.log(`${name.padEnd(34)}${f(x.wall)}${f(x.cpu)}${p ? f(x.wall / p.wall) + '    ' + f(x.cpu / p.cpu) : ''}`);
row('ours: spectrum + Φ from spectrum', o);
row('ours: fourierPowers (class sums)', c);
if (p) row(`numpy ${numpy.version} rfft(axis=0) + Φ`, p);
const maxRelDiff = npPhi ? Math.max(...PERIODS.map((T) => Math.abs(oursPhi[T] - npPhi[T]) / npPhi[T])) : null;
if (maxRelDiff !== null) console.log(`Φ agreement with numpy: max relative difference ${maxRelDiff.toExponential(2)}`);
console.log(
  'BENCH_JSON ' +
    JSON.stringify({
      bench: 'fourier',
      N,
      d: D,
      periods: PERIODS,
      repeats: ROUNDS * PER_ROUND,
      ours_ms: o.wall,
      ours_cpu_ms: o.cpu,
      ours_class_sums_ms: c.wall,
      numpy_ms: p?.wall ?? null,
      numpy_cpu_ms: p?.cpu ?? null,
      ratio: p ? ratio(o.wall, p.wall) : null,
      ratio_cpu: p ? ratio(o.cpu, p.cpu) : null,
      ratio_class_sums: p ? ratio(c.wall, p.wall) : null,
      phi_max_rel_diff: maxRelDiff,
    }),
);
