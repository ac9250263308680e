#!/usr/bin/env node
// Training throughput of the recurrent architectures (LSTM, Gated DeltaNet chunked and step-by-step,
// Mamba-2 chunked) on TF.js wasm vs plain PyTorch CPU (2 threads), at the tiny config of design.md §5:
// d128, 2 layers, ctx 64, batch 16, vocab 1024; one Adam step = forward + backward + update.
// Run: pnpm --filter @numfeat/models build && node packages/models/bench/recurrent.bench.mjs [--seconds 6] [--backend wasm] [--torch-threads 2]
// Peer: the same models written in plain PyTorch inside this file (nn.LSTM; the Hugging Face
// transformers torch_recurrent/torch_chunk gated delta rules; mamba_ssm's ssd_minimal_discrete),
// run by /usr/bin/python3 in the same run. Reported: tokens/s (wall clock), ratio ours/PyTorch, peak RSS.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createModel, lmLoss } from '@numfeat/models';
import { initBackend, tf } from '@numfeat/tensor';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '6' }, backend: { type: 'string', default: 'wasm' }, 'torch-threads': { type: 'string', default: '2' } } });
const seconds = Number(args.seconds);
const B = 16;
const T = 64;
const V = 1024;
const D = 128;
const L = 2;
const CHUNK = 16; // the models' default (smaller chunks are faster on wasm at ctx 64)
// Shared shapes: GDN 2 heads of dk 32 / dv 64 (fla expand_v = 2), conv 4; Mamba-2 state 32, expand 2, 8 heads of 32.
const ARCHS = [
  { name: 'lstm', spec: { arch: 'lstm', dEmbed: D, dHidden: D } },
  { name: 'gdn-chunked', spec: { arch: 'gated-deltanet', dModel: D, nHeads: 2, headDim: 32, expandV: 2, convSize: 4, chunkSize: CHUNK } },
  { name: 'gdn-recurrent', spec: { arch: 'gated-deltanet', dModel: D, nHeads: 2, headDim: 32, expandV: 2, convSize: 4, chunkSize: 0 } },
  { name: 'mamba2-chunked', spec: { arch: 'mamba2', dModel: D, dState: 32, expand: 2, headDim: 32, convSize: 4, chunkSize: CHUNK } },
];

/** Adam steps on a fixed random batch for ≥ `seconds` (≥ 3 steps) after 2 warm-up steps. */
async function ours(spec) {
  const model = createModel({ ...spec, vocabSize: V, nLayers: L, maxSeqLen: T }, 0);
  let s = 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % V;
  const ids = tf.tensor2d(Int32Array.from({ length: B * T }, rand), [B, T], 'int32');
  const targets = tf.tensor2d(Int32Array.from({ length: B * T }, rand), [B, T], 'int32');
  const optimizer = tf.train.adam(1e-3);
  const vars = model.params.map((p) => p.variable);
  const step = async () => {
    const loss = optimizer.minimize(() => lmLoss(model, ids, targets), true, vars);
    await loss.data();
    loss.dispose();
  };
  for (let i = 0; i < 2; i++) await step();
  const t0 = performance.now();
  let steps = 0;
  while (steps < 3 || performance.now() - t0 < seconds * 1000) {
    await step();
    steps++;
  }
  const wall = (performance.now() - t0) / 1000;
  const params = vars.reduce((n, v) => n + v.size, 0);
  model.dispose();
  optimizer.dispose();
  tf.dispose([ids, targets]);
  return { tokensPerSecond: (steps * B * T) / wall, steps, msPerStep: (1000 * wall) / steps, params };
}

const PYTHON = String.raw`
import json, math, resource, sys, time
import torch, torch.nn as nn, torch.nn.functional as F
cfg = json.loads(sys.argv[1]); torch.set_num_threads(cfg['threads']); torch.manual_seed(0)
B, T, V, D, L, CHUNK, SECONDS = (cfg[k] for k in ('B', 'T', 'V', 'D', 'L', 'chunk', 'seconds'))

def rms(x, w, eps=1e-5): return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w
def l2norm(x): return x * torch.rsqrt(x.pow(2).sum(-1, keepdim=True) + 1e-6)

# Hugging Face transformers (models/qwen3_next) torch_recurrent_gated_delta_rule, q/k/v [B, H, T, d].
def gdr_recurrent(q, k, v, g, beta):
    b, h, t, dk = q.shape; dv = v.shape[-1]; q = q * dk ** -0.5
    S = q.new_zeros(b, h, dk, dv); out = []
    for i in range(t):
        S = S * g[:, :, i].exp()[..., None, None]
        kv = (S * k[:, :, i, :, None]).sum(-2)
        delta = (v[:, :, i] - kv) * beta[:, :, i, None]
        S = S + k[:, :, i, :, None] * delta[:, :, None, :]
        out.append((S * q[:, :, i, :, None]).sum(-2))
    return torch.stack(out, 2)

# Hugging Face transformers torch_chunk_gated_delta_rule (T divisible by the chunk here).
def gdr_chunked(q, k, v, g, beta, C):
    b, h, t, dk = k.shape; dv = v.shape[-1]; q = q * dk ** -0.5
    v_beta = v * beta[..., None]; k_beta = k * beta[..., None]
    q, k, v, k_beta, v_beta = [x.reshape(b, h, -1, C, x.shape[-1]) for x in (q, k, v, k_beta, v_beta)]
    g = g.reshape(b, h, -1, C).cumsum(-1)
    mask = torch.triu(torch.ones(C, C, dtype=torch.bool), diagonal=0)
    decay = ((g[..., :, None] - g[..., None, :]).tril().exp().float()).tril()
    attn = -((k_beta @ k.transpose(-1, -2)) * decay).masked_fill(mask, 0)
    for i in range(1, C):
        row = attn[..., i, :i].clone(); sub = attn[..., :i, :i].clone()
        attn[..., i, :i] = row + (row[..., None] * sub).sum(-2)
    attn = attn + torch.eye(C)
    value = attn @ v_beta; k_cumdecay = attn @ (k_beta * g.exp()[..., None])
    S = q.new_zeros(b, h, dk, dv); outs = []
    mask = torch.triu(torch.ones(C, C, dtype=torch.bool), diagonal=1)
    for i in range(t // C):
        q_i, k_i, v_i = q[:, :, i], k[:, :, i], value[:, :, i]
        a = (q_i @ k_i.transpose(-1, -2) * decay[:, :, i]).masked_fill(mask, 0)
        v_new = v_i - k_cumdecay[:, :, i] @ S
        outs.append((q_i * g[:, :, i, :, None].exp()) @ S + a @ v_new)
        S = S * g[:, :, i, -1, None, None].exp() + (k_i * (g[:, :, i, -1, None] - g[:, :, i]).exp()[..., None]).transpose(-1, -2) @ v_new
    return torch.cat(outs, 2)

def dw_conv(conv, x):  # depthwise causal conv over time, x [B, T, C]
    return conv(x.transpose(1, 2))[..., :x.shape[1]].transpose(1, 2)

class GDN(nn.Module):
    def __init__(s, d, H, dk, dv, chunk):
        super().__init__(); s.H, s.dk, s.dv, s.chunk = H, dk, dv, chunk
        s.wq, s.wk = nn.Linear(d, H * dk, bias=False), nn.Linear(d, H * dk, bias=False)
        s.wv, s.wg = nn.Linear(d, H * dv, bias=False), nn.Linear(d, H * dv, bias=False)
        s.wa, s.wb = nn.Linear(d, H, bias=False), nn.Linear(d, H, bias=False)
        s.cq, s.ck, s.cv = (nn.Conv1d(c, c, 4, groups=c, padding=3, bias=False) for c in (H * dk, H * dk, H * dv))
        s.A_log = nn.Parameter(torch.empty(H).uniform_(1, 16).log()); s.dt_bias = nn.Parameter(torch.full((H,), -3.0))
        s.onorm = nn.Parameter(torch.ones(dv)); s.wo = nn.Linear(H * dv, d, bias=False)
    def forward(s, x):
        b, t, _ = x.shape; H = s.H
        heads = lambda y, d: y.view(b, t, H, d).transpose(1, 2)
        q = l2norm(heads(F.silu(dw_conv(s.cq, s.wq(x))), s.dk)); k = l2norm(heads(F.silu(dw_conv(s.ck, s.wk(x))), s.dk))
        v = heads(F.silu(dw_conv(s.cv, s.wv(x))), s.dv)
        g = (-s.A_log.exp() * F.softplus(s.wa(x) + s.dt_bias)).transpose(1, 2); beta = s.wb(x).sigmoid().transpose(1, 2)
        o = gdr_chunked(q, k, v, g, beta, s.chunk) if s.chunk else gdr_recurrent(q, k, v, g, beta)
        o = rms(o.transpose(1, 2), s.onorm) * F.silu(s.wg(x).view(b, t, H, s.dv))
        return s.wo(o.reshape(b, t, H * s.dv))

# mamba_ssm/modules/ssd_minimal.py, einops spelled out.
def segsum(x):
    t = x.size(-1); x = x[..., None].expand(*x.shape, t)
    x = x.masked_fill(~torch.tril(torch.ones(t, t, dtype=torch.bool), diagonal=-1), 0)
    return torch.cumsum(x, dim=-2).masked_fill(~torch.tril(torch.ones(t, t, dtype=torch.bool), diagonal=0), -torch.inf)

def ssd_minimal_discrete(X, A, Bm, Cm, bl):
    b, t, h, p = X.shape; c = t // bl
    X = X.reshape(b, c, bl, h, p); Bm = Bm.reshape(b, c, bl, h, -1); Cm = Cm.reshape(b, c, bl, h, -1)
    A = A.reshape(b, c, bl, h).permute(0, 3, 1, 2); A_cumsum = torch.cumsum(A, dim=-1)
    Y_diag = torch.einsum('bclhn,bcshn,bhcls,bcshp->bclhp', Cm, Bm, torch.exp(segsum(A)), X)
    decay_states = torch.exp(A_cumsum[:, :, :, -1:] - A_cumsum)
    states = torch.einsum('bclhn,bhcl,bclhp->bchpn', Bm, decay_states, X)
    states = torch.cat([torch.zeros_like(states[:, :1]), states], dim=1)
    decay_chunk = torch.exp(segsum(F.pad(A_cumsum[:, :, :, -1], (1, 0))))
    states = torch.einsum('bhzc,bchpn->bzhpn', decay_chunk, states)[:, :-1]
    Y_off = torch.einsum('bclhn,bchpn,bhcl->bclhp', Cm, states, torch.exp(A_cumsum))
    return (Y_diag + Y_off).reshape(b, t, h, p)

class Mamba2(nn.Module):
    def __init__(s, d, ds, expand, hd, chunk):
        super().__init__(); s.inner = expand * d; s.H = s.inner // hd; s.ds, s.hd, s.chunk = ds, hd, chunk
        w = s.inner + 2 * ds
        s.in_proj = nn.Linear(d, s.inner + w + s.H, bias=False); s.conv = nn.Conv1d(w, w, 4, groups=w, padding=3)
        s.dt_bias = nn.Parameter(torch.full((s.H,), -3.0)); s.A_log = nn.Parameter(torch.empty(s.H).uniform_(1, 16).log())
        s.D = nn.Parameter(torch.ones(s.H)); s.norm = nn.Parameter(torch.ones(s.inner)); s.out_proj = nn.Linear(s.inner, d, bias=False)
    def forward(s, u):
        b, t, _ = u.shape
        z, xBC, dt = torch.split(s.in_proj(u), [s.inner, s.inner + 2 * s.ds, s.H], -1)
        x, Bm, Cm = torch.split(F.silu(dw_conv(s.conv, xBC)), [s.inner, s.ds, s.ds], -1)
        dt = F.softplus(dt + s.dt_bias); x = x.view(b, t, s.H, s.hd)
        per_head = lambda m: m[:, :, None].expand(b, t, s.H, s.ds)
        y = ssd_minimal_discrete(x * dt[..., None], -s.A_log.exp() * dt, per_head(Bm), per_head(Cm), s.chunk) + x * s.D[:, None]
        return s.out_proj(rms(y.reshape(b, t, s.inner) * F.silu(z), s.norm))

class SwiGLU(nn.Module):
    def __init__(s, d, f):
        super().__init__(); s.g, s.u, s.d = nn.Linear(d, f, bias=False), nn.Linear(d, f, bias=False), nn.Linear(f, d, bias=False)
    def forward(s, x): return s.d(F.silu(s.g(x)) * s.u(x))

class LM(nn.Module):  # pre-RMSNorm residual blocks, tied embeddings
    def __init__(s, mixers, mlps):
        super().__init__(); s.E = nn.Embedding(V, D); nn.init.normal_(s.E.weight, std=0.02)
        s.mixers, s.mlps = nn.ModuleList(mixers), nn.ModuleList(mlps)
        s.norms = nn.ParameterList([nn.Parameter(torch.ones(D)) for _ in range(len(mixers) + len(mlps) + 1)])
    def forward(s, ids):
        h = s.E(ids); n = 0
        for i, m in enumerate(s.mixers):
            h = h + m(rms(h, s.norms[n])); n += 1
            if s.mlps: h = h + s.mlps[i](rms(h, s.norms[n])); n += 1
        return rms(h, s.norms[n]) @ s.E.weight.t()

class LSTMLM(nn.Module):
    def __init__(s):
        super().__init__(); s.E = nn.Embedding(V, D); s.rnn = nn.LSTM(D, D, L, batch_first=True)
    def forward(s, ids): return s.rnn(s.E(ids))[0] @ s.E.weight.t()

ffn = math.ceil(8 * D / 3 / 32) * 32
models = {
    'lstm': lambda: LSTMLM(),
    'gdn-chunked': lambda: LM([GDN(D, 2, 32, 64, CHUNK) for _ in range(L)], [SwiGLU(D, ffn) for _ in range(L)]),
    'gdn-recurrent': lambda: LM([GDN(D, 2, 32, 64, 0) for _ in range(L)], [SwiGLU(D, ffn) for _ in range(L)]),
    'mamba2-chunked': lambda: LM([Mamba2(D, 32, 2, 32, CHUNK) for _ in range(L)], []),
}
ids = torch.randint(0, V, (B, T)); targets = torch.randint(0, V, (B, T))
out = {}
for name in cfg['archs']:
    model = models[name](); opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    def step():
        opt.zero_grad(); loss = F.cross_entropy(model(ids).reshape(-1, V), targets.reshape(-1)); loss.backward(); opt.step()
    for _ in range(2): step()
    t0 = time.perf_counter(); steps = 0
    while steps < 3 or time.perf_counter() - t0 < SECONDS:
        step(); steps += 1
    wall = time.perf_counter() - t0
    out[name] = {'tokensPerSecond': steps * B * T / wall, 'steps': steps, 'msPerStep': 1000 * wall / steps,
                 'params': sum(p.numel() for p in model.parameters()), 'peakRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'results': out}))
`;

function peer() {
  try {
    const cfg = { B, T, V, D, L, chunk: CHUNK, seconds, threads: Number(args['torch-threads']), archs: ARCHS.map((a) => a.name) };
    const stdout = execFileSync('/usr/bin/python3', ['-c', PYTHON, JSON.stringify(cfg)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split('\n').pop());
  } catch (error) {
    return { error: `PyTorch peer unavailable (apt-get install -y python3-torch): ${String(error.message ?? error).split('\n')[0]}` };
  }
}

const report = await initBackend(args.backend);
console.log(`recurrent LMs d${D} L${L} ctx ${T} B${B} V${V}, Adam, ${report.name} backend (${report.threads ?? '-'} thread), ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}`);
const mine = {};
for (const { name, spec } of ARCHS) {
  mine[name] = await ours(spec);
  mine[name].peakRssMB = process.resourceUsage().maxRSS / 1024;
}
const torch = peer();
if (torch.error) console.log(torch.error);
console.log('arch             params   ours tok/s  (ms/step)   torch tok/s  (ms/step)   ours/torch   peak RSS MB ours/torch');
const rows = {};
for (const { name } of ARCHS) {
  const o = mine[name];
  const p = torch.results?.[name];
  const ratio = p ? o.tokensPerSecond / p.tokensPerSecond : null;
  rows[name] = { ours: o, torch: p ?? null, ratio };
  console.log(
    `${name.padEnd(15)} ${String(o.params).padStart(7)}   ${o.tokensPerSecond.toFixed(0).padStart(10)}  (${o.msPerStep.toFixed(0).padStart(6)})   ` +
      `${p ? p.tokensPerSecond.toFixed(0).padStart(11) : '          -'}  (${p ? p.msPerStep.toFixed(0).padStart(6) : '     -'})   ` +
      `${ratio ? ratio.toFixed(2).padStart(10) : '         -'}   ${o.peakRssMB.toFixed(0)} / ${p ? p.peakRssMB.toFixed(0) : '-'}`,
  );
}
console.log('(RSS: peak of the whole process so far — ours cumulative over the archs in order, torch likewise.)');
console.log(
  'BENCH_JSON ' +
    JSON.stringify({ bench: 'models/recurrent', config: { B, T, V, dModel: D, nLayers: L, chunk: CHUNK }, backend: report.name, load1: loadavg()[0], torch: torch.torch ?? null, torchThreads: torch.threads ?? null, peerError: torch.error ?? null, results: rows }),
);
