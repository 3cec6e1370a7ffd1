// Plain-C twins of the packed-product kernels: the activation quantizer and the
// tile kernel, written straight from the order of operations in packed.h. The
// AVX2 and AVX-512 kernels must give exactly these bits.
#pragma STDC FP_CONTRACT OFF
#include "packed.h"
#include "internal.h"
#include <math.h>

void pk_quantize_scalar(const float *x, int64_t n, int8_t *q, float *d, float *s, int32_t *sum) {
    for (int64_t b = 0; b < n / 32; b++) {
        const float *xb = x + 32 * b; float amax = 0;
        for (int j = 0; j < 32; j++) { float a = fabsf(xb[j]); if (a > amax) amax = a; }
        float db = amax / 127.0f, id = db > 0 ? 1.0f / db : 0.0f; int32_t acc = 0;
        for (int j = 0; j < 32; j++) {
            int v = (int)lrintf(xb[j] * id);
            if (v > 127) v = 127;
            if (v < -127) v = -127;
            q[32 * b + j] = (int8_t)v; acc += v;
        }
        d[b] = db; sum[b] = acc; s[b] = db * (float)acc;
    }
}

// Unpacked weight value (as stored: unsigned) of row i, element k of block b.
static inline int pk_weight(const struct r1k_packed *P, const uint8_t *qblk, int i, int k) {
    if (P->type == R1K_Q8_0) return qblk[(k / 4) * 64 + i * 4 + k % 4];
    int lo = k < 16, kk = lo ? k : k - 16;
    uint8_t byte = qblk[(kk / 4) * 64 + i * 4 + kk % 4];
    return lo ? (byte & 15) : (byte >> 4);
}

void pk_tile_scalar(const struct r1k_packed *P, int64_t g, const pk_acts *A, int64_t t0, int nt, float out[8][16]) {
    const uint8_t *grp = P->data + g * P->group_bytes;
    const int c = pk_zero_point(P->type);
    for (int t = 0; t < nt; t++) {
        const int8_t *aq = A->q + (t0 + t) * A->cols;
        const float *ad = A->d + (t0 + t) * A->nb, *as = A->s + (t0 + t) * A->nb;
        const int32_t *asum = A->sum + (t0 + t) * A->nb;
        for (int i = 0; i < PK_ROWS; i++) {
            float acc = 0;
            for (int64_t b = 0; b < P->nb; b++) {
                const uint8_t *qblk = grp + P->q_off + b * P->qb;
                int32_t dot = 0;
                for (int k = 0; k < 32; k++) dot += pk_weight(P, qblk, i, k) * aq[32 * b + k];
                dot -= c * asum[b];
                float dw = r1k_rd_half(grp + P->d_off + (b * 16 + i) * 2);
                acc = fmaf((float)dot * dw, ad[b], acc);
                if (P->type == R1K_Q4_1) acc = fmaf(r1k_rd_half(grp + P->m_off + (b * 16 + i) * 2), as[b], acc);
            }
            out[t][i] = acc;
        }
    }
}
