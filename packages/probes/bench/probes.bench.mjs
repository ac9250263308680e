// Benchmark: mod-T probe κ for T = 2..10 (5 seeds each = 45 logistic fits) on a 1000 × 256 matrix.
// Ours (@numfeat/probes, built dist) vs scikit-learn StandardScaler + LogisticRegression(lbfgs) +
// cohen_kappa_score on exactly the same splits, run via /usr/bin/python3 in the same process tree.
// Usage: pnpm --filter @numfeat/probes build && node packages/probes/bench/probes.bench.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeModuli, residueLabels, stratifiedSplit } from '@numfeat/probes';
import { mulberry32 } from '@numfeat/core';

const N = 1000;
const D = 256;
const TS = [2, 3, 4, 5, 6, 7, 8, 9, 10];
const SEEDS = [0, 1, 2, 3, 4];

/** Seeded float32 embeddings: circles at periods 2, 5, 10 and smooth low-frequency waves, mixed into 256 dims, plus noise. */
function makeMatrix(seed) {
  const random = mulberry32(seed);
  const gauss = () => {
    let u = 0;
    while (u === 0) u = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const base = [];
  for (let n = 0; n < N; n++) {
    const f = [];
    for (const P of [2, 5, 10]) f.push(0.6 * Math.cos((2 * Math.PI * n) / P), 0.6 * Math.sin((2 * Math.PI * n) / P));
    for (let j = 1; j <= 6; j++) f.push(2 * Math.cos((2 * Math.PI * n * j) / N), 2 * Math.sin((2 * Math.PI * n * j) / N));
    base.push(f);
  }
  const B = base[0].length;
  const mix = Array.from({ length: B }, () => Array.from({ length: D }, () => 0.5 * gauss()));
  const data = new Float32Array(N * D);
  for (let n = 0; n < N; n++) {
    for (let j = 0; j < D; j++) {
      let s = 0;
      for (let b = 0; b < B; b++) s += base[n][b] * mix[b][j];
      data[n * D + j] = s + gauss();
    }
  }
  return data;
}

const PEER = String.raw`
import json, sys, time, warnings
import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score
import sklearn
warnings.filterwarnings('ignore')
folder = sys.argv[1]
X = np.fromfile(folder + '/X.f32', dtype=np.float32).reshape(${N}, ${D}).astype(np.float64)
splits = json.load(open(folder + '/splits.json'))
n = np.arange(${N})
def run(**kw):
    out = {}
    t0 = time.perf_counter()
    for T in ${JSON.stringify(TS)}:
        y = n % T
        ks = []
        for seed in ${JSON.stringify(SEEDS)}:
            s = splits[f'{T}_{seed}']
            tr, te = np.array(s['train']), np.array(s['test'])
            sc = StandardScaler().fit(X[tr])
            clf = LogisticRegression(C=1.0, solver='lbfgs', **kw).fit(sc.transform(X[tr]), y[tr])
            ks.append(100 * cohen_kappa_score(y[te], clf.predict(sc.transform(X[te]))))
        out[T] = float(np.mean(ks))
    return out, (time.perf_counter() - t0) * 1000
default, t_default = run()
tight, t_tight = run(tol=1e-8, max_iter=10000)
print(json.dumps({'sklearn': sklearn.__version__, 'default': default, 'msDefault': t_default, 'tight': tight, 'msTight': t_tight}))
`;

const data = makeMatrix(2026);
const E = { data, shape: [N, D] };

const t0 = performance.now();
const ours = probeModuli(E, TS);
const msOurs = performance.now() - t0;

// The same splits for the peer (probeModuli uses stratifiedSplit(labels, { seed }) per T).
const folder = mkdtempSync(join(tmpdir(), 'numfeat-probes-bench-'));
let peer;
try {
  writeFileSync(join(folder, 'X.f32'), Buffer.from(data.buffer));
  const splits = {};
  for (const T of TS) {
    const labels = residueLabels(N, T);
    for (const seed of SEEDS) {
      const s = stratifiedSplit(labels, { seed });
      splits[`${T}_${seed}`] = { train: Array.from(s.train), test: Array.from(s.test) };
    }
  }
  writeFileSync(join(folder, 'splits.json'), JSON.stringify(splits));
  try {
    peer = JSON.parse(execFileSync('/usr/bin/python3', ['-c', PEER, folder], { encoding: 'utf8', maxBuffer: 1 << 24 }));
  } catch (err) {
    console.log(`peer unavailable (/usr/bin/python3 with numpy + scikit-learn): ${String(err.message).split('\n')[0]}`);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const fmt = (v) => (v === undefined ? '   n/a' : v.toFixed(1).padStart(6));
console.log(`probeModuli: ${N} × ${D} float32, T = 2..10, seeds 0..4 (45 fits), logistic C = 1, standardised, 80/20 stratified`);
console.log(' T | κ ours | κ sklearn default | κ sklearn tight | ours converged');
for (const T of TS) {
  const converged = ours[T].perSeed.filter((s) => s.converged).length;
  console.log(
    `${String(T).padStart(2)} | ${fmt(ours[T].kappa)} | ${fmt(peer?.default[T]).padStart(17)} | ${fmt(peer?.tight[T]).padStart(15)} | ${converged}/${ours[T].perSeed.length} seeds`,
  );
}
const ratioDefault = peer ? msOurs / peer.msDefault : undefined;
const ratioTight = peer ? msOurs / peer.msTight : undefined;
console.log(`time ours: ${(msOurs / 1000).toFixed(2)} s`);
if (peer) {
  console.log(`time sklearn ${peer.sklearn} default (tol 1e-4, max_iter 100): ${(peer.msDefault / 1000).toFixed(2)} s  → ratio ours/peer ${ratioDefault.toFixed(2)}`);
  console.log(`time sklearn tight (tol 1e-8, max_iter 1e4):         ${(peer.msTight / 1000).toFixed(2)} s  → ratio ours/peer ${ratioTight.toFixed(2)}`);
}
const kappa = (r) => Object.fromEntries(TS.map((T) => [T, Number(r[T].toFixed(2))]));
console.log(
  `BENCH_JSON ${JSON.stringify({
    bench: 'probes.probeModuli',
    shape: [N, D],
    fits: TS.length * SEEDS.length,
    msOurs: Math.round(msOurs),
    msSklearnDefault: peer ? Math.round(peer.msDefault) : null,
    msSklearnTight: peer ? Math.round(peer.msTight) : null,
    ratioVsDefault: ratioDefault ?? null,
    ratioVsTight: ratioTight ?? null,
    kappaOurs: kappa(Object.fromEntries(TS.map((T) => [T, ours[T].kappa]))),
    kappaSklearnDefault: peer ? kappa(peer.default) : null,
    kappaSklearnTight: peer ? kappa(peer.tight) : null,
  })}`,
);
