// Causal attention over the f32 KV cache, as blocked work. One work item is one
// kv head × a block of query tokens: the block's queries (every query head of the
// GQA group × up to QB tokens) sit side by side as lanes, so scores, softmax and
// the weighted sum of values are plain lane-wise loops the compiler vectorizes —
// one source compiled three times (scalar, AVX2, AVX-512) by target attributes.
// A single query token (decode) instead runs per head with lanes over the head
// dimension. Each output element is produced by one item in a fixed order, so
// results do not depend on the thread count; masked keys add exact zeros, so a
// token's result does not depend on which block it sits in either.
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

// One query token, one head. Scores take lanes over 16 keys and the same per-element
// arithmetic as block_item (k[d]·(q[d]·scale) summed over d in order), so decode and
// prefill give the same bits at one ISA level; the weighted sum takes lanes over the
// head dimension (hd a multiple of 16), again in block_item's order.
static inline __attribute__((always_inline)) void single_item(const at_ctx *c, int64_t t, int h, float *sc) {
    const int G = c->n_head / c->n_kv, hd = c->hd, kv = h / G;
    const int64_t n = c->pos0 + t + 1;
    const float *q = c->q + t * c->q_stride + (int64_t)h * hd;
    const float scale = 1.0f / sqrtf((float)hd);
    float qs[256];
    for (int d = 0; d < hd; d++) qs[d] = q[d] * scale;
    float mx = -INFINITY;
    for (int64_t j0 = 0; j0 < n; j0 += 16) {
        const float *kp[16];
        for (int l = 0; l < 16; l++) kp[l] = c->K + (j0 + l < n ? j0 + l : n - 1) * c->kv_stride + (int64_t)kv * hd;
        float acc[16];
        for (int l = 0; l < 16; l++) acc[l] = 0;
        for (int d = 0; d < hd; d++) { float qd = qs[d]; for (int l = 0; l < 16; l++) acc[l] += kp[l][d] * qd; }
        for (int l = 0; l < 16 && j0 + l < n; l++) { sc[j0 + l] = acc[l]; mx = acc[l] > mx ? acc[l] : mx; }
    }
    float sum = 0;
    for (int64_t j = 0; j < n; j++) { sc[j] = exp_neg(sc[j] - mx); sum += sc[j]; }
    const float inv = 1.0f / sum;
    float *o = c->out + t * c->out_stride + (int64_t)h * hd;
    for (int d0 = 0; d0 < hd; d0 += 16) {
        float acc[16];
        for (int l = 0; l < 16; l++) acc[l] = 0;
        for (int64_t j = 0; j < n; j++) {
            const float *v = c->V + j * c->kv_stride + (int64_t)kv * hd + d0; float p = sc[j];
            for (int l = 0; l < 16; l++) acc[l] += p * v[l];
        }
        for (int l = 0; l < 16; l++) o[d0 + l] = acc[l] * inv;
    }
}

static inline __attribute__((always_inline)) void run_items(at_ctx *c) {
    const int64_t hd = c->hd;
    if (c->qb == 0) {   // one token per item
        float *sc = r1k_scratch(3, (size_t)(c->pos0 + c->T) * 4);
        for (int64_t it; (it = atomic_fetch_add(&c->next, 1)) < c->T * c->n_head;)
            single_item(c, it / c->n_head, (int)(it % c->n_head), sc);
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
__attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx2,fma,f16c"))) static void at_job_avx512(void *p, int32_t i, int32_t n) { (void)i; (void)n; run_items((at_ctx *)p); }
__attribute__((target("avx2,fma,f16c"))) static void at_job_avx2(void *p, int32_t i, int32_t n) { (void)i; (void)n; run_items((at_ctx *)p); }
#endif
static void at_job_scalar(void *p, int32_t i, int32_t n) { (void)i; (void)n; run_items((at_ctx *)p); }

void r1k_attention(r1k_pool *pool, const float *q, int64_t q_stride, int64_t T, int64_t pos0,
                   const float *K, const float *V, int64_t kv_stride,
                   int32_t n_head, int32_t n_kv, int32_t hd, float *out, int64_t out_stride) {
    const int G = n_head / n_kv;
    at_ctx c = { q, q_stride, T, pos0, K, V, kv_stride, n_head, n_kv, hd, out, out_stride, 0, 0, 0 };
    // Blocked items when several tokens share keys and the group fits the lanes; hd must suit the passes.
    if (T > 1 && G <= NQ && hd % DB == 0) { c.qb = NQ / G; c.blocks = (T + c.qb - 1) / c.qb; }
    else if (hd % 16 != 0 || hd > 256) { c.qb = 1; c.blocks = T; }   // odd head sizes: blocked path, one token per item
    void (*job)(void *, int32_t, int32_t) = at_job_scalar;
#if defined(__x86_64__)
    int l = r1k_isa();
    if (l >= R1K_ISA_AVX512) job = at_job_avx512; else if (l >= R1K_ISA_AVX2) job = at_job_avx2;
#endif
    r1k_pool_run(pool, job, &c);
}
