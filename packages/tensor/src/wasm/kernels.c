// numfeat's WebAssembly SIMD training kernels. They run inside the memory of TF.js's wasm backend
// (the module imports it), so they read and write tensors in place, with no copies.
// Built by make-kernels.mjs (clang 14, wasm32 + simd128). Rules that keep them safe there:
// no static data, no libc, and nothing on the shadow stack (the module has none of its own: it
// must never write to linear memory except through the pointers it is given).
#include <wasm_simd128.h>

typedef unsigned int u32;
#define EXPORT(name) __attribute__((export_name(#name)))

// ---------------------------------------------------------------------------------------------
// GEMM: C[b] = A[b] · B[b] for a batch of row-major matrices, A and B given by strides so that
// transposed operands need no copy. A(i, k) = a[i·ars + k·acs], B(k, j) = b[k·brs + j·bcs].
// B is first packed into `pack` (K × N8 floats, N8 = N rounded up to 8, zero-padded; then 4·K
// floats for a panel of A): the micro-kernel streams contiguous 8-wide rows of B and broadcasts
// single elements of A.
// Summation runs over k in order 0..K−1 for every output, so results are deterministic.
// ---------------------------------------------------------------------------------------------

static void pack_b(const float *b, float *pack, u32 K, u32 N, u32 N8, u32 brs, u32 bcs) {
  for (u32 k = 0; k < K; k++) {
    const float *src = b + k * brs;
    float *dst = pack + k * N8;
    u32 j = 0;
    if (bcs == 1) {
      for (; j + 4 <= N; j += 4) wasm_v128_store(dst + j, wasm_v128_load(src + j));
    }
    for (; j < N; j++) dst[j] = src[j * bcs];
    for (; j < N8; j++) dst[j] = 0.0f;
  }
}

// 4 rows × 8 columns of C from packed B (row stride N8).
static inline void kernel_4x8(const float *a, u32 ars, u32 acs, const float *pb, u32 N8, u32 K,
                              v128_t *r0a, v128_t *r0b, v128_t *r1a, v128_t *r1b,
                              v128_t *r2a, v128_t *r2b, v128_t *r3a, v128_t *r3b) {
  v128_t c0a = wasm_f32x4_splat(0), c0b = c0a, c1a = c0a, c1b = c0a, c2a = c0a, c2b = c0a, c3a = c0a, c3b = c0a;
  const float *a0 = a, *a1 = a + ars, *a2 = a + 2 * ars, *a3 = a + 3 * ars;
  for (u32 k = 0; k < K; k++) {
    const v128_t b0 = wasm_v128_load(pb + k * N8);
    const v128_t b1 = wasm_v128_load(pb + k * N8 + 4);
    const u32 o = k * acs;
    v128_t x = wasm_f32x4_splat(a0[o]);
    c0a = wasm_f32x4_add(c0a, wasm_f32x4_mul(x, b0));
    c0b = wasm_f32x4_add(c0b, wasm_f32x4_mul(x, b1));
    x = wasm_f32x4_splat(a1[o]);
    c1a = wasm_f32x4_add(c1a, wasm_f32x4_mul(x, b0));
    c1b = wasm_f32x4_add(c1b, wasm_f32x4_mul(x, b1));
    x = wasm_f32x4_splat(a2[o]);
    c2a = wasm_f32x4_add(c2a, wasm_f32x4_mul(x, b0));
    c2b = wasm_f32x4_add(c2b, wasm_f32x4_mul(x, b1));
    x = wasm_f32x4_splat(a3[o]);
    c3a = wasm_f32x4_add(c3a, wasm_f32x4_mul(x, b0));
    c3b = wasm_f32x4_add(c3b, wasm_f32x4_mul(x, b1));
  }
  *r0a = c0a; *r0b = c0b; *r1a = c1a; *r1b = c1b; *r2a = c2a; *r2b = c2b; *r3a = c3a; *r3b = c3b;
}

// The same 4 × 8 block from a packed A panel (ap[4k + r] = A(i + r, k)): one vector load per k
// instead of four strided scalar loads, for A read transposed (column-major rows).
static inline void kernel_4x8_pa(const float *ap, const float *pb, u32 N8, u32 K,
                                 v128_t *r0a, v128_t *r0b, v128_t *r1a, v128_t *r1b,
                                 v128_t *r2a, v128_t *r2b, v128_t *r3a, v128_t *r3b) {
  v128_t c0a = wasm_f32x4_splat(0), c0b = c0a, c1a = c0a, c1b = c0a, c2a = c0a, c2b = c0a, c3a = c0a, c3b = c0a;
  for (u32 k = 0; k < K; k++) {
    const v128_t b0 = wasm_v128_load(pb + k * N8);
    const v128_t b1 = wasm_v128_load(pb + k * N8 + 4);
    const v128_t av = wasm_v128_load(ap + 4 * k);
    v128_t x = wasm_i32x4_shuffle(av, av, 0, 0, 0, 0);
    c0a = wasm_f32x4_add(c0a, wasm_f32x4_mul(x, b0));
    c0b = wasm_f32x4_add(c0b, wasm_f32x4_mul(x, b1));
    x = wasm_i32x4_shuffle(av, av, 1, 1, 1, 1);
    c1a = wasm_f32x4_add(c1a, wasm_f32x4_mul(x, b0));
    c1b = wasm_f32x4_add(c1b, wasm_f32x4_mul(x, b1));
    x = wasm_i32x4_shuffle(av, av, 2, 2, 2, 2);
    c2a = wasm_f32x4_add(c2a, wasm_f32x4_mul(x, b0));
    c2b = wasm_f32x4_add(c2b, wasm_f32x4_mul(x, b1));
    x = wasm_i32x4_shuffle(av, av, 3, 3, 3, 3);
    c3a = wasm_f32x4_add(c3a, wasm_f32x4_mul(x, b0));
    c3b = wasm_f32x4_add(c3b, wasm_f32x4_mul(x, b1));
  }
  *r0a = c0a; *r0b = c0b; *r1a = c1a; *r1b = c1b; *r2a = c2a; *r2b = c2b; *r3a = c3a; *r3b = c3b;
}

// One row × 8 columns (the rows left over when M is not a multiple of 4).
static inline void kernel_1x8(const float *a, u32 acs, const float *pb, u32 N8, u32 K, v128_t *ra, v128_t *rb) {
  v128_t ca = wasm_f32x4_splat(0), cb = ca;
  for (u32 k = 0; k < K; k++) {
    const v128_t x = wasm_f32x4_splat(a[k * acs]);
    ca = wasm_f32x4_add(ca, wasm_f32x4_mul(x, wasm_v128_load(pb + k * N8)));
    cb = wasm_f32x4_add(cb, wasm_f32x4_mul(x, wasm_v128_load(pb + k * N8 + 4)));
  }
  *ra = ca; *rb = cb;
}

// Stores 8 lanes of one output row, of which only `n` (1..8) are inside the matrix. Lane by lane
// with constant indices: a local array would live on the shadow stack, which this module lacks.
static inline void store_row(float *c, u32 n, v128_t va, v128_t vb) {
  if (n == 8) {
    wasm_v128_store(c, va);
    wasm_v128_store(c + 4, vb);
    return;
  }
  if (n > 0) c[0] = wasm_f32x4_extract_lane(va, 0);
  if (n > 1) c[1] = wasm_f32x4_extract_lane(va, 1);
  if (n > 2) c[2] = wasm_f32x4_extract_lane(va, 2);
  if (n > 3) c[3] = wasm_f32x4_extract_lane(va, 3);
  if (n > 4) c[4] = wasm_f32x4_extract_lane(vb, 0);
  if (n > 5) c[5] = wasm_f32x4_extract_lane(vb, 1);
  if (n > 6) c[6] = wasm_f32x4_extract_lane(vb, 2);
}

// C = A · B for one matrix, B already packed (pack_b) with row stride N8. Where A is read with a
// column stride (acs ≠ 1, i.e. transposed), each 4-row panel is first copied into `apack`
// (4·K floats) so that the panel is read contiguously by every 8-column block of C.
static void gemm_packed(const float *a, u32 ars, u32 acs, const float *pack, u32 N8, float *c, u32 M, u32 N, u32 K, float *apack) {
  u32 i = 0;
  for (; i + 4 <= M; i += 4) {
    const float *ai = a + i * ars;
    if (acs != 1) {
      for (u32 k = 0; k < K; k++) {
        apack[4 * k] = ai[k * acs];
        apack[4 * k + 1] = ai[ars + k * acs];
        apack[4 * k + 2] = ai[2 * ars + k * acs];
        apack[4 * k + 3] = ai[3 * ars + k * acs];
      }
    }
    for (u32 j = 0; j < N8; j += 8) {
      v128_t r0a, r0b, r1a, r1b, r2a, r2b, r3a, r3b;
      if (acs != 1) kernel_4x8_pa(apack, pack + j, N8, K, &r0a, &r0b, &r1a, &r1b, &r2a, &r2b, &r3a, &r3b);
      else kernel_4x8(ai, ars, acs, pack + j, N8, K, &r0a, &r0b, &r1a, &r1b, &r2a, &r2b, &r3a, &r3b);
      const u32 n = N - j < 8 ? N - j : 8;
      store_row(c + i * N + j, n, r0a, r0b);
      store_row(c + (i + 1) * N + j, n, r1a, r1b);
      store_row(c + (i + 2) * N + j, n, r2a, r2b);
      store_row(c + (i + 3) * N + j, n, r3a, r3b);
    }
  }
  for (; i < M; i++) {
    for (u32 j = 0; j < N8; j += 8) {
      v128_t ra, rb;
      kernel_1x8(a + i * ars, acs, pack + j, N8, K, &ra, &rb);
      store_row(c + i * N + j, N - j < 8 ? N - j : 8, ra, rb);
    }
  }
}

static inline u32 round8(u32 n) { return (n + 7) & ~7u; }

EXPORT(gemm)
void gemm(const float *a, const float *b, float *c, float *pack, u32 batch, u32 M, u32 N, u32 K,
          u32 ars, u32 acs, u32 brs, u32 bcs, u32 a_batch_stride, u32 b_batch_stride) {
  const u32 N8 = round8(N);
  for (u32 t = 0; t < batch; t++) {
    // A batch-broadcast B (stride 0) is packed once.
    if (t == 0 || b_batch_stride != 0) pack_b(b + t * b_batch_stride, pack, K, N, N8, brs, bcs);
    gemm_packed(a + t * a_batch_stride, ars, acs, pack, N8, c + t * M * N, M, N, K, pack + K * N8);
  }
}

// ---------------------------------------------------------------------------------------------
// exp(x) for 4 lanes: x = n·ln2 + r with |r| ≤ ln2/2, e^r by its degree-6 Taylor polynomial
// (relative error < 2e-7 there), times 2^n built in the exponent bits. x is clamped to
// [−87, 88]: e^−87 ≈ 1.6e−38 is as good as 0 beside the row's largest term, which is 1.
// ---------------------------------------------------------------------------------------------
static inline v128_t exp4(v128_t x) {
  x = wasm_f32x4_min(wasm_f32x4_max(x, wasm_f32x4_splat(-87.0f)), wasm_f32x4_splat(88.0f));
  const v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504088896341f)));
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  v128_t p = wasm_f32x4_splat(1.0f / 720);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 120));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 24));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 6));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(0.5f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f));
  const v128_t scale = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(p, scale);
}

static inline float hmax4(v128_t v) {
  v = wasm_f32x4_max(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  v = wasm_f32x4_max(v, wasm_i32x4_shuffle(v, v, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(v, 0);
}

static inline float hsum4(v128_t v) {
  v = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  v = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(v, 0);
}

// Scalar e^x through the vector routine (same rounding as the SIMD lanes).
static inline float exp1(float x) { return wasm_f32x4_extract_lane(exp4(wasm_f32x4_splat(x)), 0); }

// Per row of logits [rows, V]: stats[2i] = max_j x_ij, stats[2i+1] = Σ_j e^(x_ij − max).
// (log of the sum is taken by the caller: one call per row is not worth a vector routine.)
EXPORT(softmax_row_stats)
void softmax_row_stats(const float *x, float *stats, u32 rows, u32 V) {
  const u32 V4 = V & ~3u;
  for (u32 i = 0; i < rows; i++) {
    const float *row = x + i * V;
    float m = -3.4e38f;
    u32 j = 0;
    if (V4) {
      v128_t vm = wasm_v128_load(row);
      for (j = 4; j < V4; j += 4) vm = wasm_f32x4_max(vm, wasm_v128_load(row + j));
      m = hmax4(vm);
    }
    for (; j < V; j++) m = row[j] > m ? row[j] : m;
    const v128_t vmax = wasm_f32x4_splat(m);
    v128_t vs = wasm_f32x4_splat(0);
    for (j = 0; j < V4; j += 4) vs = wasm_f32x4_add(vs, exp4(wasm_f32x4_sub(wasm_v128_load(row + j), vmax)));
    float s = hsum4(vs);
    for (; j < V; j++) s += exp1(row[j] - m);
    stats[2 * i] = m;
    stats[2 * i + 1] = s;
  }
}

// dx_ij = g_i · (e^(x_ij − lse_i) − [j = t_i]): the gradient of nll_i = lse_i − x_{i,t_i}.
// Targets outside [0, V) contribute no one-hot term (their rows are masked by g_i = 0 upstream).
EXPORT(softmax_xent_grad)
void softmax_xent_grad(const float *x, const int *targets, const float *lse, const float *g, float *dx, u32 rows, u32 V) {
  const u32 V4 = V & ~3u;
  for (u32 i = 0; i < rows; i++) {
    const float *row = x + i * V;
    float *drow = dx + i * V;
    const v128_t vl = wasm_f32x4_splat(lse[i]);
    const v128_t vg = wasm_f32x4_splat(g[i]);
    u32 j = 0;
    for (; j < V4; j += 4) wasm_v128_store(drow + j, wasm_f32x4_mul(vg, exp4(wasm_f32x4_sub(wasm_v128_load(row + j), vl))));
    for (; j < V; j++) drow[j] = g[i] * exp1(row[j] - lse[i]);
    const int t = targets[i];
    if (t >= 0 && (u32)t < V) drow[t] -= g[i];
  }
}

// out[ids[i], :] += x[i, :] (rows of width d), out zeroed first: TF's UnsortedSegmentSum. Ids
// outside [0, segments) are skipped, as TF does. Rows are added in order i = 0..n−1.
EXPORT(scatter_add_rows)
void scatter_add_rows(const float *x, const int *ids, float *out, u32 n, u32 d, u32 segments) {
  const u32 total = segments * d;
  u32 z = 0;
  for (; z + 4 <= total; z += 4) wasm_v128_store(out + z, wasm_f32x4_splat(0));
  for (; z < total; z++) out[z] = 0.0f;
  const u32 d4 = d & ~3u;
  for (u32 i = 0; i < n; i++) {
    const int s = ids[i];
    if (s < 0 || (u32)s >= segments) continue;
    float *dst = out + (u32)s * d;
    const float *src = x + i * d;
    u32 j = 0;
    for (; j < d4; j += 4) wasm_v128_store(dst + j, wasm_f32x4_add(wasm_v128_load(dst + j), wasm_v128_load(src + j)));
    for (; j < d; j++) dst[j] += src[j];
  }
}

// ---------------------------------------------------------------------------------------------
// LSTM recurrence of one layer (PyTorch gate order i, f, g, o) over precomputed input gates
// xg [T, B, 4H] with W_h [H, 4H]: pre_s = xg_s + h_{s−1} W_h, c_s = f⊙c_{s−1} + i⊙g,
// h_s = o⊙tanh(c_s), h_{−1} = c_{−1} = 0. The forward keeps the activated gates and c for the
// backward (BPTT), which returns ∂L/∂xg and ∂L/∂W_h = Σ_s h_{s−1}ᵀ ∂L/∂pre_s.
// ---------------------------------------------------------------------------------------------
static inline v128_t sigmoid4(v128_t x) {
  const v128_t one = wasm_f32x4_splat(1.0f);
  return wasm_f32x4_div(one, wasm_f32x4_add(one, exp4(wasm_f32x4_neg(x))));
}
// tanh x = 2σ(2x) − 1 (absolute error ~1e−7, which is what float32 resolves near ±1 anyway).
static inline v128_t tanh4(v128_t x) {
  return wasm_f32x4_sub(wasm_f32x4_mul(wasm_f32x4_splat(2.0f), sigmoid4(wasm_f32x4_add(x, x))), wasm_f32x4_splat(1.0f));
}
static inline float sigmoid1(float x) { return wasm_f32x4_extract_lane(sigmoid4(wasm_f32x4_splat(x)), 0); }
static inline float tanh1(float x) { return wasm_f32x4_extract_lane(tanh4(wasm_f32x4_splat(x)), 0); }

// scratch: H·round8(4H) (packed W_h) + B·4H (pre-activations) floats.
EXPORT(lstm_forward)
void lstm_forward(const float *xg, const float *wh, float *hs, float *cs, float *acts, float *scratch, u32 T, u32 B, u32 H) {
  const u32 G = 4 * H, N8 = round8(G), H4 = H & ~3u;
  float *pack = scratch, *pre = scratch + H * N8;
  pack_b(wh, pack, H, G, N8, G, 1);
  for (u32 s = 0; s < T; s++) {
    const float *x = xg + s * B * G;
    if (s > 0) gemm_packed(hs + (s - 1) * B * H, H, 1, pack, N8, pre, B, G, H, 0);
    for (u32 b = 0; b < B; b++) {
      const float *xr = x + b * G;
      float *pr = pre + b * G;
      float *act = acts + (s * B + b) * G;
      const float *cPrev = s > 0 ? cs + ((s - 1) * B + b) * H : 0;
      float *c = cs + (s * B + b) * H, *h = hs + (s * B + b) * H;
      u32 j = 0;
      for (; j < H4; j += 4) {
        v128_t zi = wasm_v128_load(xr + j), zf = wasm_v128_load(xr + H + j), zg = wasm_v128_load(xr + 2 * H + j), zo = wasm_v128_load(xr + 3 * H + j);
        if (s > 0) {
          zi = wasm_f32x4_add(zi, wasm_v128_load(pr + j));
          zf = wasm_f32x4_add(zf, wasm_v128_load(pr + H + j));
          zg = wasm_f32x4_add(zg, wasm_v128_load(pr + 2 * H + j));
          zo = wasm_f32x4_add(zo, wasm_v128_load(pr + 3 * H + j));
        }
        const v128_t vi = sigmoid4(zi), vf = sigmoid4(zf), vg = tanh4(zg), vo = sigmoid4(zo);
        v128_t vc = wasm_f32x4_mul(vi, vg);
        if (s > 0) vc = wasm_f32x4_add(vc, wasm_f32x4_mul(vf, wasm_v128_load(cPrev + j)));
        wasm_v128_store(act + j, vi);
        wasm_v128_store(act + H + j, vf);
        wasm_v128_store(act + 2 * H + j, vg);
        wasm_v128_store(act + 3 * H + j, vo);
        wasm_v128_store(c + j, vc);
        wasm_v128_store(h + j, wasm_f32x4_mul(vo, tanh4(vc)));
      }
      for (; j < H; j++) {
        // pre holds nothing yet at s = 0 (h_{−1} = 0): read it only after the first step.
        const float pi = s > 0 ? pr[j] : 0.0f, pf = s > 0 ? pr[H + j] : 0.0f;
        const float pg = s > 0 ? pr[2 * H + j] : 0.0f, po = s > 0 ? pr[3 * H + j] : 0.0f;
        const float vi = sigmoid1(xr[j] + pi), vf = sigmoid1(xr[H + j] + pf);
        const float vg = tanh1(xr[2 * H + j] + pg), vo = sigmoid1(xr[3 * H + j] + po);
        const float vc = vi * vg + (s > 0 ? vf * cPrev[j] : 0.0f);
        act[j] = vi; act[H + j] = vf; act[2 * H + j] = vg; act[3 * H + j] = vo;
        c[j] = vc;
        h[j] = vo * tanh1(vc);
      }
    }
  }
}

// scratch: max(4H·round8(H) + 2·B·H, (T−1)·B·(round8(4H) + 4)) floats.
EXPORT(lstm_backward)
void lstm_backward(const float *dy, const float *wh, const float *hs, const float *cs, const float *acts,
                   float *dxg, float *dwh, float *scratch, u32 T, u32 B, u32 H) {
  const u32 G = 4 * H, NH8 = round8(H), H4 = H & ~3u;
  float *packT = scratch, *dhNext = scratch + G * NH8, *dcNext = dhNext + B * H;
  pack_b(wh, packT, G, H, NH8, 1, G); // W_hᵀ [4H, H]
  for (u32 s = T; s-- > 0;) {
    const u32 more = s + 1 < T;
    for (u32 b = 0; b < B; b++) {
      const u32 r = s * B + b;
      const float *act = acts + r * G, *c = cs + r * H, *d = dy + r * H;
      const float *cPrev = s > 0 ? cs + (r - B) * H : 0;
      float *dp = dxg + r * G, *dhn = dhNext + b * H, *dcn = dcNext + b * H;
      const v128_t one = wasm_f32x4_splat(1.0f);
      u32 j = 0;
      for (; j < H4; j += 4) {
        const v128_t vi = wasm_v128_load(act + j), vf = wasm_v128_load(act + H + j), vg = wasm_v128_load(act + 2 * H + j), vo = wasm_v128_load(act + 3 * H + j);
        const v128_t tc = tanh4(wasm_v128_load(c + j));
        v128_t dh = wasm_v128_load(d + j);
        if (more) dh = wasm_f32x4_add(dh, wasm_v128_load(dhn + j));
        v128_t dc = wasm_f32x4_mul(wasm_f32x4_mul(dh, vo), wasm_f32x4_sub(one, wasm_f32x4_mul(tc, tc)));
        if (more) dc = wasm_f32x4_add(dc, wasm_v128_load(dcn + j));
        const v128_t dI = wasm_f32x4_mul(dc, vg);
        const v128_t dF = s > 0 ? wasm_f32x4_mul(dc, wasm_v128_load(cPrev + j)) : wasm_f32x4_splat(0);
        const v128_t dG = wasm_f32x4_mul(dc, vi);
        const v128_t dO = wasm_f32x4_mul(dh, tc);
        wasm_v128_store(dcn + j, wasm_f32x4_mul(dc, vf));
        wasm_v128_store(dp + j, wasm_f32x4_mul(dI, wasm_f32x4_mul(vi, wasm_f32x4_sub(one, vi))));
        wasm_v128_store(dp + H + j, wasm_f32x4_mul(dF, wasm_f32x4_mul(vf, wasm_f32x4_sub(one, vf))));
        wasm_v128_store(dp + 2 * H + j, wasm_f32x4_mul(dG, wasm_f32x4_sub(one, wasm_f32x4_mul(vg, vg))));
        wasm_v128_store(dp + 3 * H + j, wasm_f32x4_mul(dO, wasm_f32x4_mul(vo, wasm_f32x4_sub(one, vo))));
      }
      for (; j < H; j++) {
        const float vi = act[j], vf = act[H + j], vg = act[2 * H + j], vo = act[3 * H + j];
        const float tc = tanh1(c[j]);
        const float dh = d[j] + (more ? dhn[j] : 0.0f);
        const float dc = dh * vo * (1.0f - tc * tc) + (more ? dcn[j] : 0.0f);
        const float dF = s > 0 ? dc * cPrev[j] : 0.0f;
        dcn[j] = dc * vf;
        dp[j] = dc * vg * vi * (1.0f - vi);
        dp[H + j] = dF * vf * (1.0f - vf);
        dp[2 * H + j] = dc * vi * (1.0f - vg * vg);
        dp[3 * H + j] = dh * tc * vo * (1.0f - vo);
      }
    }
    if (s > 0) gemm_packed(dxg + s * B * G, G, 1, packT, NH8, dhNext, B, H, G, 0);
  }
  // ∂L/∂W_h = Σ_{s≥1} h_{s−1}ᵀ ∂L/∂pre_s: one [H, (T−1)B] · [(T−1)B, 4H] product (h_{−1} = 0).
  if (T < 2) {
    for (u32 z = 0; z < H * G; z++) dwh[z] = 0.0f;
    return;
  }
  const u32 K = (T - 1) * B, N8 = round8(G);
  pack_b(dxg + B * G, scratch, K, G, N8, G, 1);
  gemm_packed(hs, 1, H, scratch, N8, dwh, H, G, K, scratch + K * N8);
}

// ---------------------------------------------------------------------------------------------
// One AdamW update over n elements, into fresh outputs (TF.js tensors are immutable):
// m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², p' = p(1 − decay) − lr·(m'/bc₁) / (√(v'/bc₂) + ε),
// the same float32 operations in the same order as the composite update in @numfeat/models.
// ---------------------------------------------------------------------------------------------
EXPORT(adamw_update)
void adamw_update(const float *p, const float *g, const float *m, const float *v, float *po, float *mo, float *vo, u32 n,
                  float lr, float b1, float b2, float bc1, float bc2, float eps, float keep) {
  const v128_t vb1 = wasm_f32x4_splat(b1), vb2 = wasm_f32x4_splat(b2), va1 = wasm_f32x4_splat(1 - b1), va2 = wasm_f32x4_splat(1 - b2);
  const v128_t vbc1 = wasm_f32x4_splat(bc1), vbc2 = wasm_f32x4_splat(bc2), veps = wasm_f32x4_splat(eps), vlr = wasm_f32x4_splat(lr), vkeep = wasm_f32x4_splat(keep);
  u32 i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t gi = wasm_v128_load(g + i);
    const v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), vb1), wasm_f32x4_mul(gi, va1));
    const v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(v + i), vb2), wasm_f32x4_mul(wasm_f32x4_mul(gi, gi), va2));
    const v128_t upd = wasm_f32x4_div(wasm_f32x4_div(mi, vbc1), wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(vi, vbc2)), veps));
    wasm_v128_store(mo + i, mi);
    wasm_v128_store(vo + i, vi);
    wasm_v128_store(po + i, wasm_f32x4_sub(wasm_f32x4_mul(wasm_v128_load(p + i), vkeep), wasm_f32x4_mul(upd, vlr)));
  }
  for (; i < n; i++) {
    const float mi = m[i] * b1 + g[i] * (1 - b1);
    const float vi = v[i] * b2 + g[i] * g[i] * (1 - b2);
    const float upd = (mi / bc1) / (__builtin_sqrtf(vi / bc2) + eps);
    mo[i] = mi;
    vo[i] = vi;
    po[i] = p[i] * keep - upd * lr;
  }
}

// ---------------------------------------------------------------------------------------------
// RMSNorm over rows of x [R, d]: r_i = 1/√(mean_j x_ij² + eps), y = x·r·gain. The backward, with
// u = gain⊙dy: dx = r·u − x·r³·(Σ_j x_ij u_ij)/d, dgain = Σ_i dy_i⊙x_i·r_i.
// ---------------------------------------------------------------------------------------------
EXPORT(rmsnorm_forward)
void rmsnorm_forward(const float *x, const float *gain, float *y, float *rstd, u32 R, u32 d, float eps) {
  const u32 d4 = d & ~3u;
  for (u32 i = 0; i < R; i++) {
    const float *row = x + i * d;
    float *out = y + i * d;
    v128_t acc = wasm_f32x4_splat(0);
    u32 j = 0;
    for (; j < d4; j += 4) { const v128_t v = wasm_v128_load(row + j); acc = wasm_f32x4_add(acc, wasm_f32x4_mul(v, v)); }
    float ss = hsum4(acc);
    for (; j < d; j++) ss += row[j] * row[j];
    const float r = 1.0f / __builtin_sqrtf(ss / (float)d + eps);
    rstd[i] = r;
    const v128_t vr = wasm_f32x4_splat(r);
    for (j = 0; j < d4; j += 4) wasm_v128_store(out + j, wasm_f32x4_mul(wasm_f32x4_mul(wasm_v128_load(row + j), vr), wasm_v128_load(gain + j)));
    for (; j < d; j++) out[j] = row[j] * r * gain[j];
  }
}

EXPORT(rmsnorm_backward)
void rmsnorm_backward(const float *dy, const float *x, const float *gain, const float *rstd, float *dx, float *dgain, u32 R, u32 d) {
  const u32 d4 = d & ~3u;
  for (u32 j = 0; j < d; j++) dgain[j] = 0.0f;
  for (u32 i = 0; i < R; i++) {
    const float *g = dy + i * d, *row = x + i * d;
    float *out = dx + i * d;
    const float r = rstd[i];
    v128_t acc = wasm_f32x4_splat(0);
    u32 j = 0;
    for (; j < d4; j += 4) acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(row + j), wasm_f32x4_mul(wasm_v128_load(gain + j), wasm_v128_load(g + j))));
    float dot = hsum4(acc);
    for (; j < d; j++) dot += row[j] * gain[j] * g[j];
    const float c = r * r * r * dot / (float)d;
    const v128_t vr = wasm_f32x4_splat(r), vc = wasm_f32x4_splat(c);
    for (j = 0; j < d4; j += 4) {
      const v128_t xv = wasm_v128_load(row + j), gv = wasm_v128_load(g + j);
      wasm_v128_store(out + j, wasm_f32x4_sub(wasm_f32x4_mul(vr, wasm_f32x4_mul(wasm_v128_load(gain + j), gv)), wasm_f32x4_mul(xv, vc)));
      wasm_v128_store(dgain + j, wasm_f32x4_add(wasm_v128_load(dgain + j), wasm_f32x4_mul(gv, wasm_f32x4_mul(xv, vr))));
    }
    for (; j < d; j++) {
      out[j] = r * gain[j] * g[j] - row[j] * c;
      dgain[j] += g[j] * row[j] * r;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Strided copy of a block of 4-byte elements (a slice of up to 4 dimensions): out is dense
// [n0, n1, n2, n3]; element (i, j, k, l) comes from x[start + i·s0 + j·s1 + k·s2 + l]. TF.js's
// own wasm Slice first copies the WHOLE source into JavaScript, then the rows one by one.
// ---------------------------------------------------------------------------------------------
EXPORT(slice4)
void slice4(const u32 *x, u32 *out, u32 n0, u32 n1, u32 n2, u32 n3, u32 s0, u32 s1, u32 s2, u32 start) {
  const u32 n34 = n3 & ~3u;
  for (u32 i = 0; i < n0; i++)
    for (u32 j = 0; j < n1; j++)
      for (u32 k = 0; k < n2; k++) {
        const u32 *src = x + start + i * s0 + j * s1 + k * s2;
        u32 l = 0;
        for (; l < n34; l += 4) wasm_v128_store(out + l, wasm_v128_load(src + l));
        for (; l < n3; l++) out[l] = src[l];
        out += n3;
      }
}

// ---------------------------------------------------------------------------------------------
// Causal softmax attention, one kernel each way, for q [N, T, hd] and k, v [N/group, T, hd]
// (grouped-query: query sequence n reads key/value sequence n / group):
//   out_i = Σ_{j ≤ i} p_ij v_j,  p_ij = e^(s_ij − m_i) / l_i,  s_ij = scale · q_i·k_j.
// The forward keeps only m_i and l_i (stats [N, T, 2]); the backward recomputes p from q and k
// (no [T, T] matrix is stored) and uses D_i = dout_i·out_i:
//   dS_ij = p_ij (dout_i·v_j − D_i),  dq_i = scale Σ_j dS_ij k_j,  dk_j = scale Σ_i dS_ij q_i,
//   dv_j = Σ_i p_ij dout_i.
// scratch: T floats (one row of scores).
// ---------------------------------------------------------------------------------------------
static inline float dot(const float *a, const float *b, u32 n) {
  const u32 n4 = n & ~3u;
  v128_t acc = wasm_f32x4_splat(0);
  u32 j = 0;
  for (; j < n4; j += 4) acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(a + j), wasm_v128_load(b + j)));
  float s = hsum4(acc);
  for (; j < n; j++) s += a[j] * b[j];
  return s;
}

// y += a · x over n floats.
static inline void axpy(float *y, float a, const float *x, u32 n) {
  const u32 n4 = n & ~3u;
  const v128_t va = wasm_f32x4_splat(a);
  u32 j = 0;
  for (; j < n4; j += 4) wasm_v128_store(y + j, wasm_f32x4_add(wasm_v128_load(y + j), wasm_f32x4_mul(va, wasm_v128_load(x + j))));
  for (; j < n; j++) y[j] += a * x[j];
}

EXPORT(attention_forward)
void attention_forward(const float *q, const float *k, const float *v, float *out, float *stats, float *scores,
                       u32 N, u32 T, u32 hd, u32 group, float scale) {
  for (u32 n = 0; n < N; n++) {
    const float *qn = q + n * T * hd, *kn = k + (n / group) * T * hd, *vn = v + (n / group) * T * hd;
    for (u32 i = 0; i < T; i++) {
      const float *qi = qn + i * hd;
      float m = -3.4e38f;
      for (u32 j = 0; j <= i; j++) {
        const float s = scale * dot(qi, kn + j * hd, hd);
        scores[j] = s;
        m = s > m ? s : m;
      }
      float l = 0.0f;
      for (u32 j = 0; j <= i; j++) {
        const float p = exp1(scores[j] - m);
        scores[j] = p;
        l += p;
      }
      float *oi = out + (n * T + i) * hd;
      for (u32 c = 0; c < hd; c++) oi[c] = 0.0f;
      const float inv = 1.0f / l;
      for (u32 j = 0; j <= i; j++) axpy(oi, scores[j] * inv, vn + j * hd, hd);
      stats[2 * (n * T + i)] = m;
      stats[2 * (n * T + i) + 1] = l;
    }
  }
}

EXPORT(attention_backward)
void attention_backward(const float *q, const float *k, const float *v, const float *out, const float *stats, const float *dout,
                        float *dq, float *dk, float *dv, u32 N, u32 T, u32 hd, u32 group, float scale) {
  const u32 kvTotal = (N / group) * T * hd;
  for (u32 z = 0; z < kvTotal; z++) { dk[z] = 0.0f; dv[z] = 0.0f; }
  for (u32 n = 0; n < N; n++) {
    const u32 kvo = (n / group) * T * hd;
    const float *qn = q + n * T * hd, *kn = k + kvo, *vn = v + kvo;
    float *dkn = dk + kvo, *dvn = dv + kvo;
    for (u32 i = 0; i < T; i++) {
      const u32 r = n * T + i;
      const float *qi = qn + i * hd, *doi = dout + r * hd;
      float *dqi = dq + r * hd;
      for (u32 c = 0; c < hd; c++) dqi[c] = 0.0f;
      const float m = stats[2 * r], inv = 1.0f / stats[2 * r + 1];
      const float D = dot(doi, out + r * hd, hd);
      for (u32 j = 0; j <= i; j++) {
        const float p = exp1(scale * dot(qi, kn + j * hd, hd) - m) * inv;
        const float ds = p * (dot(doi, vn + j * hd, hd) - D) * scale;
        axpy(dqi, ds, kn + j * hd, hd);
        axpy(dkn + j * hd, ds, qi, hd);
        axpy(dvn + j * hd, p, doi, hd);
      }
    }
  }
}
