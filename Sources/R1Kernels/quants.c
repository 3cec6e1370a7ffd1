// Block formats and their dequantizers (layouts: reference/engine.md §2, after
// ggml/src/ggml-common.h). Our own code; scalar only — dequantization feeds
// f32 tiles whose cost is amortised over many tokens in prefill.
#include "r1kernels.h"
#include "internal.h"
#include <string.h>
#include <math.h>

_Static_assert(sizeof(r1k_q8a) == 40, "r1k_q8a layout");

float r1k_fp16_to_fp32(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f, man = h & 0x3ff, bits;
    if (exp == 0) {
        if (man == 0) bits = sign;
        else {  // subnormal: normalise
            int e = -1;
            do { man <<= 1; e++; } while (!(man & 0x400));
            man &= 0x3ff;
            bits = sign | ((uint32_t)(127 - 15 - e) << 23) | (man << 13);
        }
    } else if (exp == 31) bits = sign | 0x7f800000 | (man << 13);
    else bits = sign | ((exp - 15 + 127) << 23) | (man << 13);
    float f; memcpy(&f, &bits, 4); return f;
}

uint16_t r1k_fp32_to_fp16(float f) {
    uint32_t x; memcpy(&x, &f, 4);
    uint32_t sign = (x >> 16) & 0x8000;
    int32_t exp = (int32_t)((x >> 23) & 0xff) - 127 + 15;
    uint32_t man = x & 0x7fffff;
    if (((x >> 23) & 0xff) == 0xff) return (uint16_t)(sign | 0x7c00 | (man ? 0x200 : 0));
    if (exp >= 31) return (uint16_t)(sign | 0x7c00);
    if (exp <= 0) {
        if (exp < -10) return (uint16_t)sign;
        man |= 0x800000;
        int shift = 14 - exp;
        uint32_t half = man >> shift, rem = man & ((1u << shift) - 1), mid = 1u << (shift - 1);
        if (rem > mid || (rem == mid && (half & 1))) half++;
        return (uint16_t)(sign | half);
    }
    uint32_t half = sign | ((uint32_t)exp << 10) | (man >> 13);
    uint32_t rem = man & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1))) half++;  // carries into exp correctly
    return (uint16_t)half;
}

float r1k_bf16_to_fp32(uint16_t h) {
    uint32_t bits = (uint32_t)h << 16; float f; memcpy(&f, &bits, 4); return f;
}

int64_t r1k_block_elems(int32_t type) {
    switch (type) {
    case R1K_F32: case R1K_F16: case R1K_BF16: return 1;
    case R1K_Q4_0: case R1K_Q4_1: case R1K_Q5_0: case R1K_Q5_1: case R1K_Q8_0: case R1K_Q8_1: return 32;
    case R1K_Q2_K: case R1K_Q3_K: case R1K_Q4_K: case R1K_Q5_K: case R1K_Q6_K: case R1K_Q8_K: return 256;
    default: return 0;
    }
}

int64_t r1k_block_bytes(int32_t type) {
    switch (type) {
    case R1K_F32: return 4;
    case R1K_F16: case R1K_BF16: return 2;
    case R1K_Q4_0: return 18;
    case R1K_Q4_1: return 20;
    case R1K_Q5_0: return 22;
    case R1K_Q5_1: return 24;
    case R1K_Q8_0: return 34;
    case R1K_Q8_1: return 36;
    case R1K_Q2_K: return 84;
    case R1K_Q3_K: return 110;
    case R1K_Q4_K: return 144;
    case R1K_Q5_K: return 176;
    case R1K_Q6_K: return 210;
    case R1K_Q8_K: return 292;
    default: return 0;
    }
}

int32_t r1k_type_supported(int32_t type) {
    switch (type) {
    case R1K_F32: case R1K_F16: case R1K_BF16: case R1K_Q4_0: case R1K_Q4_1: case R1K_Q5_0:
    case R1K_Q5_1: case R1K_Q8_0: case R1K_Q4_K: case R1K_Q6_K: return 1;
    default: return 0;
    }
}

static inline float rd_half(const uint8_t *p) { return r1k_fp16_to_fp32((uint16_t)(p[0] | (p[1] << 8))); }

static void deq_q4_0(const uint8_t *b, float *y) {
    float d = rd_half(b); const uint8_t *qs = b + 2;
    for (int j = 0; j < 16; j++) { y[j] = d * ((qs[j] & 15) - 8); y[j + 16] = d * ((qs[j] >> 4) - 8); }
}
static void deq_q4_1(const uint8_t *b, float *y) {
    float d = rd_half(b), m = rd_half(b + 2); const uint8_t *qs = b + 4;
    for (int j = 0; j < 16; j++) { y[j] = d * (qs[j] & 15) + m; y[j + 16] = d * (qs[j] >> 4) + m; }
}
static void deq_q5_0(const uint8_t *b, float *y) {
    float d = rd_half(b); uint32_t h; memcpy(&h, b + 2, 4); const uint8_t *qs = b + 6;
    for (int j = 0; j < 16; j++) {
        int lo = (qs[j] & 15) | (((h >> j) & 1) << 4), hi = (qs[j] >> 4) | (((h >> (j + 16)) & 1) << 4);
        y[j] = d * (lo - 16); y[j + 16] = d * (hi - 16);
    }
}
static void deq_q5_1(const uint8_t *b, float *y) {
    float d = rd_half(b), m = rd_half(b + 2); uint32_t h; memcpy(&h, b + 4, 4); const uint8_t *qs = b + 8;
    for (int j = 0; j < 16; j++) {
        int lo = (qs[j] & 15) | (((h >> j) & 1) << 4), hi = (qs[j] >> 4) | (((h >> (j + 16)) & 1) << 4);
        y[j] = d * lo + m; y[j + 16] = d * hi + m;
    }
}
static void deq_q8_0(const uint8_t *b, float *y) {
    float d = rd_half(b); const int8_t *qs = (const int8_t *)(b + 2);
    for (int j = 0; j < 32; j++) y[j] = d * qs[j];
}
static void deq_q4_k(const uint8_t *b, float *y) {
    float d = rd_half(b), dmin = rd_half(b + 2); const uint8_t *sc = b + 4, *qs = b + 16;
    for (int c = 0; c < 4; c++) {
        for (int half = 0; half < 2; half++) {
            int s = 2 * c + half, scl, mn;
            if (s < 4) { scl = sc[s] & 63; mn = sc[s + 4] & 63; }
            else { scl = (sc[s + 4] & 15) | ((sc[s - 4] >> 6) << 4); mn = (sc[s + 4] >> 4) | ((sc[s] >> 6) << 4); }
            float dd = d * scl, mm = dmin * mn;
            for (int l = 0; l < 32; l++) {
                int q = half ? (qs[32 * c + l] >> 4) : (qs[32 * c + l] & 15);
                y[64 * c + 32 * half + l] = dd * q - mm;
            }
        }
    }
}
static void deq_q6_k(const uint8_t *b, float *y) {
    const uint8_t *ql = b, *qh = b + 128; const int8_t *sc = (const int8_t *)(b + 192);
    float d = rd_half(b + 208);
    for (int h = 0; h < 2; h++) {
        const uint8_t *L = ql + 64 * h, *H = qh + 32 * h; const int8_t *S = sc + 8 * h; float *o = y + 128 * h;
        for (int l = 0; l < 32; l++) {
            int i = l / 16;
            int qa = ((L[l] & 15) | ((H[l] & 3) << 4)) - 32;
            int qb = ((L[l + 32] & 15) | (((H[l] >> 2) & 3) << 4)) - 32;
            int qc = ((L[l] >> 4) | (((H[l] >> 4) & 3) << 4)) - 32;
            int qd = ((L[l + 32] >> 4) | (((H[l] >> 6) & 3) << 4)) - 32;
            o[l] = d * S[i] * qa; o[l + 32] = d * S[i + 2] * qb;
            o[l + 64] = d * S[i + 4] * qc; o[l + 96] = d * S[i + 6] * qd;
        }
    }
}

int32_t r1k_dequantize_row(int32_t type, const void *src, float *dst, int64_t n) {
    const uint8_t *b = (const uint8_t *)src;
    int64_t be = r1k_block_elems(type), bb = r1k_block_bytes(type);
    if (!r1k_type_supported(type) || be == 0 || n % be != 0) return -1;
    int64_t nb = n / be;
    switch (type) {
    case R1K_F32: memcpy(dst, src, (size_t)n * 4); return 0;
    case R1K_F16: for (int64_t i = 0; i < n; i++) dst[i] = r1k_fp16_to_fp32((uint16_t)(b[2*i] | (b[2*i+1] << 8))); return 0;
    case R1K_BF16: for (int64_t i = 0; i < n; i++) dst[i] = r1k_bf16_to_fp32((uint16_t)(b[2*i] | (b[2*i+1] << 8))); return 0;
    default: break;
    }
    void (*f)(const uint8_t *, float *) = 0;
    switch (type) {
    case R1K_Q4_0: f = deq_q4_0; break;
    case R1K_Q4_1: f = deq_q4_1; break;
    case R1K_Q5_0: f = deq_q5_0; break;
    case R1K_Q5_1: f = deq_q5_1; break;
    case R1K_Q8_0: f = deq_q8_0; break;
    case R1K_Q4_K: f = deq_q4_k; break;
    case R1K_Q6_K: f = deq_q6_k; break;
    default: return -1;
    }
    for (int64_t i = 0; i < nb; i++) f(b + i * bb, dst + i * be);
    return 0;
}

void r1k_quantize_q8a(const float *x, r1k_q8a *y, int64_t n) {
    for (int64_t i = 0; i < n / 32; i++) {
        const float *xb = x + 32 * i; float amax = 0;
        for (int j = 0; j < 32; j++) { float a = fabsf(xb[j]); if (a > amax) amax = a; }
        float d = amax / 127.0f, id = d > 0 ? 1.0f / d : 0.0f; int sum = 0;
        for (int j = 0; j < 32; j++) { int q = (int)lrintf(xb[j] * id); if (q > 127) q = 127; if (q < -127) q = -127; y[i].qs[j] = (int8_t)q; sum += q; }
        y[i].d = d; y[i].s = d * (float)sum;
    }
}
