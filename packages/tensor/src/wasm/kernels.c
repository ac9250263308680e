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
// B is first packed into `pack` (K × N8 floats, N8 = N rounded up to 8, zero-padded): the
// micro-kernel then streams contiguous 8-wide rows of B and broadcasts single elements of A.
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

EXPORT(gemm)
void gemm(const float *a, const float *b, float *c, float *pack, u32 batch, u32 M, u32 N, u32 K,
          u32 ars, u32 acs, u32 brs, u32 bcs, u32 a_batch_stride, u32 b_batch_stride) {
  const u32 N8 = (N + 7) & ~7u;
  for (u32 t = 0; t < batch; t++) {
    const float *ab = a + t * a_batch_stride;
    float *cb = c + t * M * N;
    // A batch-broadcast B (stride 0) is packed once.
    if (t == 0 || b_batch_stride != 0) pack_b(b + t * b_batch_stride, pack, K, N, N8, brs, bcs);
    u32 i = 0;
    for (; i + 4 <= M; i += 4) {
      for (u32 j = 0; j < N8; j += 8) {
        v128_t r0a, r0b, r1a, r1b, r2a, r2b, r3a, r3b;
        kernel_4x8(ab + i * ars, ars, acs, pack + j, N8, K, &r0a, &r0b, &r1a, &r1b, &r2a, &r2b, &r3a, &r3b);
        const u32 n = N - j < 8 ? N - j : 8;
        store_row(cb + i * N + j, n, r0a, r0b);
        store_row(cb + (i + 1) * N + j, n, r1a, r1b);
        store_row(cb + (i + 2) * N + j, n, r2a, r2b);
        store_row(cb + (i + 3) * N + j, n, r3a, r3b);
      }
    }
    for (; i < M; i++) {
      for (u32 j = 0; j < N8; j += 8) {
        v128_t ra, rb;
        kernel_1x8(ab + i * ars, acs, pack + j, N8, K, &ra, &rb);
        store_row(cb + i * N + j, N - j < 8 ? N - j : 8, ra, rb);
      }
    }
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
