// The optimizer's passes over every parameter, as single loops: the AdamW
// update and the sum of squares behind global-norm gradient clipping. Both
// split the buffer into fixed chunks that the pool's threads take in turn, so
// the results do not depend on the thread count; each has a scalar twin.
#include "r1kernels.h"
#include <math.h>
#include <stdlib.h>
#include <stdatomic.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define R1K_X86 1
#endif

enum { CHUNK = 1 << 15 };   // elements per job: 128 KiB of each array

// ── AdamW ────────────────────────────────────────────────────────────────
// g = gscale·grad; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
// p −= lr·((m/c1) / (√(v/c2) + ε) + wd·p), with c1 = 1−β1ᵗ and c2 = 1−β2ᵗ.
static void adamw_scalar(int64_t n, float *p, const float *g, float *m, float *v, const r1k_adamw_args *a) {
    for (int64_t i = 0; i < n; i++) {
        float gi = g[i] * a->grad_scale;
        m[i] = a->beta1 * m[i] + (1 - a->beta1) * gi;
        v[i] = a->beta2 * v[i] + (1 - a->beta2) * gi * gi;
        float update = (m[i] / a->c1) / (sqrtf(v[i] / a->c2) + a->eps);
        p[i] -= a->lr * (update + a->weight_decay * p[i]);
    }
}

#ifdef R1K_X86
__attribute__((target("avx2,fma")))
static void adamw_avx2(int64_t n, float *p, const float *g, float *m, float *v, const r1k_adamw_args *a) {
    const __m256 gs = _mm256_set1_ps(a->grad_scale), b1 = _mm256_set1_ps(a->beta1), b2 = _mm256_set1_ps(a->beta2);
    const __m256 nb1 = _mm256_set1_ps(1 - a->beta1), nb2 = _mm256_set1_ps(1 - a->beta2);
    const __m256 c1 = _mm256_set1_ps(a->c1), c2 = _mm256_set1_ps(a->c2), eps = _mm256_set1_ps(a->eps);
    const __m256 lr = _mm256_set1_ps(a->lr), wd = _mm256_set1_ps(a->weight_decay);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 gi = _mm256_mul_ps(_mm256_loadu_ps(g + i), gs);
        __m256 mi = _mm256_add_ps(_mm256_mul_ps(b1, _mm256_loadu_ps(m + i)), _mm256_mul_ps(nb1, gi));
        __m256 vi = _mm256_add_ps(_mm256_mul_ps(b2, _mm256_loadu_ps(v + i)), _mm256_mul_ps(_mm256_mul_ps(nb2, gi), gi));
        __m256 update = _mm256_div_ps(_mm256_div_ps(mi, c1), _mm256_add_ps(_mm256_sqrt_ps(_mm256_div_ps(vi, c2)), eps));
        __m256 pi = _mm256_loadu_ps(p + i);
        pi = _mm256_sub_ps(pi, _mm256_mul_ps(lr, _mm256_add_ps(update, _mm256_mul_ps(wd, pi))));
        _mm256_storeu_ps(m + i, mi); _mm256_storeu_ps(v + i, vi); _mm256_storeu_ps(p + i, pi);
    }
    adamw_scalar(n - i, p + i, g + i, m + i, v + i, a);
}
#endif

typedef struct {
    int64_t n; float *p; const float *g; float *m, *v; const r1k_adamw_args *args; int simd;
    _Atomic int64_t next;
} adamw_ctx;

static void adamw_job(void *ctx, int32_t ith, int32_t nth) {
    adamw_ctx *c = ctx; (void)ith; (void)nth;
    for (int64_t i0; (i0 = atomic_fetch_add(&c->next, CHUNK)) < c->n;) {
        int64_t len = c->n - i0 < CHUNK ? c->n - i0 : CHUNK;
#ifdef R1K_X86
        if (c->simd) { adamw_avx2(len, c->p + i0, c->g + i0, c->m + i0, c->v + i0, c->args); continue; }
#endif
        adamw_scalar(len, c->p + i0, c->g + i0, c->m + i0, c->v + i0, c->args);
    }
}

void r1k_adamw(r1k_pool *pool, int64_t n, float *p, const float *g, float *m, float *v, const r1k_adamw_args *args) {
    adamw_ctx c = { n, p, g, m, v, args, r1k_simd_enabled(), 0 };
    r1k_pool_run(pool, adamw_job, &c);
}

void r1k_adamw_scalar(int64_t n, float *p, const float *g, float *m, float *v, const r1k_adamw_args *args) {
    adamw_scalar(n, p, g, m, v, args);
}

// ── Sum of squares ───────────────────────────────────────────────────────
// Each chunk is summed in double (8 lanes for SIMD, then lanes in order);
// chunk sums are added in chunk order.
static double sumsq_scalar(int64_t n, const float *x) {
    double s = 0; for (int64_t i = 0; i < n; i++) s += (double)x[i] * x[i]; return s;
}

#ifdef R1K_X86
__attribute__((target("avx2,fma")))
static double sumsq_avx2(int64_t n, const float *x) {
    __m256d lo = _mm256_setzero_pd(), hi = _mm256_setzero_pd();
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 xi = _mm256_loadu_ps(x + i);
        __m256d a = _mm256_cvtps_pd(_mm256_castps256_ps128(xi)), b = _mm256_cvtps_pd(_mm256_extractf128_ps(xi, 1));
        lo = _mm256_fmadd_pd(a, a, lo); hi = _mm256_fmadd_pd(b, b, hi);
    }
    double l[4], h[4];
    _mm256_storeu_pd(l, lo); _mm256_storeu_pd(h, hi);
    return l[0] + l[1] + l[2] + l[3] + h[0] + h[1] + h[2] + h[3] + sumsq_scalar(n - i, x + i);
}
#endif

typedef struct { int64_t n; const float *x; double *partial; int simd; _Atomic int64_t next; } sumsq_ctx;

static void sumsq_job(void *ctx, int32_t ith, int32_t nth) {
    sumsq_ctx *c = ctx; (void)ith; (void)nth;
    for (int64_t i0; (i0 = atomic_fetch_add(&c->next, CHUNK)) < c->n;) {
        int64_t len = c->n - i0 < CHUNK ? c->n - i0 : CHUNK;
#ifdef R1K_X86
        if (c->simd) { c->partial[i0 / CHUNK] = sumsq_avx2(len, c->x + i0); continue; }
#endif
        c->partial[i0 / CHUNK] = sumsq_scalar(len, c->x + i0);
    }
}

double r1k_sum_squares(r1k_pool *pool, int64_t n, const float *x) {
    int64_t chunks = (n + CHUNK - 1) / CHUNK;
    double stack[256], *partial = chunks <= 256 ? stack : malloc((size_t)chunks * sizeof(double));
    if (!partial) return NAN;
    sumsq_ctx c = { n, x, partial, r1k_simd_enabled(), 0 };
    r1k_pool_run(pool, sumsq_job, &c);
    double s = 0;
    for (int64_t i = 0; i < chunks; i++) s += partial[i];
    if (partial != stack) free(partial);
    return s;
}

double r1k_sum_squares_scalar(int64_t n, const float *x) { return sumsq_scalar(n, x); }
