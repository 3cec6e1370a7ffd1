// Training kernels in fp32: the row-major entry to the matrix product of
// train_gemm.c, a blocked transpose, and causal attention forward/backward
// that keeps the softmax probabilities for the backward pass. Attention runs
// in blocks of query rows as matrix products (the SIMD path) or row by row
// with plain loops (its scalar twin); (sequence, head) pairs are shared out
// over the r1k_pool.
#include "r1kernels.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

// ── Matrix product ───────────────────────────────────────────────────────
// C (M, N) = [C +] A · B with A(m, k) = A[m·a_rs + k·a_cs] and B(k, n) = B[k·ldb + n]:
// the row-major-B case of r1k_sgemm (train_gemm.c).

void r1k_gemm_scalar(int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
                     const float *B, int64_t ldb, float *C, int64_t ldc, int32_t accumulate) {
    r1k_sgemm_scalar(M, N, K, A, a_rs, a_cs, B, ldb, 1, C, ldc, accumulate);
}

void r1k_gemm(r1k_pool *pool, int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
              const float *B, int64_t ldb, float *C, int64_t ldc, int32_t accumulate) {
    r1k_sgemm(pool, M, N, K, A, a_rs, a_cs, B, ldb, 1, C, ldc, accumulate);
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

// ── Vector helpers for the scalar attention twin ─────────────────────────
static float dot_scalar(int n, const float *a, const float *b) {
    float s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s;
}
static void axpy_scalar(int n, float alpha, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] += alpha * x[i];
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
            p[j] = scale * dot_scalar(D, qt, c->k + (b * T + j) * KS + kh * D);
            if (p[j] > mx) mx = p[j];
        }
        float sum = 0;
        for (int64_t j = 0; j <= t; j++) { p[j] = expf(p[j] - mx); sum += p[j]; }
        float inv = 1.0f / sum;
        for (int64_t j = 0; j <= t; j++) p[j] *= inv;
        for (int64_t j = t + 1; j < T; j++) p[j] = 0;
        float *o = c->out + (b * T + t) * QS + h * D;
        memset(o, 0, (size_t)D * sizeof(float));
        for (int64_t j = 0; j <= t; j++) axpy_scalar(D, p[j], c->v + (b * T + j) * KS + kh * D, o);
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
                ds[j] = dot_scalar(D, dot, c->v + (b * T + j) * KS + kh * D);
                pdp += p[j] * ds[j];
            }
            memset(dqt, 0, (size_t)D * sizeof(float));
            for (int64_t j = 0; j <= t; j++) {
                float s = p[j] * (ds[j] - pdp) * scale;
                axpy_scalar(D, s, c->k + (b * T + j) * KS + kh * D, dqt);
                axpy_scalar(D, s, qt, c->dk + (b * T + j) * KS + kh * D);
                axpy_scalar(D, p[j], dot, c->dv + (b * T + j) * KS + kh * D);
            }
        }
    }
}

// ── Blocked attention (the SIMD path) ────────────────────────────────────
// The same arithmetic as matrix products over blocks of AB query rows: the
// scores of rows t0 … t0+AB−1 against keys 0 … t0+AB−1 (the causal part of
// the block), P·V, and in the backward pass dP = dO·Vᵀ, dQ = dS·K, dK += dSᵀ·Q,
// dV += Pᵀ·dO, each by r1k_sgemm on the calling thread.
enum { AB = 64 };

// Row t of scores s (cols ≥ t+1 valid) → softmax over j ≤ t, zeros for j > t up to T.
static void softmax_causal_row(float *s, int64_t t, int64_t T, float scale) {
    float mx = -INFINITY, sum = 0;
    for (int64_t j = 0; j <= t; j++) { s[j] *= scale; if (s[j] > mx) mx = s[j]; }
    for (int64_t j = 0; j <= t; j++) { s[j] = expf(s[j] - mx); sum += s[j]; }
    float inv = 1.0f / sum;
    for (int64_t j = 0; j <= t; j++) s[j] *= inv;
    memset(s + t + 1, 0, (size_t)(T - t - 1) * sizeof(float));
}

static void attn_forward_head_blocked(const attn_ctx *c, int64_t b, int h) {
    int64_t T = c->T; int D = c->D, QS = c->H * D, KS = c->Hkv * D, kh = h / (c->H / c->Hkv);
    const float *Q = c->q + b * T * QS + h * D, *K = c->k + b * T * KS + kh * D, *V = c->v + b * T * KS + kh * D;
    float *P = c->P + (b * c->H + h) * T * T, *O = c->out + b * T * QS + h * D;
    float scale = 1.0f / sqrtf((float)D);
    for (int64_t t0 = 0; t0 < T; t0 += AB) {
        int64_t rows = T - t0 < AB ? T - t0 : AB, cols = t0 + rows;
        r1k_sgemm(NULL, rows, cols, D, Q + t0 * QS, QS, 1, K, 1, KS, P + t0 * T, T, 0);      // S (rows, cols)
        for (int64_t t = t0; t < t0 + rows; t++) softmax_causal_row(P + t * T, t, T, scale);
        r1k_sgemm(NULL, rows, D, cols, P + t0 * T, T, 1, V, KS, 1, O + t0 * QS, QS, 0);      // O (rows, D)
    }
}

// ds: (T, T) scratch. dk, dv of this kv head are written by its first query head.
static void attn_backward_group_blocked(const attn_ctx *c, int64_t b, int kh, float *ds) {
    int64_t T = c->T; int D = c->D, QS = c->H * D, KS = c->Hkv * D, group = c->H / c->Hkv;
    float scale = 1.0f / sqrtf((float)D);
    const float *K = c->k + b * T * KS + kh * D, *V = c->v + b * T * KS + kh * D;
    float *dK = c->dk + b * T * KS + kh * D, *dV = c->dv + b * T * KS + kh * D;
    for (int h = kh * group; h < (kh + 1) * group; h++) {
        const float *P = c->probs + (b * c->H + h) * T * T;
        const float *Q = c->q + b * T * QS + h * D, *dO = c->dout + b * T * QS + h * D;
        float *dQ = c->dq + b * T * QS + h * D;
        for (int64_t t0 = 0; t0 < T; t0 += AB) {
            int64_t rows = T - t0 < AB ? T - t0 : AB, cols = t0 + rows;
            r1k_sgemm(NULL, rows, cols, D, dO + t0 * QS, QS, 1, V, 1, KS, ds + t0 * T, T, 0);  // dP (rows, cols)
            for (int64_t t = t0; t < t0 + rows; t++) {
                const float *p = P + t * T; float *d = ds + t * T, pdp = 0;
                for (int64_t j = 0; j <= t; j++) pdp += p[j] * d[j];
                for (int64_t j = 0; j <= t; j++) d[j] = p[j] * (d[j] - pdp) * scale;
                memset(d + t + 1, 0, (size_t)(cols - t - 1) * sizeof(float));
            }
            r1k_sgemm(NULL, rows, D, cols, ds + t0 * T, T, 1, K, KS, 1, dQ + t0 * QS, QS, 0);  // dQ (rows, D)
        }
        // Key rows j0 … j0+AB−1 get contributions from query rows t ≥ j0 only.
        int first = h == kh * group;
        for (int64_t j0 = 0; j0 < T; j0 += AB) {
            int64_t rows = T - j0 < AB ? T - j0 : AB, n = T - j0;
            r1k_sgemm(NULL, rows, D, n, ds + j0 * T + j0, 1, T, Q + j0 * QS, QS, 1, dK + j0 * KS, KS, !first);
            r1k_sgemm(NULL, rows, D, n, P + j0 * T + j0, 1, T, dO + j0 * QS, QS, 1, dV + j0 * KS, KS, !first);
        }
    }
}

static void attn_forward_job(void *p, int32_t ith, int32_t nth) {
    attn_ctx *c = (attn_ctx *)p; (void)ith; (void)nth;
    for (int64_t job; (job = atomic_fetch_add(&c->next, 1)) < c->B * c->H;) {
        if (c->simd) attn_forward_head_blocked(c, job / c->H, (int)(job % c->H));
        else attn_forward_head(c, job / c->H, (int)(job % c->H));
    }
}

static void attn_backward_job(void *p, int32_t ith, int32_t nth) {
    attn_ctx *c = (attn_ctx *)p; (void)ith; (void)nth;
    // (T, T) scratch kept per thread: a fresh allocation each layer would fault its pages in again.
    static __thread float *ds; static __thread int64_t cap;
    int64_t need = c->T * c->T;
    if (cap < need) { free(ds); ds = malloc((size_t)need * sizeof(float)); cap = ds ? need : 0; }
    if (!ds) abort();
    for (int64_t job; (job = atomic_fetch_add(&c->next, 1)) < c->B * c->Hkv;) {
        if (c->simd) attn_backward_group_blocked(c, job / c->Hkv, (int)(job % c->Hkv), ds);
        else attn_backward_group(c, job / c->Hkv, (int)(job % c->Hkv), ds);
    }
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
