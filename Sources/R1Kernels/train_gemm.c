// The fp32 matrix product behind every linear layer of training (forward
// Y = X·Wᵀ, backward dX = dY·W and dW += dYᵀ·X) and the attention products.
//
// Blocked in the BLIS manner: A is copied ("packed") into strips of MR rows and
// B into strips of NR columns, contiguous in k, slice by slice of KC along k;
// a register-blocked micro-kernel multiplies one A strip by one B strip into
// an MR × NR tile of C. C is cut into blocks of MC × NC that the pool's threads
// take one at a time. The smaller operand (the token side in training, when it
// fits PREPACK_MAX) is packed once for all blocks, the other block by block.
// Packing reads A and B through row and column strides, so the transposed
// operands of the backward products need no transposed copies.
//
// Every element of C is summed by one thread, over the k slices in order and
// over k in order within a slice, so results do not depend on the thread count.
// The micro-kernel has an AVX2+FMA version and a plain scalar twin (used when
// SIMD is off); r1k_sgemm_scalar is the unblocked reference.
#include "r1kernels.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define R1K_X86 1
#endif

enum {
    MR = 6, NR = 16,          // micro-tile: 6 rows × 16 columns = 12 AVX2 accumulators
    KC = 256,                 // k slice: a B strip (KC × NR, 16 KiB) stays in L1
    MC_MAX = 264,             // A block (MC × KC, ≤ 264 KiB; 256 tokens in one block)
    NC_MAX = 192,             // B block (KC × NC, ≤ 192 KiB): both in the 512 KiB L2
    PREPACK_MAX = 1 << 24,    // floats (64 MiB): an operand this small is packed once
    MIN_BLOCKS = 6,           // blocks of C wanted for two threads to share evenly
};

void r1k_sgemm_scalar(int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
                      const float *B, int64_t b_rs, int64_t b_cs, float *C, int64_t ldc, int32_t accumulate) {
    for (int64_t m = 0; m < M; m++)
        for (int64_t n = 0; n < N; n++) {
            float s = 0;
            for (int64_t k = 0; k < K; k++) s += A[m * a_rs + k * a_cs] * B[k * b_rs + n * b_cs];
            C[m * ldc + n] = accumulate ? C[m * ldc + n] + s : s;
        }
}

// ── Packing ──────────────────────────────────────────────────────────────
// A block (mc, kc) → strips of MR rows: dst[s][k][r] = A(s·MR + r, k), rows past mc are 0.
static void pack_a(float *dst, const float *A, int64_t a_rs, int64_t a_cs, int64_t mc, int64_t kc) {
    for (int64_t m0 = 0; m0 < mc; m0 += MR, dst += MR * kc) {
        int64_t rows = mc - m0 < MR ? mc - m0 : MR;
        const float *a = A + m0 * a_rs;
        if (rows < MR) memset(dst, 0, (size_t)(MR * kc) * sizeof(float));
        if (a_rs == 1 && rows == MR) {         // columns of A contiguous: copy MR at a time
            for (int64_t k = 0; k < kc; k++)
                for (int r = 0; r < MR; r++) dst[k * MR + r] = a[k * a_cs + r];
        } else if (a_rs == 1) {
            for (int64_t k = 0; k < kc; k++)
                for (int64_t r = 0; r < rows; r++) dst[k * MR + r] = a[k * a_cs + r];
        } else {                               // rows of A contiguous (a_cs == 1 in practice)
            for (int64_t r = 0; r < rows; r++)
                for (int64_t k = 0; k < kc; k++) dst[k * MR + r] = a[r * a_rs + k * a_cs];
        }
    }
}

// B block (kc, nc) → strips of NR columns: dst[s][k][c] = B(k, s·NR + c), columns past nc are 0.
static void pack_b(float *dst, const float *B, int64_t b_rs, int64_t b_cs, int64_t kc, int64_t nc) {
    for (int64_t n0 = 0; n0 < nc; n0 += NR, dst += NR * kc) {
        int64_t cols = nc - n0 < NR ? nc - n0 : NR;
        const float *b = B + n0 * b_cs;
        if (cols < NR) memset(dst, 0, (size_t)(NR * kc) * sizeof(float));
        if (b_cs == 1 && cols == NR) {         // rows of B contiguous: copy NR at a time
            for (int64_t k = 0; k < kc; k++)
                for (int c = 0; c < NR; c++) dst[k * NR + c] = b[k * b_rs + c];
        } else if (b_cs == 1) {
            for (int64_t k = 0; k < kc; k++)
                for (int64_t c = 0; c < cols; c++) dst[k * NR + c] = b[k * b_rs + c];
        } else {                               // columns of B contiguous (B = Wᵀ in the forward)
            for (int64_t c = 0; c < cols; c++)
                for (int64_t k = 0; k < kc; k++) dst[k * NR + c] = b[c * b_cs + k * b_rs];
        }
    }
}

// ── Micro-kernels: tile (MR, NR) = a strip (kc, MR)ᵀ · b strip (kc, NR) ────
// The tile is written to t (MR × NR, row stride NR) or, when full, added to /
// stored into C directly.
static void tile_scalar(int64_t kc, const float *a, const float *b, float *t) {
    float acc[MR][NR] = {{0}};
    for (int64_t k = 0; k < kc; k++, a += MR, b += NR)
        for (int r = 0; r < MR; r++)
            for (int c = 0; c < NR; c++) acc[r][c] += a[r] * b[c];
    memcpy(t, acc, sizeof acc);
}

#ifdef R1K_X86
__attribute__((target("avx2,fma")))
static void tile_avx2(int64_t kc, const float *a, const float *b, float *C, int64_t ldc, int accumulate) {
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    __m256 c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    for (int64_t k = 0; k < kc; k++, a += MR, b += NR) {
        __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8), x;
        x = _mm256_broadcast_ss(a + 0); c00 = _mm256_fmadd_ps(x, b0, c00); c01 = _mm256_fmadd_ps(x, b1, c01);
        x = _mm256_broadcast_ss(a + 1); c10 = _mm256_fmadd_ps(x, b0, c10); c11 = _mm256_fmadd_ps(x, b1, c11);
        x = _mm256_broadcast_ss(a + 2); c20 = _mm256_fmadd_ps(x, b0, c20); c21 = _mm256_fmadd_ps(x, b1, c21);
        x = _mm256_broadcast_ss(a + 3); c30 = _mm256_fmadd_ps(x, b0, c30); c31 = _mm256_fmadd_ps(x, b1, c31);
        x = _mm256_broadcast_ss(a + 4); c40 = _mm256_fmadd_ps(x, b0, c40); c41 = _mm256_fmadd_ps(x, b1, c41);
        x = _mm256_broadcast_ss(a + 5); c50 = _mm256_fmadd_ps(x, b0, c50); c51 = _mm256_fmadd_ps(x, b1, c51);
    }
    __m256 rows[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
    for (int r = 0; r < MR; r++) {
        float *c = C + r * ldc;
        if (accumulate) {
            rows[r][0] = _mm256_add_ps(rows[r][0], _mm256_loadu_ps(c));
            rows[r][1] = _mm256_add_ps(rows[r][1], _mm256_loadu_ps(c + 8));
        }
        _mm256_storeu_ps(c, rows[r][0]); _mm256_storeu_ps(c + 8, rows[r][1]);
    }
}
#endif

// One MR × NR tile of C (rows × cols valid) from packed strips.
static void run_tile(int simd, int64_t kc, const float *a, const float *b, float *C, int64_t ldc,
                     int64_t rows, int64_t cols, int accumulate) {
    float t[MR * NR] __attribute__((aligned(32)));
#ifdef R1K_X86
    if (simd) {
        if (rows == MR && cols == NR) { tile_avx2(kc, a, b, C, ldc, accumulate); return; }
        tile_avx2(kc, a, b, t, NR, 0);
    } else
#endif
        tile_scalar(kc, a, b, t);
    (void)simd;
    for (int64_t r = 0; r < rows; r++)
        for (int64_t c = 0; c < cols; c++)
            C[r * ldc + c] = accumulate ? C[r * ldc + c] + t[r * NR + c] : t[r * NR + c];
}

// ── Blocks and threads ───────────────────────────────────────────────────
typedef struct {
    int64_t M, N, K; const float *A; int64_t a_rs, a_cs; const float *B; int64_t b_rs, b_cs;
    float *C; int64_t ldc; int32_t accumulate, simd;
    int64_t mc, nc, kc, blocks_m, blocks_n, slices;   // every k slice is kc wide but the last
    int64_t m_pad, n_pad;                             // M, N rounded up to MR, NR
    float *packed_a, *packed_b;                       // the whole operand packed once, or NULL
    _Atomic int64_t next;
} sgemm_ctx;

// Per-thread buffers, kept for the life of the thread (pool threads persist):
// 0, 1 = A and B blocks; 2, 3 = A and B packed whole (on the calling thread).
static float *pack_buffer(int which, size_t floats) {
    static __thread float *buf[4]; static __thread size_t cap[4];
    if (cap[which] < floats) {
        free(buf[which]);
        buf[which] = aligned_alloc(64, (floats * sizeof(float) + 63) & ~(size_t)63);
        cap[which] = buf[which] ? floats : 0;
    }
    if (!buf[which]) abort();
    return buf[which];
}

// Where k slice p of A's rows from m0 (or B's columns from n0) lives when packed whole.
static float *whole_a(const sgemm_ctx *c, int64_t p, int64_t m0, int64_t kc) { return c->packed_a + p * c->kc * c->m_pad + m0 * kc; }
static float *whole_b(const sgemm_ctx *c, int64_t p, int64_t n0, int64_t kc) { return c->packed_b + p * c->kc * c->n_pad + n0 * kc; }

enum { PACK_STRIPS = 8 };   // strips per packing job

// Packs the operands marked for it whole: jobs over (k slice, group of strips), A's first.
static void prepack_job(void *p, int32_t ith, int32_t nth) {
    sgemm_ctx *c = (sgemm_ctx *)p; (void)ith; (void)nth;
    int64_t groups_a = c->packed_a ? (c->m_pad / MR + PACK_STRIPS - 1) / PACK_STRIPS : 0;
    int64_t groups_b = c->packed_b ? (c->n_pad / NR + PACK_STRIPS - 1) / PACK_STRIPS : 0;
    int64_t jobs = c->slices * (groups_a + groups_b);
    for (int64_t job; (job = atomic_fetch_add(&c->next, 1)) < jobs;) {
        int64_t per = groups_a + groups_b, slice = job / per, g = job % per;
        int64_t k0 = slice * c->kc, kc = c->K - k0 < c->kc ? c->K - k0 : c->kc;
        if (g < groups_a) {
            int64_t m0 = g * PACK_STRIPS * MR, mc = c->M - m0 < PACK_STRIPS * MR ? c->M - m0 : PACK_STRIPS * MR;
            pack_a(whole_a(c, slice, m0, kc), c->A + m0 * c->a_rs + k0 * c->a_cs, c->a_rs, c->a_cs, mc, kc);
        } else {
            int64_t n0 = (g - groups_a) * PACK_STRIPS * NR, nc = c->N - n0 < PACK_STRIPS * NR ? c->N - n0 : PACK_STRIPS * NR;
            pack_b(whole_b(c, slice, n0, kc), c->B + k0 * c->b_rs + n0 * c->b_cs, c->b_rs, c->b_cs, kc, nc);
        }
    }
}

// C block (mc, nc) at (m0, n0): every k slice packed (or found packed) and multiplied in order.
static void sgemm_block(const sgemm_ctx *c, int64_t m0, int64_t n0, int64_t mc, int64_t nc) {
    float *C = c->C + m0 * c->ldc + n0;
    for (int64_t p = 0; p < c->slices; p++) {
        int64_t k0 = p * c->kc, kc = c->K - k0 < c->kc ? c->K - k0 : c->kc;
        float *pa, *pb;
        if (c->packed_a) pa = whole_a(c, p, m0, kc);
        else pack_a(pa = pack_buffer(0, (size_t)(c->mc + MR) * c->kc), c->A + m0 * c->a_rs + k0 * c->a_cs, c->a_rs, c->a_cs, mc, kc);
        if (c->packed_b) pb = whole_b(c, p, n0, kc);
        else pack_b(pb = pack_buffer(1, (size_t)(c->nc + NR) * c->kc), c->B + k0 * c->b_rs + n0 * c->b_cs, c->b_rs, c->b_cs, kc, nc);
        int accumulate = c->accumulate || p > 0;
        for (int64_t j = 0; j < nc; j += NR)
            for (int64_t i = 0; i < mc; i += MR)
                run_tile(c->simd, kc, pa + i * kc, pb + j * kc, C + i * c->ldc + j, c->ldc,
                         mc - i < MR ? mc - i : MR, nc - j < NR ? nc - j : NR, accumulate);
    }
    if (c->slices == 0 && !c->accumulate)
        for (int64_t r = 0; r < mc; r++) memset(C + r * c->ldc, 0, (size_t)nc * sizeof(float));
}

static void sgemm_job(void *p, int32_t ith, int32_t nth) {
    sgemm_ctx *c = (sgemm_ctx *)p; (void)ith; (void)nth;
    for (int64_t job; (job = atomic_fetch_add(&c->next, 1)) < c->blocks_m * c->blocks_n;) {
        int64_t bm = job % c->blocks_m, bn = job / c->blocks_m;   // consecutive jobs share a B block
        int64_t m0 = bm * c->mc, n0 = bn * c->nc;
        sgemm_block(c, m0, n0, c->M - m0 < c->mc ? c->M - m0 : c->mc, c->N - n0 < c->nc ? c->N - n0 : c->nc);
    }
}

// The block edge: `total` cut into equal blocks of at most `max`, rounded up to `unit`.
static int64_t block_size(int64_t total, int64_t max, int64_t unit) {
    int64_t blocks = (total + max - 1) / max;
    int64_t size = (total + blocks - 1) / blocks;
    return (size + unit - 1) / unit * unit;
}

static void sgemm(r1k_pool *pool, int simd, int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
                  const float *B, int64_t b_rs, int64_t b_cs, float *C, int64_t ldc, int32_t accumulate) {
    if (M <= 0 || N <= 0) return;
    sgemm_ctx c = { .M = M, .N = N, .K = K, .A = A, .a_rs = a_rs, .a_cs = a_cs, .B = B, .b_rs = b_rs, .b_cs = b_cs,
                    .C = C, .ldc = ldc, .accumulate = accumulate, .simd = simd };
    c.mc = block_size(M, MC_MAX, MR); c.nc = block_size(N, NC_MAX, NR);
    // Few blocks (a small C, e.g. dX of the LM head): narrower ones, so that no thread idles.
    while ((M + c.mc - 1) / c.mc * ((N + c.nc - 1) / c.nc) < MIN_BLOCKS && (c.nc > 48 || c.mc > 48)) {
        if (c.nc > 48) c.nc = block_size(N, c.nc / 2, NR); else c.mc = block_size(M, c.mc / 2, MR);
        if (c.nc <= 48 && c.mc <= 48) break;
    }
    c.blocks_m = (M + c.mc - 1) / c.mc; c.blocks_n = (N + c.nc - 1) / c.nc;
    c.kc = K > 0 ? block_size(K, KC, 1) : 1; c.slices = (K + c.kc - 1) / c.kc;
    c.m_pad = (M + MR - 1) / MR * MR; c.n_pad = (N + NR - 1) / NR * NR;
    // An operand that several blocks read is packed once; one read by a single block is not worth it.
    if (K > 0 && c.blocks_n > 1 && c.m_pad * K <= PREPACK_MAX) c.packed_a = pack_buffer(2, (size_t)(c.m_pad * K));
    if (K > 0 && c.blocks_m > 1 && c.n_pad * K <= PREPACK_MAX) c.packed_b = pack_buffer(3, (size_t)(c.n_pad * K));
    if (c.packed_a || c.packed_b) { r1k_pool_run(pool, prepack_job, &c); atomic_store(&c.next, 0); }
    r1k_pool_run(pool, sgemm_job, &c);
}
void r1k_sgemm(r1k_pool *pool, int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
               const float *B, int64_t b_rs, int64_t b_cs, float *C, int64_t ldc, int32_t accumulate) {
    sgemm(pool, r1k_simd_enabled(), M, N, K, A, a_rs, a_cs, B, b_rs, b_cs, C, ldc, accumulate);
}

void r1k_sgemm_blocked_scalar(r1k_pool *pool, int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs,
                              int64_t a_cs, const float *B, int64_t b_rs, int64_t b_cs, float *C, int64_t ldc,
                              int32_t accumulate) {
    sgemm(pool, 0, M, N, K, A, a_rs, a_cs, B, b_rs, b_cs, C, ldc, accumulate);
}
