// Training kernels in fp32: a general matrix product that serves the forward
// and both backward products of a linear layer, a blocked transpose, and causal
// attention forward/backward that keeps the softmax probabilities for the
// backward pass. Each SIMD (AVX2/FMA) routine has a plain scalar twin; the
// public entry points share the work out over the r1k_pool.
#include "r1kernels.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define R1K_X86 1
#endif

// ── Matrix product ───────────────────────────────────────────────────────
// C (M, N) = [C +] A · B with A(m, k) = A[m·a_rs + k·a_cs] and B(k, n) = B[k·ldb + n].

void r1k_gemm_scalar(int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
                     const float *B, int64_t ldb, float *C, int64_t ldc, int32_t accumulate) {
    for (int64_t m = 0; m < M; m++) {
        float *c = C + m * ldc;
        if (!accumulate) memset(c, 0, (size_t)N * sizeof(float));
        for (int64_t k = 0; k < K; k++) {
            float a = A[m * a_rs + k * a_cs];
            const float *b = B + k * ldb;
            for (int64_t n = 0; n < N; n++) c[n] += a * b[n];
        }
    }
}

#ifdef R1K_X86
// Rows m0 … m0+MR−1 of C, columns n0 … n0+15: 2·MR accumulators of 8 floats,
// each step broadcasts MR values of A and loads 16 of B.
#define GEMM_MR 6
__attribute__((target("avx2,fma"), always_inline))
static inline void gemm_tile_avx2(int mr, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
                                  const float *B, int64_t ldb, float *C, int64_t ldc, int accumulate) {
    __m256 acc[GEMM_MR][2];
    for (int r = 0; r < GEMM_MR; r++) { acc[r][0] = _mm256_setzero_ps(); acc[r][1] = _mm256_setzero_ps(); }
    for (int64_t k = 0; k < K; k++) {
        const float *b = B + k * ldb;
        __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
        const float *a = A + k * a_cs;
        for (int r = 0; r < mr; r++) {
            __m256 av = _mm256_broadcast_ss(a + r * a_rs);
            acc[r][0] = _mm256_fmadd_ps(av, b0, acc[r][0]);
            acc[r][1] = _mm256_fmadd_ps(av, b1, acc[r][1]);
        }
    }
    for (int r = 0; r < mr; r++) {
        float *c = C + r * ldc;
        if (accumulate) {
            acc[r][0] = _mm256_add_ps(acc[r][0], _mm256_loadu_ps(c));
            acc[r][1] = _mm256_add_ps(acc[r][1], _mm256_loadu_ps(c + 8));
        }
        _mm256_storeu_ps(c, acc[r][0]); _mm256_storeu_ps(c + 8, acc[r][1]);
    }
}

__attribute__((target("avx2,fma")))
void r1k_gemm_avx2(int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
                   const float *B, int64_t ldb, float *C, int64_t ldc, int32_t accumulate) {
    int64_t N16 = N - N % 16;
    for (int64_t n = 0; n < N16; n += 16) {
        int64_t m = 0;
        for (; m + GEMM_MR <= M; m += GEMM_MR)
            gemm_tile_avx2(GEMM_MR, K, A + m * a_rs, a_rs, a_cs, B + n, ldb, C + m * ldc + n, ldc, accumulate);
        if (m < M)
            gemm_tile_avx2((int)(M - m), K, A + m * a_rs, a_rs, a_cs, B + n, ldb, C + m * ldc + n, ldc, accumulate);
    }
    if (N16 < N) r1k_gemm_scalar(M, N - N16, K, A, a_rs, a_cs, B + N16, ldb, C + N16, ldc, accumulate);
}
#else
void r1k_gemm_avx2(int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
                   const float *B, int64_t ldb, float *C, int64_t ldc, int32_t accumulate) {
    r1k_gemm_scalar(M, N, K, A, a_rs, a_cs, B, ldb, C, ldc, accumulate);
}
#endif

// Blocks of C handed to the threads: BM rows × BN columns, swept over K in slices
// of KC so the slice of B's panel (KC × BN, 128 KiB) stays in L2.
enum { GEMM_BM = 96, GEMM_BN = 128, GEMM_KC = 256 };

typedef struct {
    int64_t M, N, K; const float *A; int64_t a_rs, a_cs; const float *B; int64_t ldb;
    float *C; int64_t ldc; int32_t accumulate, simd;
    _Atomic int64_t next;
} gemm_ctx;

static void gemm_job(void *p, int32_t ith, int32_t nth) {
    gemm_ctx *c = (gemm_ctx *)p; (void)ith; (void)nth;
    int64_t nbm = (c->M + GEMM_BM - 1) / GEMM_BM, nbn = (c->N + GEMM_BN - 1) / GEMM_BN;
    for (int64_t job; (job = atomic_fetch_add(&c->next, 1)) < nbm * nbn;) {
        int64_t bn = job / nbm, bm = job % nbm;   // consecutive jobs share a B panel
        int64_t m0 = bm * GEMM_BM, n0 = bn * GEMM_BN;
        int64_t mb = c->M - m0 < GEMM_BM ? c->M - m0 : GEMM_BM, nb = c->N - n0 < GEMM_BN ? c->N - n0 : GEMM_BN;
        float *C = c->C + m0 * c->ldc + n0;
        for (int64_t k0 = 0; k0 < c->K || k0 == 0; k0 += GEMM_KC) {
            int64_t kb = c->K - k0 < GEMM_KC ? c->K - k0 : GEMM_KC;
            const float *A = c->A + m0 * c->a_rs + k0 * c->a_cs, *B = c->B + k0 * c->ldb + n0;
            int32_t acc = c->accumulate || k0 > 0;
            if (c->simd) r1k_gemm_avx2(mb, nb, kb, A, c->a_rs, c->a_cs, B, c->ldb, C, c->ldc, acc);
            else r1k_gemm_scalar(mb, nb, kb, A, c->a_rs, c->a_cs, B, c->ldb, C, c->ldc, acc);
        }
    }
}

void r1k_gemm(r1k_pool *pool, int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
              const float *B, int64_t ldb, float *C, int64_t ldc, int32_t accumulate) {
    if (M <= 0 || N <= 0) return;
    gemm_ctx c = { M, N, K, A, a_rs, a_cs, B, ldb, C, ldc, accumulate, r1k_simd_enabled(), 0 };
    r1k_pool_run(pool, gemm_job, &c);
}

void r1k_transpose(const float *src, int64_t rows, int64_t cols, float *dst) {
    enum { TB = 32 };
    for (int64_t r0 = 0; r0 < rows; r0 += TB)
        for (int64_t c0 = 0; c0 < cols; c0 += TB) {
            int64_t r1 = r0 + TB < rows ? r0 + TB : rows, c1 = c0 + TB < cols ? c0 + TB : cols;
            for (int64_t r = r0; r < r1; r++)
                for (int64_t c = c0; c < c1; c++) dst[c * rows + r] = src[r * cols + c];
        }
}

// ── Vector helpers for attention (scalar twin + AVX2) ────────────────────
static float dot_scalar(int n, const float *a, const float *b) {
    float s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s;
}
static void axpy_scalar(int n, float alpha, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] += alpha * x[i];
}
#ifdef R1K_X86
__attribute__((target("avx2,fma")))
static float dot_avx2(int n, const float *a, const float *b) {
    __m256 acc = _mm256_setzero_ps(); int i = 0;
    for (; i + 8 <= n; i += 8) acc = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc);
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(acc), _mm256_extractf128_ps(acc, 1));
    s = _mm_hadd_ps(s, s); s = _mm_hadd_ps(s, s);
    float r = _mm_cvtss_f32(s);
    for (; i < n; i++) r += a[i] * b[i];
    return r;
}
__attribute__((target("avx2,fma")))
static void axpy_avx2(int n, float alpha, const float *x, float *y) {
    __m256 a = _mm256_set1_ps(alpha); int i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, _mm256_fmadd_ps(a, _mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i)));
    for (; i < n; i++) y[i] += alpha * x[i];
}
#else
static float dot_avx2(int n, const float *a, const float *b) { return dot_scalar(n, a, b); }
static void axpy_avx2(int n, float alpha, const float *x, float *y) { axpy_scalar(n, alpha, x, y); }
#endif
static inline float vdot(int simd, int n, const float *a, const float *b) {
    return simd ? dot_avx2(n, a, b) : dot_scalar(n, a, b);
}
static inline void vaxpy(int simd, int n, float alpha, const float *x, float *y) {
    if (simd) axpy_avx2(n, alpha, x, y); else axpy_scalar(n, alpha, x, y);
}

// ── Causal attention for training ────────────────────────────────────────
// q (B, T, H·D), k and v (B, T, Hkv·D), probs (B, H, T, T), out/dout (B, T, H·D).
typedef struct {
    const float *q, *k, *v, *probs, *dout; float *P, *out, *dq, *dk, *dv;
    int64_t B, T; int32_t H, Hkv, D, simd;
    _Atomic int64_t next;
} attn_ctx;

// One (b, h): probabilities P[t, j] = softmax_j≤t(q_t·k_j / √D), out_t = Σ_j P[t, j] v_j.
static void attn_forward_head(const attn_ctx *c, int64_t b, int h) {
    int64_t T = c->T; int D = c->D, QS = c->H * D, KS = c->Hkv * D, kh = h / (c->H / c->Hkv);
    float scale = 1.0f / sqrtf((float)D);
    for (int64_t t = 0; t < T; t++) {
        const float *qt = c->q + (b * T + t) * QS + h * D;
        float *p = c->P + ((b * c->H + h) * T + t) * T;
        float mx = -INFINITY;
        for (int64_t j = 0; j <= t; j++) {
            p[j] = scale * vdot(c->simd, D, qt, c->k + (b * T + j) * KS + kh * D);
            if (p[j] > mx) mx = p[j];
        }
        float sum = 0;
        for (int64_t j = 0; j <= t; j++) { p[j] = expf(p[j] - mx); sum += p[j]; }
        float inv = 1.0f / sum;
        for (int64_t j = 0; j <= t; j++) p[j] *= inv;
        for (int64_t j = t + 1; j < T; j++) p[j] = 0;
        float *o = c->out + (b * T + t) * QS + h * D;
        memset(o, 0, (size_t)D * sizeof(float));
        for (int64_t j = 0; j <= t; j++) vaxpy(c->simd, D, p[j], c->v + (b * T + j) * KS + kh * D, o);
    }
}

// One (b, kv head) and all query heads that read it, so dk and dv have one writer.
// dP_j = dout_t·v_j; dS_j = P_j (dP_j − Σ_i P_i dP_i); dq_t = Σ_j dS_j k_j / √D;
// dk_j += dS_j q_t / √D; dv_j += P_j dout_t.
static void attn_backward_group(const attn_ctx *c, int64_t b, int kh, float *ds) {
    int64_t T = c->T; int D = c->D, QS = c->H * D, KS = c->Hkv * D, group = c->H / c->Hkv;
    float scale = 1.0f / sqrtf((float)D);
    for (int64_t j = 0; j < T; j++) {
        memset(c->dk + (b * T + j) * KS + kh * D, 0, (size_t)D * sizeof(float));
        memset(c->dv + (b * T + j) * KS + kh * D, 0, (size_t)D * sizeof(float));
    }
    for (int h = kh * group; h < (kh + 1) * group; h++) {
        for (int64_t t = 0; t < T; t++) {
            const float *p = c->probs + ((b * c->H + h) * T + t) * T;
            const float *dot = c->dout + (b * T + t) * QS + h * D;
            const float *qt = c->q + (b * T + t) * QS + h * D;
            float *dqt = c->dq + (b * T + t) * QS + h * D;
            float pdp = 0;
            for (int64_t j = 0; j <= t; j++) {
                ds[j] = vdot(c->simd, D, dot, c->v + (b * T + j) * KS + kh * D);
                pdp += p[j] * ds[j];
            }
            memset(dqt, 0, (size_t)D * sizeof(float));
            for (int64_t j = 0; j <= t; j++) {
                float s = p[j] * (ds[j] - pdp) * scale;
                vaxpy(c->simd, D, s, c->k + (b * T + j) * KS + kh * D, dqt);
                vaxpy(c->simd, D, s, qt, c->dk + (b * T + j) * KS + kh * D);
                vaxpy(c->simd, D, p[j], dot, c->dv + (b * T + j) * KS + kh * D);
            }
        }
    }
}

static void attn_forward_job(void *p, int32_t ith, int32_t nth) {
    attn_ctx *c = (attn_ctx *)p; (void)ith; (void)nth;
    for (int64_t job; (job = atomic_fetch_add(&c->next, 1)) < c->B * c->H;)
        attn_forward_head(c, job / c->H, (int)(job % c->H));
}

static void attn_backward_job(void *p, int32_t ith, int32_t nth) {
    attn_ctx *c = (attn_ctx *)p; (void)ith; (void)nth;
    float *ds = malloc((size_t)c->T * sizeof(float));
    for (int64_t job; (job = atomic_fetch_add(&c->next, 1)) < c->B * c->Hkv;)
        attn_backward_group(c, job / c->Hkv, (int)(job % c->Hkv), ds);
    free(ds);
}

static void attention_forward(r1k_pool *pool, int simd, const float *q, const float *k, const float *v,
                              float *probs, float *out, int64_t B, int64_t T, int32_t H, int32_t Hkv, int32_t D) {
    attn_ctx c = { q, k, v, NULL, NULL, probs, out, NULL, NULL, NULL, B, T, H, Hkv, D, simd, 0 };
    r1k_pool_run(pool, attn_forward_job, &c);
}

static void attention_backward(r1k_pool *pool, int simd, const float *q, const float *k, const float *v,
                               const float *probs, const float *dout, float *dq, float *dk, float *dv,
                               int64_t B, int64_t T, int32_t H, int32_t Hkv, int32_t D) {
    attn_ctx c = { q, k, v, probs, dout, NULL, NULL, dq, dk, dv, B, T, H, Hkv, D, simd, 0 };
    r1k_pool_run(pool, attn_backward_job, &c);
}

void r1k_attention_train_forward(r1k_pool *pool, const float *q, const float *k, const float *v, float *probs,
                                 float *out, int64_t B, int64_t T, int32_t H, int32_t Hkv, int32_t D) {
    attention_forward(pool, r1k_simd_enabled(), q, k, v, probs, out, B, T, H, Hkv, D);
}
void r1k_attention_train_forward_scalar(const float *q, const float *k, const float *v, float *probs,
                                        float *out, int64_t B, int64_t T, int32_t H, int32_t Hkv, int32_t D) {
    attention_forward(NULL, 0, q, k, v, probs, out, B, T, H, Hkv, D);
}
void r1k_attention_train_backward(r1k_pool *pool, const float *q, const float *k, const float *v,
                                  const float *probs, const float *dout, float *dq, float *dk, float *dv,
                                  int64_t B, int64_t T, int32_t H, int32_t Hkv, int32_t D) {
    attention_backward(pool, r1k_simd_enabled(), q, k, v, probs, dout, dq, dk, dv, B, T, H, Hkv, D);
}
void r1k_attention_train_backward_scalar(const float *q, const float *k, const float *v,
                                         const float *probs, const float *dout, float *dq, float *dk, float *dv,
                                         int64_t B, int64_t T, int32_t H, int32_t Hkv, int32_t D) {
    attention_backward(NULL, 0, q, k, v, probs, dout, dq, dk, dv, B, T, H, Hkv, D);
}
