// Packed weights and int8 activations shared by the packed-product kernels
// (packed.c, packed_scalar.c, packed_avx2.c, packed_avx512.c); not public.
//
// A packed matrix W (rows, cols) is cut into groups of 16 rows. Group g holds,
// for its nb = cols/32 blocks b, in this order (each part 64-byte aligned):
//   q[nb][QB]   weights of block b for the 16 rows, 4 k-values per row side by side:
//               Q4_0/Q4_1 (QB = 256): byte (j·64 + i·4 + c), j < 4, = byte 4j+c of row i's
//               original qs; its low nibble is element 4j+c, its high nibble 16+4j+c.
//               Q8_0 (QB = 512): byte (j·64 + i·4 + c), j < 8, = element 4j+c of row i, + 128
//               (stored unsigned).
//   d[nb][16]   fp16 block scales of the 16 rows
//   m[nb][16]   fp16 block minimums (Q4_1 only)
// Rows past `rows` in the last group are zero (scale 0).
//
// Every output element y[t][r] is computed in this order, whatever the ISA level,
// tile shape or thread count (so results are bit-identical across all of them):
//   acc = 0
//   for b in 0 ..< nb:
//     i   = Σ_k w_q[k]·a_q[k] − c·Σ_k a_q[k]   (exact int32; c = 0 Q4_1, 8 Q4_0, 128 Q8_0)
//     acc = fmaf((float)i · dw_b, da_b, acc)
//     acc = fmaf(m_b, sa_b, acc)                 (Q4_1 only; sa_b = da_b · Σ_k a_q[k])
//   y = acc
#ifndef R1K_PACKED_H
#define R1K_PACKED_H
#include "r1kernels.h"

enum { PK_ROWS = 16 };

struct r1k_packed {
    int32_t type;
    int64_t rows, cols, nb, groups;
    int64_t qb;            // bytes of q per block per group (256 or 512)
    int64_t q_off, d_off, m_off, group_bytes;
    uint8_t *data;
};

/// T rows of activations quantized per 32-block (the rule of r1k_quantize_q8a).
typedef struct {
    const int8_t *q;      // (T, cols)
    const float *d;       // (T, nb) block scales
    const float *s;       // (T, nb) d · Σq
    const int32_t *sum;   // (T, nb) Σq
    int64_t cols, nb;
} pk_acts;

/// Tile kernel: rows of group g × tokens t0 ..< t0+nt (nt ≤ 8) into out[t − t0][i] (i < 16).
typedef void (*pk_tile_fn)(const struct r1k_packed *P, int64_t g, const pk_acts *A, int64_t t0, int nt, float out[8][16]);

void pk_tile_scalar(const struct r1k_packed *P, int64_t g, const pk_acts *A, int64_t t0, int nt, float out[8][16]);
void pk_tile_avx2(const struct r1k_packed *P, int64_t g, const pk_acts *A, int64_t t0, int nt, float out[8][16]);
void pk_tile_avx512(const struct r1k_packed *P, int64_t g, const pk_acts *A, int64_t t0, int nt, float out[8][16]);

/// Quantizes one row of n (multiple of 32) floats: q (n), d/s/sum (n/32). Same values at every level.
void pk_quantize_scalar(const float *x, int64_t n, int8_t *q, float *d, float *s, int32_t *sum);
void pk_quantize_avx2(const float *x, int64_t n, int8_t *q, float *d, float *s, int32_t *sum);
void pk_quantize_avx512(const float *x, int64_t n, int8_t *q, float *d, float *s, int32_t *sum);

/// The offset constant c of the per-block integer dot (see above).
static inline int pk_zero_point(int32_t type) { return type == R1K_Q4_0 ? 8 : type == R1K_Q8_0 ? 128 : 0; }
#endif
