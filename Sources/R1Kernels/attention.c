// Causal attention over the f32 KV cache, as blocked work. One work item is one
// kv head × a block of query tokens: the block's queries (every query head of the
// GQA group × up to QB tokens) sit side by side as lanes, so scores, softmax and
// the weighted sum of values are plain lane-wise loops the compiler vectorizes —
// one source compiled three times (scalar, AVX2, AVX-512) by target attributes.
// A single query token (decode) instead runs per head with lanes over the head
// dimension. Each output element is produced by one item in a fixed order, so
// results do not depend on the thread count; masked keys add exact zeros, so a
// token's result does not depend on which block it sits in either.
// Contraction pinned on: the AVX2 score kernel uses explicit FMAs, and the generic loops
// must fuse the same multiply-adds whatever the build's default (-ffp-contract).
#pragma STDC FP_CONTRACT ON
#include "r1kernels.h"
#include "internal.h"
#include <math.h>
#include <stdatomic.h>

enum { NQ = 64, DB = 4 };  // lanes (queries) per item; head dims per output pass

// e^x for x ≤ 0 (Cody–Waite reduction, degree-6 polynomial; ~2 ulp), branch-free so it vectorizes.
static inline __attribute__((always_inline)) float exp_neg(float x) {
    x = x < -87.0f ? -87.0f : x;
    float n = floorf(x * 1.44269504f + 0.5f);
    float r = x - n * 0.693145752f;
    r = r - n * 1.42860677e-6f;
    float p = 1.0f / 720;
    p = p * r + 1.0f / 120; p = p * r + 1.0f / 24; p = p * r + 1.0f / 6;
    p = p * r + 0.5f; p = p * r + 1.0f; p = p * r + 1.0f;
    union { float f; int32_t i; } u = { .f = p };
    u.i += (int32_t)n << 23;
    return u.f;
}

typedef struct {
    const float *q; int64_t q_stride, T, pos0; const float *K, *V; int64_t kv_stride;
    int32_t n_head, n_kv, hd; float *out; int64_t out_stride;
    int64_t qb, blocks;                 // tokens per item, query blocks
    _Atomic int64_t next;
} at_ctx;

// Queries of one item: lane l = tl·G + gh is token t0 + tl of query head kv·G + gh.
static inline __attribute__((always_inline)) void block_item(const at_ctx *c, int kv, int64_t t0, int64_t nt, float *scratch) {
    const int G = c->n_head / c->n_kv, hd = c->hd;
    const int64_t nkeys = c->pos0 + t0 + nt;           // keys 0 ..< nkeys
    const int nq = (int)(nt * G);
    float *Qt = scratch;                                // (hd, NQ)  scaled queries, transposed
    float *S = Qt + (int64_t)hd * NQ;                   // (nkeys, NQ) scores → probabilities
    float lim[NQ], mx[NQ], sum[NQ];
    const float scale = 1.0f / sqrtf((float)hd);
    for (int l = 0; l < NQ; l++) {
        int tl = l / G, gh = l % G;
        lim[l] = l < nq ? (float)(c->pos0 + t0 + tl) : -1.0f;   // last key this lane may see
        for (int d = 0; d < hd; d++)
            Qt[d * NQ + l] = l < nq ? c->q[(t0 + tl) * c->q_stride + (int64_t)(kv * G + gh) * hd + d] * scale : 0.0f;
        mx[l] = -INFINITY; sum[l] = 0;
    }
    for (int64_t j = 0; j < nkeys; j++) {              // S[j] = K[j] · Qt, masked
        const float *k = c->K + j * c->kv_stride + (int64_t)kv * hd;
        float acc[NQ];
        for (int l = 0; l < NQ; l++) acc[l] = 0;
        for (int d = 0; d < hd; d++) { float kd = k[d]; for (int l = 0; l < NQ; l++) acc[l] += kd * Qt[d * NQ + l]; }
        float *s = S + j * NQ;
        for (int l = 0; l < NQ; l++) { s[l] = (float)j <= lim[l] ? acc[l] : -INFINITY; mx[l] = s[l] > mx[l] ? s[l] : mx[l]; }
    }
    for (int64_t j = 0; j < nkeys; j++) {
        float *s = S + j * NQ;
        for (int l = 0; l < NQ; l++) { float e = s[l] == -INFINITY ? 0.0f : exp_neg(s[l] - mx[l]); s[l] = e; sum[l] += e; }
    }
    for (int l = 0; l < NQ; l++) sum[l] = sum[l] > 0 ? 1.0f / sum[l] : 0.0f;
    for (int d0 = 0; d0 < hd; d0 += DB) {              // O[d] = Σ_j V[j][d] · P[j], DB dims at a time
        float acc[DB][NQ];
        for (int dd = 0; dd < DB; dd++) for (int l = 0; l < NQ; l++) acc[dd][l] = 0;
        for (int64_t j = 0; j < nkeys; j++) {
            const float *v = c->V + j * c->kv_stride + (int64_t)kv * hd + d0;
            const float *p = S + j * NQ;
            for (int dd = 0; dd < DB; dd++) { float vd = v[dd]; for (int l = 0; l < NQ; l++) acc[dd][l] += vd * p[l]; }
        }
        for (int l = 0; l < nq; l++) {
            int tl = l / G, gh = l % G;
            float *o = c->out + (t0 + tl) * c->out_stride + (int64_t)(kv * G + gh) * hd + d0;
            for (int dd = 0; dd < DB; dd++) o[dd] = acc[dd][l] * sum[l];
        }
    }
}

// Scores of one query token: sc[g·n + j] = Σ_d K[j][d]·qs[g·hd + d], summed as one
// fused multiply-add chain in d order (block_item's per-element arithmetic, so decode
// and prefill give the same bits at one ISA level), for nh query heads of one kv head.
// K points at the kv head's dims of key 0 (row stride kv_stride).
static inline __attribute__((always_inline)) void scores_generic(const float *K, int64_t kv_stride, int64_t n,
                                                                 const float *qs, int nh, int hd, float *sc) {
    for (int g = 0; g < nh; g++)
        for (int64_t j0 = 0; j0 < n; j0 += 16) {
            const float *kp[16];
            for (int l = 0; l < 16; l++) kp[l] = K + (j0 + l < n ? j0 + l : n - 1) * kv_stride;
            float acc[16];
            for (int l = 0; l < 16; l++) acc[l] = 0;
            for (int d = 0; d < hd; d++) { float qd = qs[g * hd + d]; for (int l = 0; l < 16; l++) acc[l] += kp[l][d] * qd; }
            for (int l = 0; l < 16 && j0 + l < n; l++) sc[g * n + j0 + l] = acc[l];
        }
}

#if defined(__x86_64__)
#include <immintrin.h>
#define AT_AVX2 __attribute__((target("avx2,fma,f16c")))
// The same chains with 8 keys as vector lanes: an 8×8 block of K (8 keys × 8 dims) is
// transposed in registers so each dim is one vector, then one FMA per dim and head.
AT_AVX2 static inline __attribute__((always_inline)) void scores8_avx2(const float *const kp[8], const float *qs, const int NG,
                                                                       int hd, __m256 acc[4]) {
    for (int g = 0; g < NG; g++) acc[g] = _mm256_setzero_ps();
    for (int d = 0; d < hd; d += 8) {
        __m256 a0 = _mm256_loadu_ps(kp[0] + d), a1 = _mm256_loadu_ps(kp[1] + d), a2 = _mm256_loadu_ps(kp[2] + d), a3 = _mm256_loadu_ps(kp[3] + d);
        __m256 a4 = _mm256_loadu_ps(kp[4] + d), a5 = _mm256_loadu_ps(kp[5] + d), a6 = _mm256_loadu_ps(kp[6] + d), a7 = _mm256_loadu_ps(kp[7] + d);
        __m256 t0 = _mm256_unpacklo_ps(a0, a1), t1 = _mm256_unpackhi_ps(a0, a1), t2 = _mm256_unpacklo_ps(a2, a3), t3 = _mm256_unpackhi_ps(a2, a3);
        __m256 t4 = _mm256_unpacklo_ps(a4, a5), t5 = _mm256_unpackhi_ps(a4, a5), t6 = _mm256_unpacklo_ps(a6, a7), t7 = _mm256_unpackhi_ps(a6, a7);
        __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE), u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
        __m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE), u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
        __m256 col[8] = {   // col[k] lane l = K[key l][d + k]
            _mm256_permute2f128_ps(u0, u4, 0x20), _mm256_permute2f128_ps(u1, u5, 0x20),
            _mm256_permute2f128_ps(u2, u6, 0x20), _mm256_permute2f128_ps(u3, u7, 0x20),
            _mm256_permute2f128_ps(u0, u4, 0x31), _mm256_permute2f128_ps(u1, u5, 0x31),
            _mm256_permute2f128_ps(u2, u6, 0x31), _mm256_permute2f128_ps(u3, u7, 0x31) };
        for (int g = 0; g < NG; g++)
            for (int k = 0; k < 8; k++) acc[g] = _mm256_fmadd_ps(col[k], _mm256_broadcast_ss(qs + g * hd + d + k), acc[g]);
    }
}

AT_AVX2 static void scores_avx2(const float *K, int64_t kv_stride, int64_t n, const float *qs, int nh, int hd, float *sc) {
    for (int64_t j0 = 0; j0 < n; j0 += 8) {
        const float *kp[8];
        for (int l = 0; l < 8; l++) kp[l] = K + (j0 + l < n ? j0 + l : n - 1) * kv_stride;
        const int nl = n - j0 < 8 ? (int)(n - j0) : 8;
        for (int g0 = 0; g0 < nh; g0 += 4) {
            __m256 acc[4];
            const int ng = nh - g0 < 4 ? nh - g0 : 4;
            switch (ng) {
            case 1: scores8_avx2(kp, qs + g0 * hd, 1, hd, acc); break;
            case 2: scores8_avx2(kp, qs + g0 * hd, 2, hd, acc); break;
            case 3: scores8_avx2(kp, qs + g0 * hd, 3, hd, acc); break;
            default: scores8_avx2(kp, qs + g0 * hd, 4, hd, acc); break;
            }
            for (int g = 0; g < ng; g++) {
                float tmp[8];
                _mm256_storeu_ps(tmp, acc[g]);
                for (int l = 0; l < nl; l++) sc[(g0 + g) * n + j0 + l] = tmp[l];
            }
        }
    }
}
#endif

// o (hd) = inv · Σ_j p[j]·V[j] over keys 0 ..< n, W dims at a time as lanes (each
// element one chain in j order, so W does not change the bits).
static inline __attribute__((always_inline)) void weighted_sum(const float *V, int64_t kv_stride, int64_t n, const float *p,
                                                               int hd, float inv, float *o, const int W) {
    for (int d0 = 0; d0 < hd; d0 += W) {
        float acc[32];
        for (int l = 0; l < W; l++) acc[l] = 0;
        for (int64_t j = 0; j < n; j++) {
            const float *v = V + j * kv_stride + d0; float pj = p[j];
            for (int l = 0; l < W; l++) acc[l] += pj * v[l];
        }
        for (int l = 0; l < W; l++) o[d0 + l] = acc[l] * inv;
    }
}

// One query token, nh consecutive query heads h0 … h0+nh−1 of one kv head: q and o
// (nh·hd) hold those heads side by side; keys/values 0 ..< n of K, V (row stride
// kv_stride); sc scratch (nh·n). Scores as above; the weighted sum takes lanes over
// the head dimension (hd a multiple of 16), again in block_item's order. VEC picks the
// AVX2 score kernel (its bits equal the generic one compiled with FMA).
static inline __attribute__((always_inline)) void head_group(const float *q, const float *K, const float *V, int64_t kv_stride,
                                                             int64_t n, int h0, int nh, int G, int hd, float *o, float *sc,
                                                             const int VEC) {
    const int kv = h0 / G;
    const float scale = 1.0f / sqrtf((float)hd);
    float qs[4 * 256];
    float *qbuf = nh * hd <= 4 * 256 ? qs : sc + (int64_t)nh * n;   // scaled queries (nh, hd)
    for (int i = 0; i < nh * hd; i++) qbuf[i] = q[i] * scale;
    const float *Kh = K + (int64_t)kv * hd;
#if defined(__x86_64__)
    if (VEC) scores_avx2(Kh, kv_stride, n, qbuf, nh, hd, sc); else
#endif
    scores_generic(Kh, kv_stride, n, qbuf, nh, hd, sc);
    (void)VEC;
    for (int g = 0; g < nh; g++) {
        float *s = sc + (int64_t)g * n;
        float mx = -INFINITY;
        for (int64_t j = 0; j < n; j++) mx = s[j] > mx ? s[j] : mx;
        for (int64_t j = 0; j < n; j++) s[j] = exp_neg(s[j] - mx);
        float sum = 0;
        for (int64_t j = 0; j < n; j++) sum += s[j];
        const float inv = 1.0f / sum;
        if (hd % 32 == 0) weighted_sum(V + (int64_t)kv * hd, kv_stride, n, s, hd, inv, o + g * hd, 32);
        else weighted_sum(V + (int64_t)kv * hd, kv_stride, n, s, hd, inv, o + g * hd, 16);
    }
}

static inline __attribute__((always_inline)) void run_items(at_ctx *c, const int VEC) {
    const int64_t hd = c->hd;
    if (c->qb == 0) {   // one token per item, one head each
        float *sc = r1k_scratch(3, (size_t)(c->pos0 + c->T) * 4);
        for (int64_t it; (it = atomic_fetch_add(&c->next, 1)) < c->T * c->n_head;) {
            int64_t t = it / c->n_head; int h = (int)(it % c->n_head);
            head_group(c->q + t * c->q_stride + (int64_t)h * hd, c->K, c->V, c->kv_stride, c->pos0 + t + 1, h, 1,
                       c->n_head / c->n_kv, c->hd, c->out + t * c->out_stride + (int64_t)h * hd, sc, VEC);
        }
        return;
    }
    float *scratch = r1k_scratch(3, (size_t)(hd * NQ + (c->pos0 + c->T) * NQ) * 4 + 64);
    for (int64_t it; (it = atomic_fetch_add(&c->next, 1)) < c->blocks * c->n_kv;) {
        int64_t blk = c->blocks - 1 - it / c->n_kv; int kv = (int)(it % c->n_kv);   // longest blocks first
        int64_t t0 = blk * c->qb, nt = c->T - t0 < c->qb ? c->T - t0 : c->qb;
        block_item(c, kv, t0, nt, scratch);
    }
}

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx2,fma,f16c"))) static void at_job_avx512(void *p, int32_t i, int32_t n) { (void)i; (void)n; run_items((at_ctx *)p, 1); }
__attribute__((target("avx2,fma,f16c"))) static void at_job_avx2(void *p, int32_t i, int32_t n) { (void)i; (void)n; run_items((at_ctx *)p, 1); }
#endif
static void at_job_scalar(void *p, int32_t i, int32_t n) { (void)i; (void)n; run_items((at_ctx *)p, 0); }

typedef void (*at_job_fn)(void *, int32_t, int32_t);
#if defined(__x86_64__)
#define AT_JOB(f) f
#else
#define AT_JOB(f) NULL
#endif
/// The job compiled for the ISA level in use (scalar when a SIMD one is missing).
static at_job_fn pick_job(at_job_fn scalar, at_job_fn avx2, at_job_fn avx512) {
    int l = r1k_isa();
    if (l >= R1K_ISA_AVX512 && avx512) return avx512;
    if (l >= R1K_ISA_AVX2 && avx2) return avx2;
    return scalar;
}

void r1k_attention(r1k_pool *pool, const float *q, int64_t q_stride, int64_t T, int64_t pos0,
                   const float *K, const float *V, int64_t kv_stride,
                   int32_t n_head, int32_t n_kv, int32_t hd, float *out, int64_t out_stride) {
    const int G = n_head / n_kv;
    at_ctx c = { q, q_stride, T, pos0, K, V, kv_stride, n_head, n_kv, hd, out, out_stride, 0, 0, 0 };
    // Blocked items when several tokens share keys and the group fits the lanes; hd must suit the passes.
    if (T > 1 && G <= NQ && hd % DB == 0) { c.qb = NQ / G; c.blocks = (T + c.qb - 1) / c.qb; }
    else if (hd % 16 != 0 || hd > 256) { c.qb = 1; c.blocks = T; }   // odd head sizes: blocked path, one token per item
    r1k_pool_run(pool, pick_job(at_job_scalar, AT_JOB(at_job_avx2), AT_JOB(at_job_avx512)), &c);
}

// ── Decode attention of B independent sequences in one pool job ──────────
// Work item = (sequence b, kv head): the G query heads of the kv head share each
// transposed block of keys. head_group is the code of a one-token r1k_attention call
// (where G = 1 per item), and each head's chains do not depend on the others, so the
// bits agree.
typedef struct {
    const float *q; int64_t q_stride, B; const int64_t *pos; const float *const *K, *const *V; int64_t kv_stride;
    int32_t n_head, n_kv, hd; float *out; int64_t out_stride; int64_t max_n;
    _Atomic int64_t next;
} atb_ctx;

static inline __attribute__((always_inline)) void run_batch_items(atb_ctx *c, const int VEC) {
    const int G = c->n_head / c->n_kv;
    float *sc = r1k_scratch(3, (size_t)(c->max_n * G + G * c->hd) * 4);
    for (int64_t it; (it = atomic_fetch_add(&c->next, 1)) < c->B * c->n_kv;) {
        int64_t b = it / c->n_kv; int h0 = (int)(it % c->n_kv) * G;
        head_group(c->q + b * c->q_stride + (int64_t)h0 * c->hd, c->K[b], c->V[b], c->kv_stride, c->pos[b] + 1, h0, G, G, c->hd,
                   c->out + b * c->out_stride + (int64_t)h0 * c->hd, sc, VEC);
    }
}

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx2,fma,f16c"))) static void atb_job_avx512(void *p, int32_t i, int32_t n) { (void)i; (void)n; run_batch_items((atb_ctx *)p, 1); }
__attribute__((target("avx2,fma,f16c"))) static void atb_job_avx2(void *p, int32_t i, int32_t n) { (void)i; (void)n; run_batch_items((atb_ctx *)p, 1); }
#endif
static void atb_job_scalar(void *p, int32_t i, int32_t n) { (void)i; (void)n; run_batch_items((atb_ctx *)p, 0); }

void r1k_attention_batch(r1k_pool *pool, const float *q, int64_t q_stride, int64_t B, const int64_t *pos,
                         const float *const *K, const float *const *V, int64_t kv_stride,
                         int32_t n_head, int32_t n_kv, int32_t hd, float *out, int64_t out_stride) {
    if (B < 1) return;
    if (hd % 16 != 0 || hd > 256) {   // head sizes head_group does not take: one call per sequence
        for (int64_t b = 0; b < B; b++)
            r1k_attention(pool, q + b * q_stride, q_stride, 1, pos[b], K[b], V[b], kv_stride, n_head, n_kv, hd,
                          out + b * out_stride, out_stride);
        return;
    }
    atb_ctx c = { q, q_stride, B, pos, K, V, kv_stride, n_head, n_kv, hd, out, out_stride, 0, 0 };
    for (int64_t b = 0; b < B; b++) c.max_n = pos[b] + 1 > c.max_n ? pos[b] + 1 : c.max_n;
    r1k_pool_run(pool, pick_job(atb_job_scalar, AT_JOB(atb_job_avx2), AT_JOB(atb_job_avx512)), &c);
}
