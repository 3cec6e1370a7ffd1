// Dot products: a scalar reference and an AVX2/FMA twin for each. The SIMD
// versions are compiled with target attributes and chosen at run time.
#include "r1kernels.h"
#include "internal.h"
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif
#include <stdlib.h>

void *r1k_scratch(int slot, size_t bytes) {
    static __thread void *buf[4]; static __thread size_t cap[4];
    if (cap[slot] < bytes) {
        free(buf[slot]);
        size_t c = bytes < 4096 ? 4096 : bytes + bytes / 2;
        buf[slot] = aligned_alloc(64, (c + 63) & ~(size_t)63);
        cap[slot] = buf[slot] ? c : 0;
    }
    return buf[slot];
}

// ── Scalar references ────────────────────────────────────────────────────
float r1k_dot_f32_scalar(int64_t n, const float *a, const float *b) {
    float s = 0; for (int64_t i = 0; i < n; i++) s += a[i] * b[i]; return s;
}
float r1k_dot_q8_0_q8a_scalar(int64_t n, const void *w, const r1k_q8a *a) {
    const uint8_t *b = (const uint8_t *)w; float s = 0;
    for (int64_t i = 0; i < n / 32; i++, b += 34) {
        const int8_t *q = (const int8_t *)(b + 2); int acc = 0;
        for (int j = 0; j < 32; j++) acc += q[j] * a[i].qs[j];
        s += r1k_rd_half(b) * a[i].d * (float)acc;
    }
    return s;
}
float r1k_dot_q4_1_q8a_scalar(int64_t n, const void *w, const r1k_q8a *a) {
    const uint8_t *b = (const uint8_t *)w; float s = 0;
    for (int64_t i = 0; i < n / 32; i++, b += 20) {
        const uint8_t *q = b + 4; int acc = 0;
        for (int j = 0; j < 16; j++) acc += (q[j] & 15) * a[i].qs[j] + (q[j] >> 4) * a[i].qs[j + 16];
        s += r1k_rd_half(b) * a[i].d * (float)acc + r1k_rd_half(b + 2) * a[i].s;
    }
    return s;
}
float r1k_dot_q4_0_q8a_scalar(int64_t n, const void *w, const r1k_q8a *a) {
    const uint8_t *b = (const uint8_t *)w; float s = 0;
    for (int64_t i = 0; i < n / 32; i++, b += 18) {
        const uint8_t *q = b + 2; int acc = 0;
        for (int j = 0; j < 16; j++) acc += ((q[j] & 15) - 8) * a[i].qs[j] + ((q[j] >> 4) - 8) * a[i].qs[j + 16];
        s += r1k_rd_half(b) * a[i].d * (float)acc;
    }
    return s;
}
static inline void q5_0_unpack(const uint8_t *b, int8_t *out) {
    uint32_t h; memcpy(&h, b + 2, 4); const uint8_t *qs = b + 6;
    for (int j = 0; j < 16; j++) {
        out[j] = (int8_t)(((qs[j] & 15) | (((h >> j) & 1) << 4)) - 16);
        out[j + 16] = (int8_t)(((qs[j] >> 4) | (((h >> (j + 16)) & 1) << 4)) - 16);
    }
}
float r1k_dot_q5_0_q8a_scalar(int64_t n, const void *w, const r1k_q8a *a) {
    const uint8_t *b = (const uint8_t *)w; float s = 0; int8_t v[32];
    for (int64_t i = 0; i < n / 32; i++, b += 22) {
        q5_0_unpack(b, v); int acc = 0;
        for (int j = 0; j < 32; j++) acc += v[j] * a[i].qs[j];
        s += r1k_rd_half(b) * a[i].d * (float)acc;
    }
    return s;
}

// ── Quantized weight row · f32 activations (fused dequantize-and-dot) ─────
float r1k_dot_q4_1_f32_scalar(int64_t n, const void *w, const float *x) {
    const uint8_t *b = (const uint8_t *)w; float s = 0;
    for (int64_t i = 0; i < n / 32; i++, b += 20, x += 32) {
        float d = r1k_rd_half(b), m = r1k_rd_half(b + 2), sq = 0, sx = 0;
        for (int j = 0; j < 16; j++) { sq += (b[4 + j] & 15) * x[j] + (b[4 + j] >> 4) * x[j + 16]; sx += x[j] + x[j + 16]; }
        s += d * sq + m * sx;
    }
    return s;
}
float r1k_dot_q8_0_f32_scalar(int64_t n, const void *w, const float *x) {
    const uint8_t *b = (const uint8_t *)w; float s = 0;
    for (int64_t i = 0; i < n / 32; i++, b += 34, x += 32) {
        const int8_t *q = (const int8_t *)(b + 2); float sq = 0;
        for (int j = 0; j < 32; j++) sq += q[j] * x[j];
        s += r1k_rd_half(b) * sq;
    }
    return s;
}
#if defined(__x86_64__) || defined(__i386__)
// ── AVX2 / FMA ───────────────────────────────────────────────────────────
#define AVX2 __attribute__((target("avx2,fma,f16c")))

AVX2 static inline float h2f(const uint8_t *p) { uint16_t h; memcpy(&h, p, 2); return _cvtsh_ss(h); }

AVX2 static inline float hsum8(__m256 v) {
    __m128 lo = _mm256_castps256_ps128(v), hi = _mm256_extractf128_ps(v, 1);
    lo = _mm_add_ps(lo, hi);
    lo = _mm_add_ps(lo, _mm_movehl_ps(lo, lo));
    lo = _mm_add_ss(lo, _mm_movehdup_ps(lo));
    return _mm_cvtss_f32(lo);
}
// Σ x·y for 32 signed bytes each, as 8 i32 lanes converted to float.
AVX2 static inline __m256 dot_i8(__m256i x, __m256i y) {
    __m256i ax = _mm256_sign_epi8(x, x), sy = _mm256_sign_epi8(y, x);
    __m256i p16 = _mm256_maddubs_epi16(ax, sy);
    return _mm256_cvtepi32_ps(_mm256_madd_epi16(p16, _mm256_set1_epi16(1)));
}
// 16 packed bytes → 32 nibbles in element order (low nibbles 0–15, high 16–31).
AVX2 static inline __m256i nibbles(const uint8_t *q) {
    __m128i v = _mm_loadu_si128((const __m128i *)q);
    __m256i x = _mm256_set_m128i(_mm_srli_epi16(v, 4), v);
    return _mm256_and_si256(x, _mm256_set1_epi8(15));
}

AVX2 float r1k_dot_f32_avx2(int64_t n, const float *a, const float *b) {
    __m256 s0 = _mm256_setzero_ps(), s1 = s0, s2 = s0, s3 = s0; int64_t i = 0;
    for (; i + 32 <= n; i += 32) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
        s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16), s2);
        s3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24), s3);
    }
    for (; i + 8 <= n; i += 8) s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    float s = hsum8(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
    for (; i < n; i++) s += a[i] * b[i];
    return s;
}
AVX2 float r1k_dot_q8_0_q8a_avx2(int64_t n, const void *w, const r1k_q8a *a) {
    const uint8_t *b = (const uint8_t *)w; __m256 acc0 = _mm256_setzero_ps(), acc1 = acc0;
    int64_t nb = n / 32, i = 0;
    for (; i + 2 <= nb; i += 2, b += 68) {   // two blocks per step, independent accumulators
        __m256i x0 = _mm256_loadu_si256((const __m256i *)(b + 2)), y0 = _mm256_loadu_si256((const __m256i *)a[i].qs);
        __m256i x1 = _mm256_loadu_si256((const __m256i *)(b + 36)), y1 = _mm256_loadu_si256((const __m256i *)a[i + 1].qs);
        acc0 = _mm256_fmadd_ps(_mm256_set1_ps(h2f(b) * a[i].d), dot_i8(x0, y0), acc0);
        acc1 = _mm256_fmadd_ps(_mm256_set1_ps(h2f(b + 34) * a[i + 1].d), dot_i8(x1, y1), acc1);
    }
    for (; i < nb; i++, b += 34) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(b + 2)), y = _mm256_loadu_si256((const __m256i *)a[i].qs);
        acc0 = _mm256_fmadd_ps(_mm256_set1_ps(h2f(b) * a[i].d), dot_i8(x, y), acc0);
    }
    return hsum8(_mm256_add_ps(acc0, acc1));
}
AVX2 static inline __m256 dot_u4_i8(const uint8_t *q, const int8_t *y) {
    __m256i p16 = _mm256_maddubs_epi16(nibbles(q), _mm256_loadu_si256((const __m256i *)y));  // nibbles unsigned 0..15
    return _mm256_cvtepi32_ps(_mm256_madd_epi16(p16, _mm256_set1_epi16(1)));
}
AVX2 float r1k_dot_q4_1_q8a_avx2(int64_t n, const void *w, const r1k_q8a *a) {
    const uint8_t *b = (const uint8_t *)w; __m256 acc0 = _mm256_setzero_ps(), acc1 = acc0;
    float sm0 = 0, sm1 = 0; int64_t nb = n / 32, i = 0;
    for (; i + 2 <= nb; i += 2, b += 40) {
        acc0 = _mm256_fmadd_ps(_mm256_set1_ps(h2f(b) * a[i].d), dot_u4_i8(b + 4, a[i].qs), acc0);
        acc1 = _mm256_fmadd_ps(_mm256_set1_ps(h2f(b + 20) * a[i + 1].d), dot_u4_i8(b + 24, a[i + 1].qs), acc1);
        sm0 += h2f(b + 2) * a[i].s; sm1 += h2f(b + 22) * a[i + 1].s;
    }
    for (; i < nb; i++, b += 20) {
        acc0 = _mm256_fmadd_ps(_mm256_set1_ps(h2f(b) * a[i].d), dot_u4_i8(b + 4, a[i].qs), acc0);
        sm0 += h2f(b + 2) * a[i].s;
    }
    return hsum8(_mm256_add_ps(acc0, acc1)) + sm0 + sm1;
}
AVX2 float r1k_dot_q4_0_q8a_avx2(int64_t n, const void *w, const r1k_q8a *a) {
    const uint8_t *b = (const uint8_t *)w; __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < n / 32; i++, b += 18) {
        __m256i x = _mm256_sub_epi8(nibbles(b + 2), _mm256_set1_epi8(8));
        __m256i y = _mm256_loadu_si256((const __m256i *)a[i].qs);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(h2f(b) * a[i].d), dot_i8(x, y), acc);
    }
    return hsum8(acc);
}
AVX2 float r1k_dot_q5_0_q8a_avx2(int64_t n, const void *w, const r1k_q8a *a) {
    const uint8_t *b = (const uint8_t *)w; __m256 acc = _mm256_setzero_ps();
    // bit j of qh → byte j: broadcast the 4 bytes, shuffle byte j/8 into lane j, test bit j%8.
    const __m256i shuf = _mm256_set_epi64x(0x0303030303030303LL, 0x0202020202020202LL,
                                           0x0101010101010101LL, 0x0000000000000000LL);
    const __m256i bits = _mm256_set1_epi64x((long long)0x8040201008040201ULL);
    for (int64_t i = 0; i < n / 32; i++, b += 22) {
        uint32_t h; memcpy(&h, b + 2, 4);
        __m256i hv = _mm256_shuffle_epi8(_mm256_set1_epi32((int)h), shuf);
        __m256i hb = _mm256_cmpeq_epi8(_mm256_and_si256(hv, bits), bits);   // 0xFF where bit set
        __m256i x = _mm256_or_si256(nibbles(b + 6), _mm256_and_si256(hb, _mm256_set1_epi8(16)));
        x = _mm256_sub_epi8(x, _mm256_set1_epi8(16));
        __m256i y = _mm256_loadu_si256((const __m256i *)a[i].qs);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(h2f(b) * a[i].d), dot_i8(x, y), acc);
    }
    return hsum8(acc);
}

// Dequantization of whole rows (matmul tiles): same arithmetic as the scalar
// dequantizers (multiply, then add; no FMA), so the results are identical.
AVX2 void r1k_dequant_q4_1_avx2(const void *src, float *y, int64_t n) {
    const uint8_t *b = (const uint8_t *)src; const __m128i m4 = _mm_set1_epi8(15);
    for (int64_t i = 0; i < n / 32; i++, b += 20, y += 32) {
        __m256 d = _mm256_set1_ps(h2f(b)), m = _mm256_set1_ps(h2f(b + 2));
        __m128i v = _mm_loadu_si128((const __m128i *)(b + 4));
        __m128i lo = _mm_and_si128(v, m4), hi = _mm_and_si128(_mm_srli_epi16(v, 4), m4);
        _mm256_storeu_ps(y, _mm256_add_ps(_mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(lo))), m));
        _mm256_storeu_ps(y + 8, _mm256_add_ps(_mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(lo, 8)))), m));
        _mm256_storeu_ps(y + 16, _mm256_add_ps(_mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(hi))), m));
        _mm256_storeu_ps(y + 24, _mm256_add_ps(_mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(hi, 8)))), m));
    }
}
AVX2 void r1k_dequant_q8_0_avx2(const void *src, float *y, int64_t n) {
    const uint8_t *b = (const uint8_t *)src;
    for (int64_t i = 0; i < n / 32; i++, b += 34, y += 32) {
        __m256 d = _mm256_set1_ps(h2f(b));
        __m128i v0 = _mm_loadu_si128((const __m128i *)(b + 2)), v1 = _mm_loadu_si128((const __m128i *)(b + 18));
        _mm256_storeu_ps(y, _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(v0))));
        _mm256_storeu_ps(y + 8, _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(v0, 8)))));
        _mm256_storeu_ps(y + 16, _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(v1))));
        _mm256_storeu_ps(y + 24, _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(v1, 8)))));
    }
}

// Q4_0 / Q5_0: signed 4/5-bit values (q − 8, q − 16) times d.
AVX2 static inline void store_i8x32_scaled(float *y, __m256i q, __m256 d) {
    __m128i lo = _mm256_castsi256_si128(q), hi = _mm256_extracti128_si256(q, 1);
    _mm256_storeu_ps(y, _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(lo))));
    _mm256_storeu_ps(y + 8, _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(lo, 8)))));
    _mm256_storeu_ps(y + 16, _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(hi))));
    _mm256_storeu_ps(y + 24, _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(hi, 8)))));
}
AVX2 void r1k_dequant_q4_0_avx2(const void *src, float *y, int64_t n) {
    const uint8_t *b = (const uint8_t *)src;
    for (int64_t i = 0; i < n / 32; i++, b += 18, y += 32)
        store_i8x32_scaled(y, _mm256_sub_epi8(nibbles(b + 2), _mm256_set1_epi8(8)), _mm256_set1_ps(h2f(b)));
}
AVX2 void r1k_dequant_q5_0_avx2(const void *src, float *y, int64_t n) {
    const uint8_t *b = (const uint8_t *)src;
    const __m256i shuf = _mm256_set_epi64x(0x0303030303030303LL, 0x0202020202020202LL, 0x0101010101010101LL, 0);
    const __m256i bits = _mm256_set1_epi64x((long long)0x8040201008040201ULL);
    for (int64_t i = 0; i < n / 32; i++, b += 22, y += 32) {
        uint32_t h; memcpy(&h, b + 2, 4);
        __m256i hb = _mm256_cmpeq_epi8(_mm256_and_si256(_mm256_shuffle_epi8(_mm256_set1_epi32((int)h), shuf), bits), bits);
        __m256i q = _mm256_or_si256(nibbles(b + 6), _mm256_and_si256(hb, _mm256_set1_epi8(16)));
        store_i8x32_scaled(y, _mm256_sub_epi8(q, _mm256_set1_epi8(16)), _mm256_set1_ps(h2f(b)));
    }
}

// 2 rows × 4 tokens f32 micro-kernel over n (multiple of 8): c[r][t] = w_r · x_t.
AVX2 void r1k_micro_2x4_avx2(int64_t n, const float *w0, const float *w1, const float *x0, const float *x1,
                             const float *x2, const float *x3, float c[2][4]) {
    __m256 a00 = _mm256_setzero_ps(), a01 = a00, a02 = a00, a03 = a00, a10 = a00, a11 = a00, a12 = a00, a13 = a00;
    for (int64_t k = 0; k < n; k += 8) {
        __m256 u = _mm256_loadu_ps(w0 + k), v = _mm256_loadu_ps(w1 + k), x;
        x = _mm256_loadu_ps(x0 + k); a00 = _mm256_fmadd_ps(u, x, a00); a10 = _mm256_fmadd_ps(v, x, a10);
        x = _mm256_loadu_ps(x1 + k); a01 = _mm256_fmadd_ps(u, x, a01); a11 = _mm256_fmadd_ps(v, x, a11);
        x = _mm256_loadu_ps(x2 + k); a02 = _mm256_fmadd_ps(u, x, a02); a12 = _mm256_fmadd_ps(v, x, a12);
        x = _mm256_loadu_ps(x3 + k); a03 = _mm256_fmadd_ps(u, x, a03); a13 = _mm256_fmadd_ps(v, x, a13);
    }
    c[0][0] = hsum8(a00); c[0][1] = hsum8(a01); c[0][2] = hsum8(a02); c[0][3] = hsum8(a03);
    c[1][0] = hsum8(a10); c[1][1] = hsum8(a11); c[1][2] = hsum8(a12); c[1][3] = hsum8(a13);
}

// ── Several activation rows against one weight row (batched decode) ──────
// Same arithmetic, in the same order, as the single-row AVX2 dots above, so the
// results are bit-identical; the weight block is loaded and unpacked once.
AVX2 void r1k_dot4_q4_1_q8a_avx2(int64_t n, const void *w, const r1k_q8a *const a[4], int na, float out[4]) {
    const uint8_t *b0 = (const uint8_t *)w;
    __m256 acc0[4], acc1[4]; float sm0[4] = {0}, sm1[4] = {0};
    for (int k = 0; k < 4; k++) { acc0[k] = _mm256_setzero_ps(); acc1[k] = acc0[k]; }
    int64_t nb = n / 32, i = 0; const uint8_t *b = b0;
    for (; i + 2 <= nb; i += 2, b += 40) {
        __m256i x0 = nibbles(b + 4), x1 = nibbles(b + 24);
        float d0 = h2f(b), d1 = h2f(b + 20), m0 = h2f(b + 2), m1 = h2f(b + 22);
        for (int k = 0; k < na; k++) {
            const r1k_q8a *ak = a[k];
            __m256 p0 = _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(x0, _mm256_loadu_si256((const __m256i *)ak[i].qs)), _mm256_set1_epi16(1)));
            __m256 p1 = _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(x1, _mm256_loadu_si256((const __m256i *)ak[i + 1].qs)), _mm256_set1_epi16(1)));
            acc0[k] = _mm256_fmadd_ps(_mm256_set1_ps(d0 * ak[i].d), p0, acc0[k]);
            acc1[k] = _mm256_fmadd_ps(_mm256_set1_ps(d1 * ak[i + 1].d), p1, acc1[k]);
            sm0[k] += m0 * ak[i].s; sm1[k] += m1 * ak[i + 1].s;
        }
    }
    for (; i < nb; i++, b += 20) {
        __m256i x0 = nibbles(b + 4); float d0 = h2f(b), m0 = h2f(b + 2);
        for (int k = 0; k < na; k++) {
            const r1k_q8a *ak = a[k];
            __m256 p0 = _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(x0, _mm256_loadu_si256((const __m256i *)ak[i].qs)), _mm256_set1_epi16(1)));
            acc0[k] = _mm256_fmadd_ps(_mm256_set1_ps(d0 * ak[i].d), p0, acc0[k]);
            sm0[k] += m0 * ak[i].s;
        }
    }
    for (int k = 0; k < na; k++) out[k] = hsum8(_mm256_add_ps(acc0[k], acc1[k])) + sm0[k] + sm1[k];
}

AVX2 void r1k_dot4_q8_0_q8a_avx2(int64_t n, const void *w, const r1k_q8a *const a[4], int na, float out[4]) {
    const uint8_t *b = (const uint8_t *)w;
    __m256 acc0[4], acc1[4];
    for (int k = 0; k < 4; k++) { acc0[k] = _mm256_setzero_ps(); acc1[k] = acc0[k]; }
    int64_t nb = n / 32, i = 0;
    for (; i + 2 <= nb; i += 2, b += 68) {
        __m256i x0 = _mm256_loadu_si256((const __m256i *)(b + 2)), x1 = _mm256_loadu_si256((const __m256i *)(b + 36));
        __m256i ax0 = _mm256_sign_epi8(x0, x0), ax1 = _mm256_sign_epi8(x1, x1);
        float d0 = h2f(b), d1 = h2f(b + 34);
        for (int k = 0; k < na; k++) {
            const r1k_q8a *ak = a[k];
            __m256i y0 = _mm256_sign_epi8(_mm256_loadu_si256((const __m256i *)ak[i].qs), x0);
            __m256i y1 = _mm256_sign_epi8(_mm256_loadu_si256((const __m256i *)ak[i + 1].qs), x1);
            __m256 p0 = _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(ax0, y0), _mm256_set1_epi16(1)));
            __m256 p1 = _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(ax1, y1), _mm256_set1_epi16(1)));
            acc0[k] = _mm256_fmadd_ps(_mm256_set1_ps(d0 * ak[i].d), p0, acc0[k]);
            acc1[k] = _mm256_fmadd_ps(_mm256_set1_ps(d1 * ak[i + 1].d), p1, acc1[k]);
        }
    }
    for (; i < nb; i++, b += 34) {
        __m256i x0 = _mm256_loadu_si256((const __m256i *)(b + 2)), ax0 = _mm256_sign_epi8(x0, x0); float d0 = h2f(b);
        for (int k = 0; k < na; k++) {
            const r1k_q8a *ak = a[k];
            __m256i y0 = _mm256_sign_epi8(_mm256_loadu_si256((const __m256i *)ak[i].qs), x0);
            __m256 p0 = _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(ax0, y0), _mm256_set1_epi16(1)));
            acc0[k] = _mm256_fmadd_ps(_mm256_set1_ps(d0 * ak[i].d), p0, acc0[k]);
        }
    }
    for (int k = 0; k < na; k++) out[k] = hsum8(_mm256_add_ps(acc0[k], acc1[k]));
}

AVX2 float r1k_dot_q4_1_f32_avx2(int64_t n, const void *w, const float *x) {
    const uint8_t *b = (const uint8_t *)w; __m256 acc = _mm256_setzero_ps(), accm = _mm256_setzero_ps();
    const __m128i m4 = _mm_set1_epi8(15);
    for (int64_t i = 0; i < n / 32; i++, b += 20, x += 32) {
        __m128i v = _mm_loadu_si128((const __m128i *)(b + 4));
        __m128i lo = _mm_and_si128(v, m4), hi = _mm_and_si128(_mm_srli_epi16(v, 4), m4);
        __m256 q0 = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(lo));
        __m256 q1 = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(lo, 8)));
        __m256 q2 = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(hi));
        __m256 q3 = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(hi, 8)));
        __m256 x0 = _mm256_loadu_ps(x), x1 = _mm256_loadu_ps(x + 8), x2 = _mm256_loadu_ps(x + 16), x3 = _mm256_loadu_ps(x + 24);
        __m256 sq = _mm256_mul_ps(q0, x0);
        sq = _mm256_fmadd_ps(q1, x1, sq); sq = _mm256_fmadd_ps(q2, x2, sq); sq = _mm256_fmadd_ps(q3, x3, sq);
        __m256 sx = _mm256_add_ps(_mm256_add_ps(x0, x1), _mm256_add_ps(x2, x3));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(h2f(b)), sq, acc);
        accm = _mm256_fmadd_ps(_mm256_set1_ps(h2f(b + 2)), sx, accm);
    }
    return hsum8(_mm256_add_ps(acc, accm));
}
AVX2 float r1k_dot_q8_0_f32_avx2(int64_t n, const void *w, const float *x) {
    const uint8_t *b = (const uint8_t *)w; __m256 acc0 = _mm256_setzero_ps(), acc1 = acc0;
    int64_t nb = n / 32, i = 0;
    for (; i < nb; i++, b += 34, x += 32) {
        __m128i v0 = _mm_loadu_si128((const __m128i *)(b + 2)), v1 = _mm_loadu_si128((const __m128i *)(b + 18));
        __m256 q0 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(v0));
        __m256 q1 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(v0, 8)));
        __m256 q2 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(v1));
        __m256 q3 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(v1, 8)));
        __m256 sq = _mm256_mul_ps(q0, _mm256_loadu_ps(x));
        sq = _mm256_fmadd_ps(q1, _mm256_loadu_ps(x + 8), sq);
        __m256 sr = _mm256_mul_ps(q2, _mm256_loadu_ps(x + 16));
        sr = _mm256_fmadd_ps(q3, _mm256_loadu_ps(x + 24), sr);
        __m256 d = _mm256_set1_ps(h2f(b));
        acc0 = _mm256_fmadd_ps(d, sq, acc0); acc1 = _mm256_fmadd_ps(d, sr, acc1);
    }
    return hsum8(_mm256_add_ps(acc0, acc1));
}

#else  // not x86: the *_avx2 names fall back to the scalar kernels (never selected at run time)
float r1k_dot_f32_avx2(int64_t n, const float *a, const float *b) { return r1k_dot_f32_scalar(n, a, b); }
float r1k_dot_q8_0_q8a_avx2(int64_t n, const void *w, const r1k_q8a *a) { return r1k_dot_q8_0_q8a_scalar(n, w, a); }
float r1k_dot_q4_1_q8a_avx2(int64_t n, const void *w, const r1k_q8a *a) { return r1k_dot_q4_1_q8a_scalar(n, w, a); }
float r1k_dot_q4_0_q8a_avx2(int64_t n, const void *w, const r1k_q8a *a) { return r1k_dot_q4_0_q8a_scalar(n, w, a); }
float r1k_dot_q5_0_q8a_avx2(int64_t n, const void *w, const r1k_q8a *a) { return r1k_dot_q5_0_q8a_scalar(n, w, a); }
float r1k_dot_q4_1_f32_avx2(int64_t n, const void *w, const float *x) { return r1k_dot_q4_1_f32_scalar(n, w, x); }
float r1k_dot_q8_0_f32_avx2(int64_t n, const void *w, const float *x) { return r1k_dot_q8_0_f32_scalar(n, w, x); }
void r1k_micro_2x4_avx2(int64_t n, const float *w0, const float *w1, const float *x0, const float *x1,
                        const float *x2, const float *x3, float c[2][4]) {
    const float *w[2] = { w0, w1 }, *x[4] = { x0, x1, x2, x3 };
    for (int i = 0; i < 2; i++) for (int j = 0; j < 4; j++) c[i][j] = r1k_dot_f32_scalar(n, w[i], x[j]);
}
void r1k_dot4_q4_1_q8a_avx2(int64_t n, const void *w, const r1k_q8a *const a[4], int na, float out[4]) {
    for (int k = 0; k < na; k++) out[k] = r1k_dot_q4_1_q8a_scalar(n, w, a[k]);
}
void r1k_dequant_q4_1_avx2(const void *src, float *y, int64_t n) { r1k_dequantize_row(R1K_Q4_1, src, y, n); }
void r1k_dequant_q8_0_avx2(const void *src, float *y, int64_t n) { r1k_dequantize_row(R1K_Q8_0, src, y, n); }
void r1k_dequant_q4_0_avx2(const void *src, float *y, int64_t n) { r1k_dequantize_row(R1K_Q4_0, src, y, n); }
void r1k_dequant_q5_0_avx2(const void *src, float *y, int64_t n) { r1k_dequantize_row(R1K_Q5_0, src, y, n); }
void r1k_dot4_q8_0_q8a_avx2(int64_t n, const void *w, const r1k_q8a *const a[4], int na, float out[4]) {
    for (int k = 0; k < na; k++) out[k] = r1k_dot_q8_0_q8a_scalar(n, w, a[k]);
}
#endif
