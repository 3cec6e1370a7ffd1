// Packed int8 products: repacking Q4_0 / Q4_1 / Q8_0 weights into groups of 16
// rows (layout in packed.h), quantizing activations once per call, and running
// one or several products (fused Q·K·V, fused gate·up with SwiGLU) as a single
// pool job. Work items are (16-row group × up to 64 tokens); each output element
// is computed by one thread in the fixed order of packed.h.
#include "packed.h"
#include "internal.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>

int32_t r1k_pack_supported(int32_t type) { return type == R1K_Q4_0 || type == R1K_Q4_1 || type == R1K_Q8_0; }

static int64_t up64(int64_t n) { return (n + 63) & ~(int64_t)63; }

r1k_packed *r1k_pack_new(int32_t type, const void *W, int64_t rows, int64_t cols) {
    if (!r1k_pack_supported(type) || rows <= 0 || cols <= 0 || cols % 32) return NULL;
    r1k_packed *P = calloc(1, sizeof *P);
    if (!P) return NULL;
    P->type = type; P->rows = rows; P->cols = cols; P->nb = cols / 32;
    P->groups = (rows + PK_ROWS - 1) / PK_ROWS;
    P->qb = type == R1K_Q8_0 ? 512 : 256;
    P->q_off = 0;
    P->d_off = up64(P->nb * P->qb);
    P->m_off = P->d_off + up64(P->nb * 32);
    P->group_bytes = type == R1K_Q4_1 ? P->m_off + up64(P->nb * 32) : P->m_off;
    size_t total = (size_t)(P->groups * P->group_bytes);
    P->data = aligned_alloc(64, total);
    if (!P->data) { free(P); return NULL; }
    memset(P->data, 0, total);
    const int64_t bb = r1k_block_bytes(type), row_bytes = P->nb * bb;
    const uint8_t *src = (const uint8_t *)W;
    for (int64_t r = 0; r < rows; r++) {
        int64_t g = r / PK_ROWS; int i = (int)(r % PK_ROWS);
        uint8_t *grp = P->data + g * P->group_bytes;
        for (int64_t b = 0; b < P->nb; b++) {
            const uint8_t *blk = src + r * row_bytes + b * bb;
            uint8_t *q = grp + P->q_off + b * P->qb;
            memcpy(grp + P->d_off + (b * 16 + i) * 2, blk, 2);
            if (type == R1K_Q8_0) {
                for (int k = 0; k < 32; k++) q[(k / 4) * 64 + i * 4 + k % 4] = (uint8_t)(blk[2 + k] ^ 0x80);
            } else {
                const uint8_t *qs = blk + (type == R1K_Q4_1 ? 4 : 2);
                if (type == R1K_Q4_1) memcpy(grp + P->m_off + (b * 16 + i) * 2, blk + 2, 2);
                for (int k = 0; k < 16; k++) q[(k / 4) * 64 + i * 4 + k % 4] = qs[k];
            }
        }
    }
    return P;
}

void r1k_pack_free(r1k_packed *P) { if (P) { free(P->data); free(P); } }
int64_t r1k_pack_bytes(const r1k_packed *P) { return P ? P->groups * P->group_bytes : 0; }
int64_t r1k_pack_rows(const r1k_packed *P) { return P ? P->rows : 0; }
int64_t r1k_pack_cols(const r1k_packed *P) { return P ? P->cols : 0; }

static pk_tile_fn pick_tile(void) {
    int l = r1k_isa();
    return l >= R1K_ISA_AVX512 ? pk_tile_avx512 : l >= R1K_ISA_AVX2 ? pk_tile_avx2 : pk_tile_scalar;
}

void r1k_pk_quantize(const float *x, int64_t n, int8_t *q, float *d, float *s, int32_t *sum) {
    int l = r1k_isa();
    if (l >= R1K_ISA_AVX512) pk_quantize_avx512(x, n, q, d, s, sum);
    else if (l >= R1K_ISA_AVX2) pk_quantize_avx2(x, n, q, d, s, sum);
    else pk_quantize_scalar(x, n, q, d, s, sum);
}

// ── The job ──────────────────────────────────────────────────────────────
enum { TOK_CHUNK = 64, MAX_OPS = 8 };

typedef struct {
    const r1k_pk_op *ops; int n_ops;
    int64_t first[MAX_OPS + 1];     // first item index of each op
    int64_t T, chunks;
    pk_acts A;
    pk_tile_fn tile;
    _Atomic int64_t next;
} pk_ctx;

static inline float silu_mul(float g, float u) { return g / (1.0f + expf(-g)) * u; }

static void pk_job(void *p, int32_t ith, int32_t nth) {
    pk_ctx *c = (pk_ctx *)p; (void)ith; (void)nth;
    float a[8][16], b[8][16];
    const int64_t total = c->first[c->n_ops];
    for (int64_t it; (it = atomic_fetch_add(&c->next, 1)) < total;) {
        int k = 0;
        while (it >= c->first[k + 1]) k++;
        const r1k_pk_op *op = &c->ops[k];
        int64_t local = it - c->first[k], g = local / c->chunks, ch = local % c->chunks;
        int64_t t_end = (ch + 1) * TOK_CHUNK < c->T ? (ch + 1) * TOK_CHUNK : c->T;
        int64_t r0 = g * PK_ROWS, nr = op->w->rows - r0 < PK_ROWS ? op->w->rows - r0 : PK_ROWS;
        for (int64_t t0 = ch * TOK_CHUNK; t0 < t_end; t0 += 8) {
            int nt = t_end - t0 < 8 ? (int)(t_end - t0) : 8;
            c->tile(op->w, g, &c->A, t0, nt, a);
            if (op->up) {
                c->tile(op->up, g, &c->A, t0, nt, b);
                for (int t = 0; t < nt; t++) for (int64_t i = 0; i < nr; i++)
                    op->y[(t0 + t) * op->ldy + r0 + i] = silu_mul(a[t][i], b[t][i]);
            } else {
                for (int t = 0; t < nt; t++) memcpy(op->y + (t0 + t) * op->ldy + r0, a[t], (size_t)nr * 4);
            }
        }
    }
}

int32_t r1k_pk_run(r1k_pool *pool, const float *X, int64_t T, const r1k_pk_op *ops, int32_t n_ops) {
    if (n_ops < 1 || n_ops > MAX_OPS || T < 1) return -1;
    const int64_t cols = ops[0].w->cols, nb = cols / 32;
    for (int k = 0; k < n_ops; k++) {
        if (ops[k].w->cols != cols) return -1;
        if (ops[k].up && (ops[k].up->rows != ops[k].w->rows || ops[k].up->cols != cols)) return -1;
    }
    // Activations: q (T, cols) | d, s (T, nb) | sum (T, nb), one scratch buffer.
    size_t qbytes = (size_t)up64(T * cols), fbytes = (size_t)up64(T * nb * 4);
    uint8_t *buf = r1k_scratch(1, qbytes + 3 * fbytes);
    int8_t *q = (int8_t *)buf; float *d = (float *)(buf + qbytes), *s = (float *)(buf + qbytes + fbytes);
    int32_t *sum = (int32_t *)(buf + qbytes + 2 * fbytes);
    for (int64_t t = 0; t < T; t++) r1k_pk_quantize(X + t * cols, cols, q + t * cols, d + t * nb, s + t * nb, sum + t * nb);
    pk_ctx c = { .ops = ops, .n_ops = n_ops, .T = T, .chunks = (T + TOK_CHUNK - 1) / TOK_CHUNK,
                 .A = { q, d, s, sum, cols, nb }, .tile = pick_tile() };
    c.first[0] = 0;
    for (int k = 0; k < n_ops; k++) c.first[k + 1] = c.first[k] + ops[k].w->groups * c.chunks;
    atomic_store(&c.next, 0);
    r1k_pool_run(pool, pk_job, &c);
    return 0;
}

// ── Giving back the source pages of a packed matrix ──────────────────────
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int32_t r1k_release_source(const void *p, int64_t bytes) {
    uintptr_t lo = (uintptr_t)p, hi = lo + (uintptr_t)bytes;
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) return 0;
    char line[512]; int ok = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long a, b, inode; char perms[8]; unsigned long off; char dev[16];
        if (sscanf(line, "%lx-%lx %7s %lx %15s %lu", &a, &b, perms, &off, dev, &inode) != 6) continue;
        // Only a read-only, file-backed mapping: dropped pages come back from the file unchanged.
        if (lo >= a && hi <= b) { ok = inode != 0 && perms[1] == '-'; break; }
    }
    fclose(f);
    if (!ok) return 0;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t s = (lo + page - 1) & ~(page - 1), e = hi & ~(page - 1);
    if (e <= s) return 0;
    return madvise((void *)s, e - s, MADV_DONTNEED) == 0;
}
