// AVX-512 + VNNI twins of packed_scalar.c. A zmm holds 16 rows × 4 k-values;
// vpdpbusd multiplies the unsigned weight bytes by a broadcast group of 4
// signed activation bytes and adds the 4 products to each row's int32 lane, so
// a tile of 16 rows × nt tokens needs no horizontal sums. The float steps are
// the same per lane as the scalar twin (mul, then fma), so the bits match.
#pragma STDC FP_CONTRACT OFF
#include "packed.h"
#include "internal.h"
#if defined(__x86_64__)
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni,avx512dq,avx2,fma,f16c")))
#define INLINE static inline __attribute__((always_inline))

AVX512 INLINE __m512i bcast4(const int8_t *p) { int32_t v; memcpy(&v, p, 4); return _mm512_set1_epi32(v); }

// One tile with NT (1…8) tokens; Q8 = weights are 8-bit (else nibbles); MIN = Q4_1's
// minimum term; ZP = the integer offset c of packed.h.
AVX512 INLINE void tile(const struct r1k_packed *P, const uint8_t *grp, const pk_acts *A, int64_t t0,
                        const int NT, const int Q8, const int MIN, const int ZP, float out[8][16]) {
    __m512 acc[8];
    const int8_t *aq[8]; const float *ad[8], *as[8]; const int32_t *asum[8];
    for (int t = 0; t < NT; t++) {
        acc[t] = _mm512_setzero_ps();
        aq[t] = A->q + (t0 + t) * A->cols; ad[t] = A->d + (t0 + t) * A->nb;
        as[t] = A->s + (t0 + t) * A->nb; asum[t] = A->sum + (t0 + t) * A->nb;
    }
    const __m512i m4 = _mm512_set1_epi8(15);
    const int SPLIT = NT <= 4;   // two integer chains per token when there are few tokens (latency)
    for (int64_t b = 0; b < P->nb; b++) {
        const uint8_t *qb = grp + P->q_off + b * P->qb;
        __m512i is0[8], is1[8];
        for (int t = 0; t < NT; t++) { is0[t] = _mm512_setzero_si512(); is1[t] = is0[t]; }
        if (Q8) {
            for (int j = 0; j < 8; j++) {
                __m512i w = _mm512_load_si512((const void *)(qb + 64 * j));
                for (int t = 0; t < NT; t++) {
                    __m512i a = bcast4(aq[t] + 32 * b + 4 * j);
                    if (SPLIT && (j & 1)) is1[t] = _mm512_dpbusd_epi32(is1[t], w, a);
                    else is0[t] = _mm512_dpbusd_epi32(is0[t], w, a);
                }
            }
        } else {
            for (int j = 0; j < 4; j++) {
                __m512i v = _mm512_load_si512((const void *)(qb + 64 * j));
                __m512i lo = _mm512_and_si512(v, m4), hi = _mm512_and_si512(_mm512_srli_epi16(v, 4), m4);
                for (int t = 0; t < NT; t++) {
                    is0[t] = _mm512_dpbusd_epi32(is0[t], lo, bcast4(aq[t] + 32 * b + 4 * j));
                    if (SPLIT) is1[t] = _mm512_dpbusd_epi32(is1[t], hi, bcast4(aq[t] + 32 * b + 16 + 4 * j));
                    else is0[t] = _mm512_dpbusd_epi32(is0[t], hi, bcast4(aq[t] + 32 * b + 16 + 4 * j));
                }
            }
        }
        __m512 dw = _mm512_cvtph_ps(_mm256_load_si256((const __m256i *)(grp + P->d_off + b * 32)));
        __m512 mw = MIN ? _mm512_cvtph_ps(_mm256_load_si256((const __m256i *)(grp + P->m_off + b * 32))) : dw;
        for (int t = 0; t < NT; t++) {
            __m512i is = SPLIT ? _mm512_add_epi32(is0[t], is1[t]) : is0[t];
            if (ZP) is = _mm512_sub_epi32(is, _mm512_set1_epi32(ZP * asum[t][b]));
            __m512 x = _mm512_mul_ps(_mm512_cvtepi32_ps(is), dw);
            acc[t] = _mm512_fmadd_ps(x, _mm512_set1_ps(ad[t][b]), acc[t]);
            if (MIN) acc[t] = _mm512_fmadd_ps(mw, _mm512_set1_ps(as[t][b]), acc[t]);
        }
    }
    for (int t = 0; t < NT; t++) _mm512_storeu_ps(out[t], acc[t]);
}

#define TYPE_CASES(NT) \
    case NT: \
        if (P->type == R1K_Q4_1) tile(P, grp, A, t0, NT, 0, 1, 0, out); \
        else if (P->type == R1K_Q4_0) tile(P, grp, A, t0, NT, 0, 0, 8, out); \
        else tile(P, grp, A, t0, NT, 1, 0, 128, out); \
        break;

AVX512 void pk_tile_avx512(const struct r1k_packed *P, int64_t g, const pk_acts *A, int64_t t0, int nt, float out[8][16]) {
    const uint8_t *grp = P->data + g * P->group_bytes;
    // At most 4 tokens per pass: two integer chains per token keep vpdpbusd's latency hidden
    // without running out of the 32 registers (a wider tile serialises on its chains).
    if (nt > 4) { pk_tile_avx512(P, g, A, t0, 4, out); pk_tile_avx512(P, g, A, t0 + 4, nt - 4, out + 4); return; }
    switch (nt) {
    TYPE_CASES(1) TYPE_CASES(2) TYPE_CASES(3) TYPE_CASES(4)
    default: break;
    }
}

AVX512 void pk_quantize_avx512(const float *x, int64_t n, int8_t *q, float *d, float *s, int32_t *sum) {
    const __m512 sign = _mm512_castsi512_ps(_mm512_set1_epi32(0x7fffffff));
    const __m512i lim = _mm512_set1_epi32(127), nlim = _mm512_set1_epi32(-127);
    for (int64_t b = 0; b < n / 32; b++) {
        __m512 x0 = _mm512_loadu_ps(x + 32 * b), x1 = _mm512_loadu_ps(x + 32 * b + 16);
        float amax = _mm512_reduce_max_ps(_mm512_max_ps(_mm512_and_ps(x0, sign), _mm512_and_ps(x1, sign)));
        float db = amax / 127.0f, id = db > 0 ? 1.0f / db : 0.0f;
        __m512 vid = _mm512_set1_ps(id);
        __m512i q0 = _mm512_cvtps_epi32(_mm512_mul_ps(x0, vid)), q1 = _mm512_cvtps_epi32(_mm512_mul_ps(x1, vid));
        q0 = _mm512_max_epi32(_mm512_min_epi32(q0, lim), nlim);
        q1 = _mm512_max_epi32(_mm512_min_epi32(q1, lim), nlim);
        _mm_storeu_si128((__m128i *)(q + 32 * b), _mm512_cvtepi32_epi8(q0));
        _mm_storeu_si128((__m128i *)(q + 32 * b + 16), _mm512_cvtepi32_epi8(q1));
        int32_t acc = _mm512_reduce_add_epi32(_mm512_add_epi32(q0, q1));
        d[b] = db; sum[b] = acc; s[b] = db * (float)acc;
    }
}
#else
void pk_tile_avx512(const struct r1k_packed *P, int64_t g, const pk_acts *A, int64_t t0, int nt, float out[8][16]) {
    pk_tile_scalar(P, g, A, t0, nt, out);
}
void pk_quantize_avx512(const float *x, int64_t n, int8_t *q, float *d, float *s, int32_t *sum) {
    pk_quantize_scalar(x, n, q, d, s, sum);
}
#endif
