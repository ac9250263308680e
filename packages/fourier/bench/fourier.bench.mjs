// Benchmark: spectrum + Φ_T (T = 2, 5, 10) of a seeded 1000 × 1024 float32 matrix, against NumPy's
// np.fft.rfft(E, axis=0) + |F|² summed over dims + Φ_T, both timed in-process (median of repeats).
// Run after `pnpm --filter @numfeat/fourier build`:  node packages/fourier/bench/fourier.bench.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fourierPowers, spectrum, spectrumFourierPower } from '@numfeat/fourier';

const N = 1000;
const D = 1024;
const PERIODS = [2, 5, 10];
const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(42);
const data = new Float32Array(N * D);
for (let i = 0; i < data.length; i++) data[i] = 2 * rand() - 1;
const E = { data, shape: [N, D] };

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function timeIt(fn) {
  for (let i = 0; i < 3; i++) fn(); // JIT warm-up
  const times = [];
  let out;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    out = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), out };
}

const ours = timeIt(() => {
  const s = spectrum(E);
  return Object.fromEntries(PERIODS.map((T) => [T, spectrumFourierPower(s, T)]));
});
const classSums = timeIt(() => fourierPowers(E, PERIODS));

const PY = `
import sys, time, json, numpy as np
E = np.fromfile(sys.argv[1], dtype=np.float32).reshape(${N}, ${D})
def run():
    F = np.fft.rfft(E, axis=0)
    p = (F.real**2 + F.imag**2).sum(axis=1) / ${N}
    full = lambda k: p[k if k <= ${N} // 2 else ${N} - k]
    return {T: float(sum(full(l * ${N} // T) for l in range(1, T))) for T in ${JSON.stringify(PERIODS)}}
for _ in range(3): run()
ts = []
for _ in range(${REPEATS}):
    t = time.perf_counter(); out = run(); ts.append(time.perf_counter() - t)
print(json.dumps({"ms": sorted(ts)[len(ts) // 2] * 1e3, "phi": out, "numpy": np.__version__}))
`;

let numpy = null;
const dir = mkdtempSync(join(tmpdir(), 'numfeat-fourier-bench-'));
try {
  const file = join(dir, 'E.f32');
  writeFileSync(file, Buffer.from(data.buffer));
  numpy = JSON.parse(execFileSync('/usr/bin/python3', ['-c', PY, file], { encoding: 'utf8' }));
} catch (e) {
  console.log(`NumPy peer unavailable (${e.message.split('\n')[0]}); printing ours only.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const fmt = (x) => x.toFixed(2).padStart(9);
console.log(`spectrum + Φ_T (T=${PERIODS.join(',')}) of a ${N} × ${D} float32 matrix, median of ${REPEATS}`);
console.log('                                   ms     ratio');
console.log(`ours: spectrum + Φ from spectrum ${fmt(ours.ms)}${numpy ? fmt(ours.ms / numpy.ms) : ''}`);
console.log(`ours: fourierPowers (class sums) ${fmt(classSums.ms)}${numpy ? fmt(classSums.ms / numpy.ms) : ''}`);
if (numpy) console.log(`numpy ${numpy.numpy} rfft(axis=0)     ${fmt(numpy.ms)}${fmt(1)}`);
let maxRelDiff = null;
if (numpy) {
  maxRelDiff = Math.max(...PERIODS.map((T) => Math.abs(ours.out[T] - numpy.phi[T]) / numpy.phi[T]));
  console.log(`Φ agreement with numpy: max relative difference ${maxRelDiff.toExponential(2)}`);
}
console.log(
  'BENCH_JSON ' +
    JSON.stringify({
      bench: 'fourier',
      N,
      d: D,
      periods: PERIODS,
      repeats: REPEATS,
      ours_ms: ours.ms,
      ours_class_sums_ms: classSums.ms,
      numpy_ms: numpy?.ms ?? null,
      ratio: numpy ? ours.ms / numpy.ms : null,
      ratio_class_sums: numpy ? classSums.ms / numpy.ms : null,
      phi_max_rel_diff: maxRelDiff,
    }),
);
