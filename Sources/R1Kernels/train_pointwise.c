// Row-wise and element-wise training passes that are too heavy for a Swift
// loop on the 49,152-column vocabulary and the feed-forward width: masked
// cross-entropy with its gradient (in place, one row at a time) and the SwiGLU
// gate forward and backward. Each has a vector-exp AVX2 version and a scalar
// twin on expf; rows and chunks are shared over the pool, and each row or
// element is computed by one thread, so results do not depend on the thread count.
#include "r1kernels.h"
#include <math.h>
#include <stdatomic.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define R1K_X86 1
#endif

enum { CHUNK = 1 << 14 };   // elements per SwiGLU job

#ifdef R1K_X86
// e^x for 8 lanes: x = n·ln2 + r with |r| ≤ ln2/2, e^r by a degree-6 polynomial
// (Taylor coefficients; relative error ~2e-7 on that interval), 2^n put into the
// exponent bits. Inputs are clamped to [−87.3, 88.3] (results 0 < y < +inf).
__attribute__((target("avx2,fma"), always_inline))
static inline __m256 exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.3f)), _mm256_set1_ps(88.3f));
    __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693145752f), x);       // ln2 split in a high part …
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(1.42860677e-6f), r);            // … and the rest
    __m256 p = _mm256_set1_ps(1.0f / 720);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 120));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 24));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 6));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
    __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(e));
}

__attribute__((target("avx2,fma"), always_inline))
static inline float hsum8(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

__attribute__((target("avx2,fma"), always_inline))
static inline float hmax8(__m256 v) {
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}
#endif

// ── Cross-entropy ────────────────────────────────────────────────────────
// One row: returns lse(z) − z[y]; writes dz = w·(softmax(z) − onehot(y)).
// dz may be z (each z[j] is read before dz[j] is written).
static double ce_row_scalar(int64_t V, const float *z, float *dz, int32_t y, float w) {
    float mx = -INFINITY, zy = z[y];
    for (int64_t j = 0; j < V; j++) if (z[j] > mx) mx = z[j];
    float sum = 0;
    for (int64_t j = 0; j < V; j++) sum += expf(z[j] - mx);
    float scale = w / sum;
    for (int64_t j = 0; j < V; j++) dz[j] = expf(z[j] - mx) * scale;
    dz[y] -= w;
    return (double)mx + log((double)sum) - (double)zy;
}

#ifdef R1K_X86
__attribute__((target("avx2,fma")))
static double ce_row_avx2(int64_t V, const float *z, float *dz, int32_t y, float w) {
    float zy = z[y];
    int64_t V8 = V - V % 8, j;
    __m256 m8 = _mm256_set1_ps(-INFINITY);
    for (j = 0; j < V8; j += 8) m8 = _mm256_max_ps(m8, _mm256_loadu_ps(z + j));
    float mx = hmax8(m8);
    for (; j < V; j++) if (z[j] > mx) mx = z[j];
    __m256 mxv = _mm256_set1_ps(mx), s8 = _mm256_setzero_ps();
    for (j = 0; j < V8; j += 8) s8 = _mm256_add_ps(s8, exp8(_mm256_sub_ps(_mm256_loadu_ps(z + j), mxv)));
    float sum = hsum8(s8);
    for (; j < V; j++) sum += expf(z[j] - mx);
    float scale = w / sum;
    __m256 sc = _mm256_set1_ps(scale);
    for (j = 0; j < V8; j += 8) _mm256_storeu_ps(dz + j, _mm256_mul_ps(exp8(_mm256_sub_ps(_mm256_loadu_ps(z + j), mxv)), sc));
    for (; j < V; j++) dz[j] = expf(z[j] - mx) * scale;
    dz[y] -= w;
    return (double)mx + log((double)sum) - (double)zy;
}
#endif

typedef struct {
    int64_t N, V; const float *z; float *dz; const int32_t *targets; const float *weights; double *losses; int simd;
    _Atomic int64_t next;
} ce_ctx;

static void ce_job(void *p, int32_t ith, int32_t nth) {
    ce_ctx *c = p; (void)ith; (void)nth;
    for (int64_t n; (n = atomic_fetch_add(&c->next, 1)) < c->N;) {
        const float *z = c->z + n * c->V; float *dz = c->dz + n * c->V;
        if (c->weights[n] == 0) { memset(dz, 0, (size_t)c->V * sizeof(float)); c->losses[n] = 0; continue; }
#ifdef R1K_X86
        if (c->simd) { c->losses[n] = ce_row_avx2(c->V, z, dz, c->targets[n], c->weights[n]); continue; }
#endif
        c->losses[n] = ce_row_scalar(c->V, z, dz, c->targets[n], c->weights[n]);
    }
}

static void cross_entropy(r1k_pool *pool, int simd, int64_t N, int64_t V, const float *z, float *dz,
                          const int32_t *targets, const float *weights, double *losses) {
    ce_ctx c = { N, V, z, dz, targets, weights, losses, simd, 0 };
    r1k_pool_run(pool, ce_job, &c);
}

void r1k_cross_entropy(r1k_pool *pool, int64_t N, int64_t V, const float *z, float *dz, const int32_t *targets,
                       const float *weights, double *losses) {
    cross_entropy(pool, r1k_simd_enabled(), N, V, z, dz, targets, weights, losses);
}
void r1k_cross_entropy_scalar(int64_t N, int64_t V, const float *z, float *dz, const int32_t *targets,
                              const float *weights, double *losses) {
    cross_entropy(NULL, 0, N, V, z, dz, targets, weights, losses);
}

// ── SwiGLU: h = silu(g)·u, silu(g) = g·σ(g) ──────────────────────────────
// backward: dg = dh·u·σ(g)·(1 + g·(1 − σ(g))), du = dh·silu(g).
static void swiglu_scalar(int64_t n, const float *g, const float *u, const float *dh, float *h, float *dg, float *du) {
    for (int64_t i = 0; i < n; i++) {
        float s = 1.0f / (1.0f + expf(-g[i]));
        if (!dh) { h[i] = g[i] * s * u[i]; continue; }
        dg[i] = dh[i] * u[i] * s * (1.0f + g[i] * (1.0f - s));
        du[i] = dh[i] * g[i] * s;
    }
}

#ifdef R1K_X86
__attribute__((target("avx2,fma")))
static void swiglu_avx2(int64_t n, const float *g, const float *u, const float *dh, float *h, float *dg, float *du) {
    const __m256 one = _mm256_set1_ps(1.0f), zero = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 gi = _mm256_loadu_ps(g + i), ui = _mm256_loadu_ps(u + i);
        __m256 s = _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_sub_ps(zero, gi))));
        __m256 silu = _mm256_mul_ps(gi, s);
        if (!dh) { _mm256_storeu_ps(h + i, _mm256_mul_ps(silu, ui)); continue; }
        __m256 d = _mm256_loadu_ps(dh + i);
        __m256 ds = _mm256_mul_ps(s, _mm256_fmadd_ps(gi, _mm256_sub_ps(one, s), one));
        _mm256_storeu_ps(dg + i, _mm256_mul_ps(_mm256_mul_ps(d, ui), ds));
        _mm256_storeu_ps(du + i, _mm256_mul_ps(d, silu));
    }
    swiglu_scalar(n - i, g + i, u + i, dh ? dh + i : NULL, h ? h + i : NULL, dg ? dg + i : NULL, du ? du + i : NULL);
}
#endif

typedef struct {
    int64_t n; const float *g, *u, *dh; float *h, *dg, *du; int simd;
    _Atomic int64_t next;
} swiglu_ctx;

static void swiglu_job(void *p, int32_t ith, int32_t nth) {
    swiglu_ctx *c = p; (void)ith; (void)nth;
    for (int64_t i0; (i0 = atomic_fetch_add(&c->next, CHUNK)) < c->n;) {
        int64_t len = c->n - i0 < CHUNK ? c->n - i0 : CHUNK;
        const float *dh = c->dh ? c->dh + i0 : NULL;
        float *h = c->h ? c->h + i0 : NULL, *dg = c->dg ? c->dg + i0 : NULL, *du = c->du ? c->du + i0 : NULL;
#ifdef R1K_X86
        if (c->simd) { swiglu_avx2(len, c->g + i0, c->u + i0, dh, h, dg, du); continue; }
#endif
        swiglu_scalar(len, c->g + i0, c->u + i0, dh, h, dg, du);
    }
}

static void swiglu(r1k_pool *pool, int simd, int64_t n, const float *g, const float *u, const float *dh,
                   float *h, float *dg, float *du) {
    swiglu_ctx c = { n, g, u, dh, h, dg, du, simd, 0 };
    r1k_pool_run(pool, swiglu_job, &c);
}

void r1k_swiglu_forward(r1k_pool *pool, int64_t n, const float *g, const float *u, float *h) {
    swiglu(pool, r1k_simd_enabled(), n, g, u, NULL, h, NULL, NULL);
}
void r1k_swiglu_forward_scalar(int64_t n, const float *g, const float *u, float *h) {
    swiglu(NULL, 0, n, g, u, NULL, h, NULL, NULL);
}
void r1k_swiglu_backward(r1k_pool *pool, int64_t n, const float *g, const float *u, const float *dh, float *dg, float *du) {
    swiglu(pool, r1k_simd_enabled(), n, g, u, dh, NULL, dg, du);
}
void r1k_swiglu_backward_scalar(int64_t n, const float *g, const float *u, const float *dh, float *dg, float *du) {
    swiglu(NULL, 0, n, g, u, dh, NULL, dg, du);
}
