// Row quantization to Q8_0 and Q4_0 with the reference block formulas
// (reference/engine.md §2; the ggml reference quantizers): scalar only —
// quantizing runs once per model, off every hot path.
#include "r1kernels.h"
#include <math.h>
#include <string.h>

static void put_half(uint8_t *p, float v) {
    uint16_t h = r1k_fp32_to_fp16(v);
    p[0] = (uint8_t)(h & 0xff); p[1] = (uint8_t)(h >> 8);
}

// Q8_0 block (34 B): d = max|x| / 127, q = round(x / d) (half away from zero).
static void quantize_block_q8_0(const float *x, uint8_t *b) {
    float amax = 0.0f;
    for (int j = 0; j < 32; j++) { float a = fabsf(x[j]); if (a > amax) amax = a; }
    const float d = amax / 127.0f, id = d != 0.0f ? 1.0f / d : 0.0f;
    put_half(b, d);
    int8_t *qs = (int8_t *)(b + 2);
    for (int j = 0; j < 32; j++) {
        float scaled = x[j] * id;
        qs[j] = (int8_t)roundf(scaled);
    }
}

// Q4_0 block (18 B): m = the element of largest magnitude (first on ties, sign
// kept), d = m / −8, q = min(15, trunc(x / d + 8.5)); element j in the low
// nibble of byte j, element j + 16 in its high nibble.
static void quantize_block_q4_0(const float *x, uint8_t *b) {
    float amax = 0.0f, max = 0.0f;
    for (int j = 0; j < 32; j++) { if (amax < fabsf(x[j])) { amax = fabsf(x[j]); max = x[j]; } }
    const float d = max / -8.0f, id = d != 0.0f ? 1.0f / d : 0.0f;
    put_half(b, d);
    uint8_t *qs = b + 2;
    for (int j = 0; j < 16; j++) {
        float s0 = x[j] * id, s1 = x[j + 16] * id;      // two statements: no fused multiply-add
        float t0 = s0 + 8.5f, t1 = s1 + 8.5f;
        int q0 = (int)t0, q1 = (int)t1;
        if (q0 > 15) q0 = 15;
        if (q1 > 15) q1 = 15;
        qs[j] = (uint8_t)(q0 | (q1 << 4));
    }
}

int32_t r1k_quantize_row(int32_t type, const float *x, void *dst, int64_t n) {
    if (n < 0 || n % 32 != 0) return -1;
    void (*f)(const float *, uint8_t *);
    switch (type) {
    case R1K_Q8_0: f = quantize_block_q8_0; break;
    case R1K_Q4_0: f = quantize_block_q4_0; break;
    default: return -1;
    }
    const int64_t bb = r1k_block_bytes(type);
    uint8_t *out = (uint8_t *)dst;
    for (int64_t i = 0; i < n / 32; i++) f(x + 32 * i, out + i * bb);
    return 0;
}
