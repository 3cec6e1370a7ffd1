// Matrix-vector and matrix-matrix products over quantized weights, norms,
// RoPE. Work is split by output rows (or heads) across the pool;
// each output value is summed by one thread in a fixed order.
#include "r1kernels.h"
#include "internal.h"
#include <math.h>
#include <stdlib.h>
#include <stdatomic.h>

void r1k_micro_2x4_avx2(int64_t n, const float *w0, const float *w1, const float *x0, const float *x1,
                        const float *x2, const float *x3, float c[2][4]);

typedef float (*qdot_fn)(int64_t, const void *, const r1k_q8a *);
typedef void (*qdot4_fn)(int64_t, const void *, const r1k_q8a *const[4], int, float[4]);
void r1k_dot4_q4_1_q8a_avx2(int64_t n, const void *w, const r1k_q8a *const a[4], int na, float out[4]);
void r1k_dot4_q8_0_q8a_avx2(int64_t n, const void *w, const r1k_q8a *const a[4], int na, float out[4]);

static qdot_fn pick_qdot(int32_t type) {
    int simd = r1k_simd_enabled();
    switch (type) {
    case R1K_Q8_0: return simd ? r1k_dot_q8_0_q8a_avx2 : r1k_dot_q8_0_q8a_scalar;
    case R1K_Q4_1: return simd ? r1k_dot_q4_1_q8a_avx2 : r1k_dot_q4_1_q8a_scalar;
    case R1K_Q4_0: return simd ? r1k_dot_q4_0_q8a_avx2 : r1k_dot_q4_0_q8a_scalar;
    case R1K_Q5_0: return simd ? r1k_dot_q5_0_q8a_avx2 : r1k_dot_q5_0_q8a_scalar;
    default: return NULL;
    }
}
void r1k_dequant_q4_1_avx2(const void *src, float *y, int64_t n);
void r1k_dequant_q8_0_avx2(const void *src, float *y, int64_t n);
void r1k_dequant_q4_0_avx2(const void *src, float *y, int64_t n);
void r1k_dequant_q5_0_avx2(const void *src, float *y, int64_t n);

int32_t r1k_dequantize_row_fast(int32_t type, const void *src, float *dst, int64_t n) {
    if (r1k_simd_enabled() && n % 32 == 0) {
        if (type == R1K_Q4_1) { r1k_dequant_q4_1_avx2(src, dst, n); return 0; }
        if (type == R1K_Q8_0) { r1k_dequant_q8_0_avx2(src, dst, n); return 0; }
        if (type == R1K_Q4_0) { r1k_dequant_q4_0_avx2(src, dst, n); return 0; }
        if (type == R1K_Q5_0) { r1k_dequant_q5_0_avx2(src, dst, n); return 0; }
    }
    return r1k_dequantize_row(type, src, dst, n);
}

typedef float (*fdot_fn)(int64_t, const void *, const float *);
static fdot_fn pick_fdot(int32_t type) {
    int simd = r1k_simd_enabled();
    switch (type) {
    case R1K_Q4_1: return simd ? r1k_dot_q4_1_f32_avx2 : r1k_dot_q4_1_f32_scalar;
    case R1K_Q8_0: return simd ? r1k_dot_q8_0_f32_avx2 : r1k_dot_q8_0_f32_scalar;
    default: return NULL;
    }
}
static inline float dot_f32(int64_t n, const float *a, const float *b) {
    return r1k_simd_enabled() ? r1k_dot_f32_avx2(n, a, b) : r1k_dot_f32_scalar(n, a, b);
}


// ── matvec ───────────────────────────────────────────────────────────────
typedef struct {
    int32_t type; const uint8_t *W; int64_t rows, cols, row_bytes; const float *x; const r1k_q8a *xq; float *y; qdot_fn qdot;
    _Atomic int64_t next; int64_t chunk; fdot_fn fdot;
} mv_ctx;

// Threads take chunks of rows from a shared counter (robust when a core is busy
// elsewhere); every row is still summed by one thread in a fixed order.
static void mv_job(void *p, int32_t ith, int32_t nth) {
    mv_ctx *c = (mv_ctx *)p; (void)ith; (void)nth;
    for (;;) {
    int64_t lo = atomic_fetch_add(&c->next, c->chunk), hi = lo + c->chunk;
    if (lo >= c->rows) break;
    if (hi > c->rows) hi = c->rows;
    if (c->qdot) {
        for (int64_t r = lo; r < hi; r++) c->y[r] = c->qdot(c->cols, c->W + r * c->row_bytes, c->xq);
    } else if (c->fdot) {
        for (int64_t r = lo; r < hi; r++) c->y[r] = c->fdot(c->cols, c->W + r * c->row_bytes, c->x);
    } else if (c->type == R1K_F32) {
        for (int64_t r = lo; r < hi; r++) c->y[r] = dot_f32(c->cols, (const float *)(c->W + r * c->row_bytes), c->x);
    } else {
        float *tmp = r1k_scratch(0, (size_t)c->cols * 4);
        for (int64_t r = lo; r < hi; r++) {
            r1k_dequantize_row(c->type, c->W + r * c->row_bytes, tmp, c->cols);
            c->y[r] = dot_f32(c->cols, tmp, c->x);
        }
    }
    }
}

int32_t r1k_matvec(r1k_pool *pool, int32_t type, const void *W, int64_t rows, int64_t cols,
                   const float *x, float *y, int32_t int8) {
    int64_t be = r1k_block_elems(type);
    if (!r1k_type_supported(type) || cols % be) return -1;
    mv_ctx c = { type, (const uint8_t *)W, rows, cols, cols / be * r1k_block_bytes(type), x, NULL, y, NULL, 0, 0, NULL };
    if (!int8) c.fdot = pick_fdot(type);
    int nth = r1k_pool_threads(pool);
    c.chunk = rows / (nth * 8); if (c.chunk < 16) c.chunk = 16;
    if (int8) c.qdot = pick_qdot(type);
    if (c.qdot) {
        r1k_q8a *xq = r1k_scratch(1, (size_t)(cols / 32) * sizeof(r1k_q8a));
        r1k_quantize_q8a(x, xq, cols); c.xq = xq;
    }
    r1k_pool_run(pool, mv_job, &c);
    return 0;
}

// ── batched matvec ───────────────────────────────────────────────────────
typedef struct {
    int32_t type; const uint8_t *W; int64_t rows, cols, row_bytes; const float *X; const r1k_q8a *Xq; int64_t B; float *Y;
    qdot_fn qdot; qdot4_fn qdot4; _Atomic int64_t next; int64_t chunk; fdot_fn fdot;
} mvb_ctx;

static void mvb_job(void *p, int32_t ith, int32_t nth) {
    mvb_ctx *c = (mvb_ctx *)p; (void)ith; (void)nth;
    int64_t nbq = c->cols / 32;
    float *tmp = c->qdot || c->fdot ? NULL : r1k_scratch(0, (size_t)c->cols * 4);
    for (;;) {
        int64_t lo = atomic_fetch_add(&c->next, c->chunk), hi = lo + c->chunk;
        if (lo >= c->rows) break;
        if (hi > c->rows) hi = c->rows;
        for (int64_t r = lo; r < hi; r++) {
            const uint8_t *w = c->W + r * c->row_bytes;
            if (c->qdot4) {
                for (int64_t b = 0; b < c->B; b += 4) {
                    int na = c->B - b < 4 ? (int)(c->B - b) : 4; float o[4];
                    const r1k_q8a *a[4] = { c->Xq + b * nbq, c->Xq + (b + 1) * nbq, c->Xq + (b + 2) * nbq, c->Xq + (b + 3) * nbq };
                    c->qdot4(c->cols, w, a, na, o);
                    for (int k = 0; k < na; k++) c->Y[(b + k) * c->rows + r] = o[k];
                }
            } else if (c->qdot) {
                for (int64_t b = 0; b < c->B; b++) c->Y[b * c->rows + r] = c->qdot(c->cols, w, c->Xq + b * nbq);
            } else if (c->fdot) {
                for (int64_t b = 0; b < c->B; b++) c->Y[b * c->rows + r] = c->fdot(c->cols, w, c->X + b * c->cols);
            } else {
                const float *wf = (const float *)w;
                if (c->type != R1K_F32) { r1k_dequantize_row(c->type, w, tmp, c->cols); wf = tmp; }
                for (int64_t b = 0; b < c->B; b++) c->Y[b * c->rows + r] = dot_f32(c->cols, wf, c->X + b * c->cols);
            }
        }
    }
}

int32_t r1k_matvec_batch(r1k_pool *pool, int32_t type, const void *W, int64_t rows, int64_t cols,
                         const float *X, int64_t B, float *Y, int32_t int8) {
    int64_t be = r1k_block_elems(type);
    if (!r1k_type_supported(type) || cols % be) return -1;
    mvb_ctx c = { type, (const uint8_t *)W, rows, cols, cols / be * r1k_block_bytes(type), X, NULL, B, Y, NULL, NULL, 0, 0, NULL };
    if (!int8) c.fdot = pick_fdot(type);
    int nth = r1k_pool_threads(pool);
    c.chunk = rows / (nth * 8); if (c.chunk < 8) c.chunk = 8;
    if (int8) c.qdot = pick_qdot(type);
    if (int8 && B > 1 && r1k_simd_enabled())
        c.qdot4 = type == R1K_Q4_1 ? r1k_dot4_q4_1_q8a_avx2 : type == R1K_Q8_0 ? r1k_dot4_q8_0_q8a_avx2 : NULL;
    if (c.qdot) {
        int64_t nbq = cols / 32;
        r1k_q8a *xq = r1k_scratch(1, (size_t)(B * nbq) * sizeof(r1k_q8a));
        for (int64_t b = 0; b < B; b++) r1k_quantize_q8a(X + b * cols, xq + b * nbq, cols);
        c.Xq = xq;
    }
    r1k_pool_run(pool, mvb_job, &c);
    return 0;
}

// ── matmul ───────────────────────────────────────────────────────────────
enum { TILE_ROWS = 16 };
typedef struct {
    int32_t type; const uint8_t *W; int64_t rows, cols, row_bytes; const float *X; int64_t T; float *Y;
    _Atomic int64_t next;
} mm_ctx;

static void mm_job(void *p, int32_t ith, int32_t nth) {
    mm_ctx *c = (mm_ctx *)p;
    (void)ith; (void)nth;
    int64_t ntiles = (c->rows + TILE_ROWS - 1) / TILE_ROWS;
    int64_t n = c->cols; float *tile = r1k_scratch(2, (size_t)TILE_ROWS * n * 4);
    int simd = r1k_simd_enabled() && n % 8 == 0;
    for (int64_t tI; (tI = atomic_fetch_add(&c->next, 1)) < ntiles;) {
        int64_t r0 = tI * TILE_ROWS, nr = c->rows - r0 < TILE_ROWS ? c->rows - r0 : TILE_ROWS;
        for (int64_t r = 0; r < nr; r++) r1k_dequantize_row_fast(c->type, c->W + (r0 + r) * c->row_bytes, tile + r * n, n);
        int64_t t = 0;
        if (simd) {
            for (; t + 4 <= c->T; t += 4) {
                const float *x0 = c->X + t * n;
                int64_t r = 0;
                for (; r + 2 <= nr; r += 2) {
                    float o[2][4];
                    r1k_micro_2x4_avx2(n, tile + r * n, tile + (r + 1) * n, x0, x0 + n, x0 + 2 * n, x0 + 3 * n, o);
                    for (int i = 0; i < 2; i++) for (int j = 0; j < 4; j++) c->Y[(t + j) * c->rows + r0 + r + i] = o[i][j];
                }
                for (; r < nr; r++) for (int j = 0; j < 4; j++)
                    c->Y[(t + j) * c->rows + r0 + r] = dot_f32(n, tile + r * n, x0 + j * n);
            }
        }
        for (; t < c->T; t++) for (int64_t r = 0; r < nr; r++)
            c->Y[t * c->rows + r0 + r] = dot_f32(n, tile + r * n, c->X + t * n);
    }
}

int32_t r1k_matmul(r1k_pool *pool, int32_t type, const void *W, int64_t rows, int64_t cols,
                   const float *X, int64_t T, float *Y) {
    int64_t be = r1k_block_elems(type);
    if (!r1k_type_supported(type) || cols % be) return -1;
    mm_ctx c = { type, (const uint8_t *)W, rows, cols, cols / be * r1k_block_bytes(type), X, T, Y, 0 };
    r1k_pool_run(pool, mm_job, &c);
    return 0;
}

void r1k_matmul_f32_scalar(const float *W, int64_t rows, int64_t cols, const float *X, int64_t T, float *Y) {
    for (int64_t t = 0; t < T; t++) for (int64_t r = 0; r < rows; r++)
        Y[t * rows + r] = r1k_dot_f32_scalar(cols, W + r * cols, X + t * cols);
}

// ── elementwise ──────────────────────────────────────────────────────────
void r1k_rmsnorm(float *out, const float *x, const float *w, int64_t n, float eps) {
    double ss = 0; for (int64_t i = 0; i < n; i++) ss += (double)x[i] * x[i];
    float scale = (float)(1.0 / sqrt(ss / (double)n + eps));
    for (int64_t i = 0; i < n; i++) out[i] = x[i] * scale * w[i];
}
void r1k_softmax(float *x, int64_t n) {
    float m = -INFINITY; for (int64_t i = 0; i < n; i++) if (x[i] > m) m = x[i];
    double s = 0; for (int64_t i = 0; i < n; i++) { x[i] = expf(x[i] - m); s += x[i]; }
    float inv = (float)(1.0 / s); for (int64_t i = 0; i < n; i++) x[i] *= inv;
}
void r1k_swiglu(float *out, const float *g, const float *u, int64_t n) {
    for (int64_t i = 0; i < n; i++) out[i] = g[i] / (1.0f + expf(-g[i])) * u[i];
}
void r1k_rope(float *x, int32_t n_heads, int32_t head_dim, int32_t rot_dim, int64_t pos, float theta, int32_t neox) {
    int half = rot_dim / 2;
    for (int i = 0; i < half; i++) {
        double ang = (double)pos * pow((double)theta, -2.0 * i / rot_dim);
        float c = (float)cos(ang), s = (float)sin(ang);
        for (int h = 0; h < n_heads; h++) {
            float *v = x + (int64_t)h * head_dim;
            int a = neox ? i : 2 * i, b = neox ? i + half : 2 * i + 1;
            float x0 = v[a], x1 = v[b];
            v[a] = x0 * c - x1 * s; v[b] = x0 * s + x1 * c;
        }
    }
}
