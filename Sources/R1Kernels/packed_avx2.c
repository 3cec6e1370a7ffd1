// AVX2 / FMA twins of packed_scalar.c (the x86-64-v3 baseline). A group's 16
// rows are two ymm halves of 8 rows × 4 k-values. Without VNNI, vpmaddubsw +
// vpmaddwd give the same exact int32 sums: nibbles (≤ 15) times int8 never
// saturate int16; 8-bit weights go back to signed and use the sign trick
// (|w| · sign(a, w), ≤ 2·128·127 per pair), which yields Σ w·a with no offset.
#pragma STDC FP_CONTRACT OFF
#include "packed.h"
#include "internal.h"
#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma,f16c")))
#define INLINE static inline __attribute__((always_inline))

AVX2 INLINE __m256i bcast4(const int8_t *p) { int32_t v; memcpy(&v, p, 4); return _mm256_set1_epi32(v); }

// One tile pass: the group's 16 rows (two halves of 8) × NT (1…4) tokens. AVX2 has 16
// registers, so a pass holds at most 4 tokens' sums. Nibble products stay in int16
// for a whole block (8 vpmaddubsw results of ≤ 3810 each sum to ≤ 30480) before one
// vpmaddwd; 8-bit products (≤ 32512 a pair) widen to int32 every step.
AVX2 INLINE void tile(const struct r1k_packed *P, const uint8_t *grp, const pk_acts *A, int64_t t0,
                      const int NT, const int Q8, const int MIN, const int ZP, float out[8][16]) {
    const int8_t *aq[4]; const float *ad[4], *as[4]; const int32_t *asum[4];
    for (int t = 0; t < NT; t++) {
        aq[t] = A->q + (t0 + t) * A->cols; ad[t] = A->d + (t0 + t) * A->nb;
        as[t] = A->s + (t0 + t) * A->nb; asum[t] = A->sum + (t0 + t) * A->nb;
    }
    const __m256i m4 = _mm256_set1_epi8(15), ones = _mm256_set1_epi16(1), flip = _mm256_set1_epi8((char)0x80);
    for (int h = 0; h < 2; h++) {
        __m256 acc[4];
        for (int t = 0; t < NT; t++) acc[t] = _mm256_setzero_ps();
        for (int64_t b = 0; b < P->nb; b++) {
            const uint8_t *qb = grp + P->q_off + b * P->qb + 32 * h;
            __m256i is[4];
            if (Q8) {
                for (int t = 0; t < NT; t++) is[t] = _mm256_setzero_si256();
                for (int j = 0; j < 8; j++) {
                    __m256i w = _mm256_xor_si256(_mm256_load_si256((const __m256i *)(qb + 64 * j)), flip);
                    __m256i aw = _mm256_sign_epi8(w, w);
                    for (int t = 0; t < NT; t++) {
                        __m256i p = _mm256_maddubs_epi16(aw, _mm256_sign_epi8(bcast4(aq[t] + 32 * b + 4 * j), w));
                        is[t] = _mm256_add_epi32(is[t], _mm256_madd_epi16(p, ones));
                    }
                }
            } else {
                __m256i p16[4];
                for (int t = 0; t < NT; t++) p16[t] = _mm256_setzero_si256();
                for (int j = 0; j < 4; j++) {
                    __m256i v = _mm256_load_si256((const __m256i *)(qb + 64 * j));
                    __m256i lo = _mm256_and_si256(v, m4), hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), m4);
                    for (int t = 0; t < NT; t++) {
                        p16[t] = _mm256_add_epi16(p16[t], _mm256_maddubs_epi16(lo, bcast4(aq[t] + 32 * b + 4 * j)));
                        p16[t] = _mm256_add_epi16(p16[t], _mm256_maddubs_epi16(hi, bcast4(aq[t] + 32 * b + 16 + 4 * j)));
                    }
                }
                for (int t = 0; t < NT; t++) is[t] = _mm256_madd_epi16(p16[t], ones);
            }
            __m256 dw = _mm256_cvtph_ps(_mm_load_si128((const __m128i *)(grp + P->d_off + b * 32 + 16 * h)));
            for (int t = 0; t < NT; t++) {
                __m256i i = ZP ? _mm256_sub_epi32(is[t], _mm256_set1_epi32(ZP * asum[t][b])) : is[t];
                __m256 x = _mm256_mul_ps(_mm256_cvtepi32_ps(i), dw);
                acc[t] = _mm256_fmadd_ps(x, _mm256_set1_ps(ad[t][b]), acc[t]);
            }
            if (MIN) {
                __m256 mw = _mm256_cvtph_ps(_mm_load_si128((const __m128i *)(grp + P->m_off + b * 32 + 16 * h)));
                for (int t = 0; t < NT; t++) acc[t] = _mm256_fmadd_ps(mw, _mm256_set1_ps(as[t][b]), acc[t]);
            }
        }
        for (int t = 0; t < NT; t++) _mm256_storeu_ps(out[t] + 8 * h, acc[t]);
    }
}

// 8-bit weights: Σ w·a comes out directly (ZP 0 here).
#define TYPE_CASES(NT) \
    case NT: \
        if (P->type == R1K_Q4_1) tile(P, grp, A, t0, NT, 0, 1, 0, out); \
        else if (P->type == R1K_Q4_0) tile(P, grp, A, t0, NT, 0, 0, 8, out); \
        else tile(P, grp, A, t0, NT, 1, 0, 0, out); \
        break;

AVX2 void pk_tile_avx2(const struct r1k_packed *P, int64_t g, const pk_acts *A, int64_t t0, int nt, float out[8][16]) {
    const uint8_t *grp = P->data + g * P->group_bytes;
    if (nt > 4) { pk_tile_avx2(P, g, A, t0, 4, out); pk_tile_avx2(P, g, A, t0 + 4, nt - 4, out + 4); return; }
    switch (nt) {
    TYPE_CASES(1) TYPE_CASES(2) TYPE_CASES(3) TYPE_CASES(4)
    default: break;
    }
}

AVX2 void pk_quantize_avx2(const float *x, int64_t n, int8_t *q, float *d, float *s, int32_t *sum) {
    const __m256 sign = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    const __m256i lim = _mm256_set1_epi32(127), nlim = _mm256_set1_epi32(-127);
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    for (int64_t b = 0; b < n / 32; b++) {
        __m256 x0 = _mm256_loadu_ps(x + 32 * b), x1 = _mm256_loadu_ps(x + 32 * b + 8);
        __m256 x2 = _mm256_loadu_ps(x + 32 * b + 16), x3 = _mm256_loadu_ps(x + 32 * b + 24);
        __m256 m = _mm256_max_ps(_mm256_max_ps(_mm256_and_ps(x0, sign), _mm256_and_ps(x1, sign)),
                                 _mm256_max_ps(_mm256_and_ps(x2, sign), _mm256_and_ps(x3, sign)));
        __m128 m4 = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
        m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
        m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
        float amax = _mm_cvtss_f32(m4);
        float db = amax / 127.0f, id = db > 0 ? 1.0f / db : 0.0f;
        __m256 vid = _mm256_set1_ps(id);
        __m256i q0 = _mm256_cvtps_epi32(_mm256_mul_ps(x0, vid)), q1 = _mm256_cvtps_epi32(_mm256_mul_ps(x1, vid));
        __m256i q2 = _mm256_cvtps_epi32(_mm256_mul_ps(x2, vid)), q3 = _mm256_cvtps_epi32(_mm256_mul_ps(x3, vid));
        q0 = _mm256_max_epi32(_mm256_min_epi32(q0, lim), nlim); q1 = _mm256_max_epi32(_mm256_min_epi32(q1, lim), nlim);
        q2 = _mm256_max_epi32(_mm256_min_epi32(q2, lim), nlim); q3 = _mm256_max_epi32(_mm256_min_epi32(q3, lim), nlim);
        __m256i tot = _mm256_add_epi32(_mm256_add_epi32(q0, q1), _mm256_add_epi32(q2, q3));
        __m128i t4 = _mm_add_epi32(_mm256_castsi256_si128(tot), _mm256_extracti128_si256(tot, 1));
        t4 = _mm_add_epi32(t4, _mm_shuffle_epi32(t4, 0x4e));
        t4 = _mm_add_epi32(t4, _mm_shuffle_epi32(t4, 0xb1));
        __m256i p8 = _mm256_packs_epi16(_mm256_packs_epi32(q0, q1), _mm256_packs_epi32(q2, q3));
        _mm256_storeu_si256((__m256i *)(q + 32 * b), _mm256_permutevar8x32_epi32(p8, order));
        int32_t acc = _mm_cvtsi128_si32(t4);
        d[b] = db; sum[b] = acc; s[b] = db * (float)acc;
    }
}
#else
void pk_tile_avx2(const struct r1k_packed *P, int64_t g, const pk_acts *A, int64_t t0, int nt, float out[8][16]) {
    pk_tile_scalar(P, g, A, t0, nt, out);
}
void pk_quantize_avx2(const float *x, int64_t n, int8_t *q, float *d, float *s, int32_t *sum) {
    pk_quantize_scalar(x, n, q, d, s, sum);
}
#endif
