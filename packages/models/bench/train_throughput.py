"""PyTorch peer of train-throughput.bench.mjs: the same four architectures at the same size, trained
on the same batches with the same step (forward, weighted next-token cross-entropy, backward,
global-norm clipping to 1, warmup + cosine learning rate, AdamW or Muon + AdamW), one thread.

Weights are laid out as ours ([in, out], x @ W) under the same init, so parameter counts match
exactly except the LSTM (nn.LSTM keeps two bias vectors per layer where we keep one). Gated DeltaNet
and Mamba-2 use the plain-PyTorch chunked forms we are specified against, at our chunk size (from
../fixtures/torch_reference.py, which also makes our test fixtures): Hugging Face transformers'
torch_chunk_gated_delta_rule and mamba_ssm's ssd_minimal_discrete; with chunkSize 0 the GDN peer
runs torch_recurrent_gated_delta_rule, Mamba-2 one chunk of length T.

Run by the bench (it sets the allocator environment per setting):
  /usr/bin/python3 train_throughput.py '<job json>'
job: { config: our resolved model config + arch, optimizer: our resolved options, batches: file of
int32 [steps, 3, B, T] (ids, targets, mask), steps, warmupSteps, gradClip, autocast: 'bf16' | null,
device: 'cpu' | 'cuda' } → one JSON line on stdout.
"""
import json, math, os, resource, sys, time
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures'))
from torch_reference import gdr_chunked, gdr_recurrent, ssd_minimal_discrete  # noqa: E402  (shared with our fixtures)

EPS = 1e-5  # RMSNorm epsilon, as ours (layers.ts RMS_NORM_EPS)


def rms(x, w):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + EPS) * w


def l2norm(x):
    return x * torch.rsqrt(x.pow(2).sum(-1, keepdim=True) + 1e-6)


def normal(*shape, std):
    return nn.Parameter(torch.randn(*shape) * std)


def ones(n):
    return nn.Parameter(torch.ones(n))


def swiglu(x, w_gate, w_up, w_down):
    return (F.silu(x @ w_gate) * (x @ w_up)) @ w_down


def decay_params(heads):
    """A_log and dt_bias as mamba_ssm initialises them (A in [1, 16], dt in [1e-3, 0.1])."""
    dt = torch.exp(torch.rand(heads) * (math.log(0.1) - math.log(1e-3)) + math.log(1e-3))
    return nn.Parameter(torch.empty(heads).uniform_(1, 16).log()), nn.Parameter(dt + torch.log(-torch.expm1(-dt)))


class TiedLM(nn.Module):
    """Embedding → blocks (each returns the new residual stream) → final RMSNorm → logits = h Eᵀ."""

    def __init__(s, c, blocks):
        super().__init__()
        s.embed = normal(c['vocabSize'], c['dModel'], std=c['initStd'])
        s.blocks = nn.ModuleList(blocks)
        s.final_norm = ones(c['dModel'])

    def forward(s, ids):
        h = F.embedding(ids, s.embed)
        for block in s.blocks:
            h = block(h)
        return rms(h, s.final_norm) @ s.embed.t()


# ---------------------------------------------------------------- Transformer (LLaMA-style, as transformer.ts)
class TransformerBlock(nn.Module):
    def __init__(s, c, rope):
        super().__init__()
        d, H, kv, f, std = c['dModel'], c['nHeads'], c['nKvHeads'], c['ffnHidden'], c['initStd']
        out = std / math.sqrt(2 * c['nLayers'])
        s.H, s.kv, s.hd, s.rope = H, kv, d // H, rope
        s.attn_norm, s.mlp_norm = ones(d), ones(d)
        s.wq, s.wk, s.wv = normal(d, d, std=std), normal(d, kv * s.hd, std=std), normal(d, kv * s.hd, std=std)
        s.wo = normal(d, d, std=out)
        s.w_gate, s.w_up, s.w_down = normal(d, f, std=std), normal(d, f, std=std), normal(f, d, std=out)

    def forward(s, h):
        b, t, d = h.shape
        x = rms(h, s.attn_norm)
        heads = lambda y, n: y.view(b, t, n, s.hd).transpose(1, 2)
        q, k, v = heads(x @ s.wq, s.H), heads(x @ s.wk, s.kv), heads(x @ s.wv, s.kv)
        q, k = s.rope(q), s.rope(k)
        if s.kv < s.H:
            k, v = k.repeat_interleave(s.H // s.kv, 1), v.repeat_interleave(s.H // s.kv, 1)
        att = (q @ k.transpose(-1, -2)) * s.hd ** -0.5  # torch 1.13 has no scaled_dot_product_attention
        att = att.masked_fill(s.rope.mask[:t, :t], float('-inf')).softmax(-1)
        h = h + (att @ v).transpose(1, 2).reshape(b, t, d) @ s.wo
        return h + swiglu(rms(h, s.mlp_norm), s.w_gate, s.w_up, s.w_down)


class Rope(nn.Module):
    """Rotate-half RoPE with tables built once (and the causal mask beside them)."""

    def __init__(s, c):
        super().__init__()
        hd, T = c['dModel'] // c['nHeads'], c['maxSeqLen']
        inv = c['ropeTheta'] ** (-torch.arange(0, hd, 2, dtype=torch.float64) / hd)
        ang = torch.outer(torch.arange(T, dtype=torch.float64), inv)
        s.register_buffer('cos', torch.cat([ang.cos()] * 2, -1).float(), persistent=False)
        s.register_buffer('sin', torch.cat([ang.sin()] * 2, -1).float(), persistent=False)
        s.register_buffer('mask', ~torch.tril(torch.ones(T, T, dtype=torch.bool)), persistent=False)

    def forward(s, x):
        t, half = x.shape[-2], x.shape[-1] // 2
        return x * s.cos[:t] + torch.cat([-x[..., half:], x[..., :half]], -1) * s.sin[:t]


def transformer(c):
    rope = Rope(c)
    return TiedLM(c, [TransformerBlock(c, rope) for _ in range(c['nLayers'])])


# ---------------------------------------------------------------- LSTM (nn.LSTM, tied, as lstm.ts)
class LstmLM(nn.Module):
    # nn.LSTM stores weights [4H, in] and two biases; Muon's shape factor reads them transposed.
    transposed = ('rnn.weight_ih', 'rnn.weight_hh')

    def __init__(s, c):
        super().__init__()
        s.embed = normal(c['vocabSize'], c['dEmbed'], std=c['initStd'])
        s.rnn = nn.LSTM(c['dEmbed'], c['dHidden'], c['nLayers'], batch_first=True)
        s.proj = normal(c['dHidden'], c['dEmbed'], std=c['dHidden'] ** -0.5) if c['dHidden'] != c['dEmbed'] else None

    def forward(s, ids):
        h = s.rnn(F.embedding(ids, s.embed))[0]
        return (h @ s.proj if s.proj is not None else h) @ s.embed.t()


# ---------------------------------------------------------------- Gated DeltaNet (as gated-deltanet.ts)
def causal_conv(conv, x):
    """Depthwise causal conv over time, x [B, T, C] (what fla's ShortConvolution falls back to)."""
    return conv(x.transpose(1, 2))[..., : x.shape[1]].transpose(1, 2)


class GdnBlock(nn.Module):
    def __init__(s, c):
        super().__init__()
        d, H, dk, f, std = c['dModel'], c['nHeads'], c['headDim'], c['ffnHidden'], c['initStd']
        dv, out = dk * c['expandV'], std / math.sqrt(2 * c['nLayers'])
        s.H, s.dk, s.dv, s.chunk = H, dk, dv, c['chunkSize']
        s.mix_norm, s.mlp_norm, s.out_norm = ones(d), ones(d), ones(dv)
        s.wq, s.wk, s.wv, s.wg = normal(d, H * dk, std=std), normal(d, H * dk, std=std), normal(d, H * dv, std=std), normal(d, H * dv, std=std)
        s.wa, s.wb = normal(d, H, std=std), normal(d, H, std=std)
        conv = lambda n: nn.Conv1d(n, n, c['convSize'], groups=n, padding=c['convSize'] - 1, bias=False)
        s.cq, s.ck, s.cv = conv(H * dk), conv(H * dk), conv(H * dv)
        s.a_log, s.dt_bias = decay_params(H)
        s.wo = normal(H * dv, d, std=out)
        s.w_gate, s.w_up, s.w_down = normal(d, f, std=std), normal(d, f, std=std), normal(f, d, std=out)

    def forward(s, h):
        b, t, _ = h.shape
        x = rms(h, s.mix_norm)
        heads = lambda y, n: y.view(b, t, s.H, n).transpose(1, 2)
        q = l2norm(heads(F.silu(causal_conv(s.cq, x @ s.wq)), s.dk))
        k = l2norm(heads(F.silu(causal_conv(s.ck, x @ s.wk)), s.dk))
        v = heads(F.silu(causal_conv(s.cv, x @ s.wv)), s.dv)
        g = (-s.a_log.exp() * F.softplus(x @ s.wa + s.dt_bias)).transpose(1, 2)
        beta = (x @ s.wb).sigmoid().transpose(1, 2)
        o = (gdr_chunked(q, k, v, g, beta, s.chunk) if s.chunk else gdr_recurrent(q, k, v, g, beta)).transpose(1, 2)
        o = rms(o, s.out_norm) * F.silu((x @ s.wg).view(b, t, s.H, s.dv))
        h = h + o.reshape(b, t, s.H * s.dv) @ s.wo
        return h + swiglu(rms(h, s.mlp_norm), s.w_gate, s.w_up, s.w_down)


# ---------------------------------------------------------------- Mamba-2 (as mamba2.ts, ngroups = 1)
class Mamba2Block(nn.Module):
    def __init__(s, c):
        super().__init__()
        d, N, std = c['dModel'], c['dState'], c['initStd']
        s.inner = c['expand'] * d
        s.H, s.N, s.hd, s.chunk = s.inner // c['headDim'], N, c['headDim'], c['chunkSize']
        width = s.inner + 2 * N
        s.norm, s.out_norm = ones(d), ones(s.inner)
        s.w_in = normal(d, s.inner + width + s.H, std=std)
        s.conv = nn.Conv1d(width, width, c['convSize'], groups=width, padding=c['convSize'] - 1)
        s.a_log, s.dt_bias = decay_params(s.H)
        s.D = ones(s.H)
        s.w_out = normal(s.inner, d, std=std / math.sqrt(2 * c['nLayers']))

    def forward(s, h):
        b, t, _ = h.shape
        z, xbc, dt = torch.split(rms(h, s.norm) @ s.w_in, [s.inner, s.inner + 2 * s.N, s.H], -1)
        x, Bm, Cm = torch.split(F.silu(causal_conv(s.conv, xbc)), [s.inner, s.N, s.N], -1)
        dt = F.softplus(dt + s.dt_bias)
        x = x.reshape(b, t, s.H, s.hd)
        per_head = lambda m: m[:, :, None].expand(b, t, s.H, s.N)
        # chunkSize 0 (our step-by-step reference) runs here as one chunk of length T: same numbers.
        y = ssd_minimal_discrete(x * dt[..., None], -s.a_log.exp() * dt, per_head(Bm), per_head(Cm), s.chunk or t) + x * s.D[:, None]
        return h + rms(y.reshape(b, t, s.inner) * F.silu(z), s.out_norm) @ s.w_out


ARCHS = {
    'transformer': transformer,
    'lstm': LstmLM,
    'gated-deltanet': lambda c: TiedLM(c, [GdnBlock(c) for _ in range(c['nLayers'])]),
    'mamba2': lambda c: TiedLM(c, [Mamba2Block(c) for _ in range(c['nLayers'])]),
}


# ---------------------------------------------------------------- optimizers (as optim/*.ts)
def newton_schulz5(G, steps):
    a, b, c = 3.4445, -4.7750, 2.0315
    X = G / (G.norm() + 1e-7)
    tall = X.shape[0] > X.shape[1]
    if tall:
        X = X.t()
    for _ in range(steps):
        A = X @ X.t()
        X = a * X + (b * A + c * A @ A) @ X
    return X.t() if tall else X


class Muon(torch.optim.Optimizer):
    """Keller Jordan's Muon for hidden 2-D weights (Nesterov momentum, Newton–Schulz quintic)."""

    def __init__(s, named, lr, momentum, nesterov, ns_steps, weight_decay, transposed):
        s.shape_of = {p: (p.shape[1], p.shape[0]) if n.startswith(transposed) else tuple(p.shape) for n, p in named}
        super().__init__([p for _, p in named], dict(lr=lr, momentum=momentum, nesterov=nesterov, ns_steps=ns_steps, weight_decay=weight_decay))

    @torch.no_grad()
    def step(s):
        for group in s.param_groups:
            lr, mu = group['lr'], group['momentum']
            for p in group['params']:
                if p.grad is None:
                    continue
                buf = s.state[p].setdefault('momentum', torch.zeros_like(p))
                buf.mul_(mu).add_(p.grad)
                direction = p.grad.add(buf, alpha=mu) if group['nesterov'] else buf
                ortho = newton_schulz5(direction, group['ns_steps'])
                rows, cols = s.shape_of[p]  # ours: [in, out]
                if group['weight_decay']:
                    p.mul_(1 - lr * group['weight_decay'])
                p.add_(ortho, alpha=-lr * math.sqrt(max(1, rows / cols)))


def optimizers(model, o):
    """AdamW on everything, or Muon on 'matrix' params (2-D, not the embedding) + AdamW on the rest."""
    adamw = lambda params, lr: torch.optim.AdamW(params, lr=lr, betas=tuple(o['betas']), eps=o['eps'], weight_decay=o['weightDecay'])
    if o['name'] == 'adamw':
        return [adamw(model.parameters(), o['lr'])]
    named = list(model.named_parameters())
    matrix = [(n, p) for n, p in named if p.ndim == 2 and n != 'embed']
    rest = [p for n, p in named if not (p.ndim == 2 and n != 'embed')]
    transposed = getattr(model, 'transposed', ())
    return [Muon(matrix, o['lr'], o['momentum'], o['nesterov'], o['nsSteps'], o['weightDecay'], tuple(transposed)), adamw(rest, o['adamLr'])]


def lr_scale(step, total, warmup, min_ratio=0.1):
    """schedule.ts's lrScale: linear warmup, then cosine to min_ratio."""
    if step < warmup:
        return (step + 1) / warmup
    progress = min(1, (step - warmup) / max(1, total - warmup - 1))
    return min_ratio + (1 - min_ratio) * 0.5 * (1 + math.cos(math.pi * progress))


def blas_library():
    """The BLAS this process loaded: Debian's torch links libblas.so.3, which is the slow reference
    BLAS unless OpenBLAS (libopenblas0-pthread) provides it."""
    with open('/proc/self/maps') as maps:
        libs = {line.split()[-1] for line in maps if 'blas' in line or 'mkl' in line}
    return ', '.join(sorted(libs)) or 'none found'


def main():
    job = json.loads(sys.argv[1])
    torch.set_num_threads(job.get('threads', 1))
    torch.manual_seed(0)
    dev = torch.device(job['device'])
    c = job['config']
    model = ARCHS[c['arch']](c).to(dev)
    opts = optimizers(model, job['optimizer'])
    for opt in opts:
        for g in opt.param_groups:
            g['peak'] = g['lr']
    steps, B, T = job['steps'], job['batch'], job['context']
    data = torch.from_numpy(np.fromfile(job['batches'], dtype='<i4').reshape(steps, 3, B, T)).to(dev)
    autocast = torch.autocast(dev.type, dtype=torch.bfloat16, enabled=job['autocast'] == 'bf16')
    params = list(model.parameters())
    V = c['vocabSize']

    def step(i):
        ids, targets, mask = data[i, 0].long(), data[i, 1].long(), data[i, 2].float()
        for opt in opts:
            for g in opt.param_groups:
                g['lr'] = g['peak'] * lr_scale(i, steps, job['warmupSteps'])
        with autocast:
            logits = model(ids)
        nll = F.cross_entropy(logits.float().reshape(-1, V), targets.reshape(-1), reduction='none')
        loss = (nll * mask.reshape(-1)).sum() / mask.sum().clamp(min=1)
        for opt in opts:
            opt.zero_grad(set_to_none=True)
        loss.backward()
        if job['gradClip'] > 0:
            torch.nn.utils.clip_grad_norm_(params, job['gradClip'])
        for opt in opts:
            opt.step()
        return loss.item()  # the one read-back per step, as ours (also synchronises a GPU)

    times, cpu_times, losses = [], [], []
    for i in range(steps):
        t0, c0 = time.perf_counter(), time.process_time()
        losses.append(step(i))
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)  # this process's CPU time: less sensitive to a busy machine
    out = {
        'torch': torch.__version__, 'threads': torch.get_num_threads(), 'device': str(dev),
        'params': sum(p.numel() for p in params), 'stepSeconds': times, 'cpuSeconds': cpu_times, 'losses': losses,
        'peakRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 'blas': blas_library(),
    }
    if dev.type == 'cuda':
        out['gpuName'] = torch.cuda.get_device_name()
        out['peakGpuMB'] = torch.cuda.max_memory_allocated() / 2 ** 20
    print(json.dumps(out))


if __name__ == '__main__':
    main()
