// r1kernels.h — the engine's hot loops in C: dequantization, dot products,
// matrix-vector and matrix-matrix products, norms, RoPE, attention, and a
// persistent thread pool. Every SIMD kernel (AVX2/FMA/F16C, and AVX-512 + VNNI
// for the packed int8 products) has a plain scalar twin; the public entry points
// dispatch at run time (r1k_isa), so one binary runs on any x86-64.
//
// Shapes are given ne0-first in GGUF style only where noted; otherwise
// "W (rows, cols)" means `rows` rows of `cols` contiguous elements, the memory
// order of a GGUF 2-D tensor with ne = [cols, rows].
#ifndef R1KERNELS_H
#define R1KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// ── Types (ggml type ids) ────────────────────────────────────────────────
enum {
    R1K_F32 = 0, R1K_F16 = 1, R1K_Q4_0 = 2, R1K_Q4_1 = 3, R1K_Q5_0 = 6,
    R1K_Q5_1 = 7, R1K_Q8_0 = 8, R1K_Q8_1 = 9, R1K_Q2_K = 10, R1K_Q3_K = 11,
    R1K_Q4_K = 12, R1K_Q5_K = 13, R1K_Q6_K = 14, R1K_Q8_K = 15, R1K_BF16 = 30,
};

/// Elements per block of `type` (1 for F32/F16/BF16); 0 when the type is unknown.
int64_t r1k_block_elems(int32_t type);
/// Bytes per block of `type`; 0 when the type is unknown (even if the size is known
/// but the type cannot be dequantized, see r1k_type_supported).
int64_t r1k_block_bytes(int32_t type);
/// 1 when r1k_dequantize_row handles `type`.
int32_t r1k_type_supported(int32_t type);

float r1k_fp16_to_fp32(uint16_t h);
uint16_t r1k_fp32_to_fp16(float f);
float r1k_bf16_to_fp32(uint16_t h);

/// Dequantizes n elements (a multiple of the block size) from src into dst.
/// Returns 0, or -1 for an unsupported type / bad n. Scalar reference.
int32_t r1k_dequantize_row(int32_t type, const void *src, float *dst, int64_t n);
/// The same, with AVX2 for Q4_0, Q4_1, Q5_0 and Q8_0 when available (identical results).
int32_t r1k_dequantize_row_fast(int32_t type, const void *src, float *dst, int64_t n);

// ── Activation blocks for integer dot products ───────────────────────────
/// 32 int8 values with an f32 scale d and s = d·Σqs (used by Q4_1/Q5_1 dots).
typedef struct { float d; float s; int8_t qs[32]; } r1k_q8a;

/// Quantizes n (multiple of 32) floats to n/32 r1k_q8a blocks.
void r1k_quantize_q8a(const float *x, r1k_q8a *y, int64_t n);

// ── Dot products: weight row (quantized) · activation row (r1k_q8a) ──────
/// n is the row length in elements (multiple of 32).
float r1k_dot_q8_0_q8a_scalar(int64_t n, const void *w, const r1k_q8a *a);
float r1k_dot_q8_0_q8a_avx2(int64_t n, const void *w, const r1k_q8a *a);
float r1k_dot_q4_1_q8a_scalar(int64_t n, const void *w, const r1k_q8a *a);
float r1k_dot_q4_1_q8a_avx2(int64_t n, const void *w, const r1k_q8a *a);
float r1k_dot_q4_0_q8a_scalar(int64_t n, const void *w, const r1k_q8a *a);
float r1k_dot_q4_0_q8a_avx2(int64_t n, const void *w, const r1k_q8a *a);
float r1k_dot_q5_0_q8a_scalar(int64_t n, const void *w, const r1k_q8a *a);
float r1k_dot_q5_0_q8a_avx2(int64_t n, const void *w, const r1k_q8a *a);
/// Quantized weight row · f32 activations (fused dequantize-and-dot), n multiple of 32.
float r1k_dot_q4_1_f32_scalar(int64_t n, const void *w, const float *x);
float r1k_dot_q4_1_f32_avx2(int64_t n, const void *w, const float *x);
float r1k_dot_q8_0_f32_scalar(int64_t n, const void *w, const float *x);
float r1k_dot_q8_0_f32_avx2(int64_t n, const void *w, const float *x);
/// a · b over n floats.
float r1k_dot_f32_scalar(int64_t n, const float *a, const float *b);
float r1k_dot_f32_avx2(int64_t n, const float *a, const float *b);

// ── Instruction-set levels (run-time dispatch) ──────────────────────────
enum { R1K_ISA_SCALAR = 0, R1K_ISA_AVX2 = 1, R1K_ISA_AVX512 = 2 };
/// The best level this CPU and OS support: AVX512 = AVX-512 F/BW/VL + VNNI;
/// AVX2 = AVX2 + FMA + F16C (x86-64-v3); otherwise SCALAR.
int32_t r1k_isa_supported(void);
/// The level the kernels use now (the supported one unless lowered).
int32_t r1k_isa(void);
/// Caps the level (clamped to the supported one); −1 restores the default.
/// For tests and benchmarks; process-wide; call between computations.
void r1k_set_isa(int32_t level);
/// 1 when the CPU has AVX2+FMA+F16C.
int32_t r1k_cpu_has_avx2(void);
/// Forces the scalar kernels (enabled = 0) or allows SIMD again (1). For tests
/// and benchmarks; process-wide.
void r1k_set_simd(int32_t enabled);
int32_t r1k_simd_enabled(void);

// ── Thread pool ──────────────────────────────────────────────────────────
/// A persistent pool: n_threads − 1 workers plus the calling thread. Workers
/// spin briefly, then sleep, between jobs; no thread is created per call.
/// Jobs must share out their work themselves (an atomic counter in ctx): a worker
/// that wakes after the caller has finished its share does not join, so fn runs
/// on the caller and on any subset of the workers.
typedef struct r1k_pool r1k_pool;
/// Returns a pool the caller frees with r1k_pool_free; NULL on failure.
r1k_pool *r1k_pool_new(int32_t n_threads);
void r1k_pool_free(r1k_pool *pool);
int32_t r1k_pool_threads(const r1k_pool *pool);
/// Runs fn(ctx, ith, nth) on the caller (ith = 0) and on the workers that join in
/// time, and returns when all of those are done. pool may be NULL (runs
/// fn(ctx, 0, 1)). Not reentrant; one caller at a time.
void r1k_pool_run(r1k_pool *pool, void (*fn)(void *ctx, int32_t ith, int32_t nth), void *ctx);

/// Atomic fetch-and-add on a machine word (for tests of the pool from Swift).
intptr_t r1k_test_fetch_add(intptr_t *p, intptr_t v);

// ── Products ─────────────────────────────────────────────────────────────
/// y (rows) = W (rows, cols) · x (cols). int8 != 0 quantizes x to r1k_q8a and
/// uses the integer dots for Q4_0/Q4_1/Q5_0/Q8_0 weights; otherwise f32 activations:
/// fused dequantize-and-dot kernels for Q4_1/Q8_0, rows dequantized to f32 for the
/// other types. Each row is summed by one thread in
/// a fixed order, so results do not depend on the thread count. Returns 0 or -1.
int32_t r1k_matvec(r1k_pool *pool, int32_t type, const void *W, int64_t rows, int64_t cols,
                   const float *x, float *y, int32_t int8);
/// Y (B, rows) = X (B, cols) · W (rows, cols)ᵀ for B independent activation rows
/// (batched decode): like B calls of r1k_matvec with the same int8 flag, and
/// bit-identical to them, but each weight row is read from memory once for all B.
int32_t r1k_matvec_batch(r1k_pool *pool, int32_t type, const void *W, int64_t rows, int64_t cols,
                         const float *X, int64_t B, float *Y, int32_t int8);
/// Y (T, rows) = X (T, cols) · W (rows, cols)ᵀ, f32 arithmetic on dequantized
/// tiles of W. Returns 0 or -1.
int32_t r1k_matmul(r1k_pool *pool, int32_t type, const void *W, int64_t rows, int64_t cols,
                   const float *X, int64_t T, float *Y);
/// Plain f32 reference for r1k_matmul over an f32 W (no tiling, no SIMD).
void r1k_matmul_f32_scalar(const float *W, int64_t rows, int64_t cols,
                           const float *X, int64_t T, float *Y);

// ── Packed int8 products (Q4_0, Q4_1, Q8_0 weights) ──────────────────────
/// A weight matrix repacked for the integer kernels: groups of 16 rows with the
/// block scales of a group side by side (same bytes per weight as the GGUF
/// blocks). Activations are quantized to int8 per 32-block; each output element
/// is computed in one fixed order, so results are bit-identical for any number of
/// tokens, thread count or ISA level (scalar, AVX2, AVX-512 VNNI).
typedef struct r1k_packed r1k_packed;
/// 1 for the types r1k_pack_new accepts (Q4_0, Q4_1, Q8_0).
int32_t r1k_pack_supported(int32_t type);
/// Repacks W (rows, cols) of `type`; cols a multiple of 32. NULL when the type is
/// not supported or memory runs out. Free with r1k_pack_free.
r1k_packed *r1k_pack_new(int32_t type, const void *W, int64_t rows, int64_t cols);
void r1k_pack_free(r1k_packed *P);
int64_t r1k_pack_bytes(const r1k_packed *P);
int64_t r1k_pack_rows(const r1k_packed *P);
int64_t r1k_pack_cols(const r1k_packed *P);

/// After packing: drops this process's resident pages of the source bytes [p, p+bytes)
/// when they lie in a read-only file mapping (a mapped GGUF), so the packed copy does
/// not double the memory; they fault back in from the file if read again. Anything
/// else (heap memory, writable maps) is left alone. Returns 1 when pages were dropped.
int32_t r1k_release_source(const void *p, int64_t bytes);

/// One product of a fused call: y[t·ldy + r] = (X·Wᵀ)[t][r], or with `up`:
/// silu((X·Wᵀ)[t][r]) · (X·Upᵀ)[t][r] (the SwiGLU of a gate/up pair).
typedef struct { const r1k_packed *w; float *y; int64_t ldy; const r1k_packed *up; } r1k_pk_op;
/// Runs n_ops (≤ 8) products over the same X (T, cols) in one pool job; every W
/// must have the same cols. Returns 0, or −1 for bad arguments.
int32_t r1k_pk_run(r1k_pool *pool, const float *X, int64_t T, const r1k_pk_op *ops, int32_t n_ops);
/// The activation quantizer of r1k_pk_run for one row of n (multiple of 32) floats:
/// q (n) int8, and per 32-block d (scale), s = d·Σq, sum = Σq. Dispatches by ISA
/// (same bits at every level).
void r1k_pk_quantize(const float *x, int64_t n, int8_t *q, float *d, float *s, int32_t *sum);

// ── Elementwise ──────────────────────────────────────────────────────────
/// out (n) = x / sqrt(mean(x²) + eps) ⊙ w. out may alias x.
void r1k_rmsnorm(float *out, const float *x, const float *w, int64_t n, float eps);
/// In-place softmax over n values (max-subtracted).
void r1k_softmax(float *x, int64_t n);
/// x (n) = silu(g) ⊙ u.
void r1k_swiglu(float *out, const float *g, const float *u, int64_t n);
/// Rotates the first rot_dim dims of each of n_heads heads of x (n_heads, head_dim)
/// at position pos: θ_i = pos · theta^(−2i/rot_dim). neox = 0 rotates adjacent pairs
/// (x[2i], x[2i+1]); neox = 1 rotates half-split pairs (x[i], x[i + rot_dim/2]).
void r1k_rope(float *x, int32_t n_heads, int32_t head_dim, int32_t rot_dim, int64_t pos,
              float theta, int32_t neox);

/// Causal attention for T queries at positions pos0 … pos0+T−1.
/// q (T, n_head·hd) with row stride q_stride; K, V caches (n_pos, n_kv·hd) with row
/// stride kv_stride holding positions 0 … pos0+T−1; out (T, n_head·hd) with row
/// stride out_stride. Query head h reads kv head h / (n_head / n_kv). Scale 1/√hd.
void r1k_attention(r1k_pool *pool, const float *q, int64_t q_stride, int64_t T, int64_t pos0,
                   const float *K, const float *V, int64_t kv_stride,
                   int32_t n_head, int32_t n_kv, int32_t hd, float *out, int64_t out_stride);

/// Decode attention of B independent sequences, one query token each, as one pool
/// job (work item = sequence × query head). Sequence b's query is row b of q (row
/// stride q_stride) at position pos[b]; its caches K[b], V[b] (row stride kv_stride)
/// hold positions 0 … pos[b]; out row b (stride out_stride). Bit-identical to B calls
/// of r1k_attention with T = 1, pos0 = pos[b], at the same ISA level.
void r1k_attention_batch(r1k_pool *pool, const float *q, int64_t q_stride, int64_t B, const int64_t *pos,
                         const float *const *K, const float *const *V, int64_t kv_stride,
                         int32_t n_head, int32_t n_kv, int32_t hd, float *out, int64_t out_stride);

// ── Quantization (quantize.c) ────────────────────────────────────────────
/// Quantizes n floats (a multiple of 32) to n/32 blocks of `type` (R1K_Q8_0 or
/// R1K_Q4_0) with the reference block formulas. Returns 0, or -1 for another
/// type or a bad n. Scalar; used once per model by `r1ci quantize`.
int32_t r1k_quantize_row(int32_t type, const float *x, void *dst, int64_t n);

// ── Training (fp32; train_kernels.c) ─────────────────────────────────────
/// C (M, N) = [C +] A · B, where A(m, k) = A[m·a_rs + k·a_cs] (strides let A be
/// read transposed), B (K, N) row-major with row stride ldb, C row stride ldc;
/// accumulate != 0 adds to C. For a linear layer Y = X·Wᵀ: the forward reads Wᵀ
/// (see r1k_transpose), dX = dY·W, and dW += dYᵀ·X reads dY with a_rs = 1.
/// Each element of C is summed by one thread in k order.
void r1k_gemm(r1k_pool *pool, int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
              const float *B, int64_t ldb, float *C, int64_t ldc, int32_t accumulate);
void r1k_gemm_scalar(int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
                     const float *B, int64_t ldb, float *C, int64_t ldc, int32_t accumulate);
/// dst (cols, rows) = src (rows, cols)ᵀ.
void r1k_transpose(const float *src, int64_t rows, int64_t cols, float *dst);

/// Causal self-attention over B sequences of T tokens, keeping the softmax for the
/// backward pass. q (B, T, H·D); k, v (B, T, Hkv·D); probs (B, H, T, T), row t
/// holds P[t, j] for j ≤ t and zeros after; out (B, T, H·D). Query head h reads
/// kv head h / (H / Hkv); scale 1/√D.
void r1k_attention_train_forward(r1k_pool *pool, const float *q, const float *k, const float *v, float *probs,
                                 float *out, int64_t B, int64_t T, int32_t H, int32_t Hkv, int32_t D);
void r1k_attention_train_forward_scalar(const float *q, const float *k, const float *v, float *probs,
                                        float *out, int64_t B, int64_t T, int32_t H, int32_t Hkv, int32_t D);
/// Gradients of r1k_attention_train_forward given dout (B, T, H·D): writes (not
/// adds) dq (B, T, H·D), dk and dv (B, T, Hkv·D).
void r1k_attention_train_backward(r1k_pool *pool, const float *q, const float *k, const float *v,
                                  const float *probs, const float *dout, float *dq, float *dk, float *dv,
                                  int64_t B, int64_t T, int32_t H, int32_t Hkv, int32_t D);
void r1k_attention_train_backward_scalar(const float *q, const float *k, const float *v,
                                         const float *probs, const float *dout, float *dq, float *dk, float *dv,
                                         int64_t B, int64_t T, int32_t H, int32_t Hkv, int32_t D);

// ── Training matrix product (fp32; train_gemm.c) ─────────────────────────
/// C (M, N) = [C +] A · B with A(m, k) = A[m·a_rs + k·a_cs] and
/// B(k, n) = B[k·b_rs + n·b_cs]; C row stride ldc; accumulate != 0 adds to C.
/// Strides let either operand be read transposed: for a linear layer Y = X·Wᵀ
/// the forward reads W with (b_rs, b_cs) = (1, I), dX = dY·W reads it row-major,
/// and dW += dYᵀ·X reads dY with (a_rs, a_cs) = (1, O). Cache-blocked and packed,
/// AVX2+FMA micro-kernel, threaded over blocks of C; each element of C is summed
/// by one thread in k order, so the result does not depend on the thread count.
void r1k_sgemm(r1k_pool *pool, int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
               const float *B, int64_t b_rs, int64_t b_cs, float *C, int64_t ldc, int32_t accumulate);
/// The same blocking and threading with the plain scalar micro-kernel (twin).
void r1k_sgemm_blocked_scalar(r1k_pool *pool, int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs,
                              int64_t a_cs, const float *B, int64_t b_rs, int64_t b_cs, float *C, int64_t ldc,
                              int32_t accumulate);
/// Unblocked reference: one dot product per element of C, k in order.
void r1k_sgemm_scalar(int64_t M, int64_t N, int64_t K, const float *A, int64_t a_rs, int64_t a_cs,
                      const float *B, int64_t b_rs, int64_t b_cs, float *C, int64_t ldc, int32_t accumulate);

// ── Training optimizer passes (fp32; train_optim.c) ─────────────────────
/// One AdamW step's constants; c1 = 1−β1ᵗ and c2 = 1−β2ᵗ (bias corrections).
typedef struct {
    float lr, beta1, beta2, eps, weight_decay, c1, c2, grad_scale;
} r1k_adamw_args;
/// For i < n: g = grad_scale·grad[i]; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
/// p −= lr·((m/c1)/(√(v/c2) + ε) + weight_decay·p). Threaded over fixed chunks.
void r1k_adamw(r1k_pool *pool, int64_t n, float *p, const float *grad, float *m, float *v, const r1k_adamw_args *args);
void r1k_adamw_scalar(int64_t n, float *p, const float *grad, float *m, float *v, const r1k_adamw_args *args);
/// Σ x[i]² in double over fixed chunks added in order (independent of the thread count).
double r1k_sum_squares(r1k_pool *pool, int64_t n, const float *x);
double r1k_sum_squares_scalar(int64_t n, const float *x);

// ── Training row and element passes (fp32; train_pointwise.c) ──────────
/// Cross-entropy of N rows of logits z (N, V) with targets (N) and weights (N):
/// losses[n] = logsumexp(z_n) − z_n[target_n] (0 where weight is 0) and
/// dz_n = weight_n·(softmax(z_n) − onehot(target_n)). dz may be z (in place).
void r1k_cross_entropy(r1k_pool *pool, int64_t N, int64_t V, const float *z, float *dz, const int32_t *targets,
                       const float *weights, double *losses);
void r1k_cross_entropy_scalar(int64_t N, int64_t V, const float *z, float *dz, const int32_t *targets,
                              const float *weights, double *losses);
/// h (n) = silu(g)·u.
void r1k_swiglu_forward(r1k_pool *pool, int64_t n, const float *g, const float *u, float *h);
void r1k_swiglu_forward_scalar(int64_t n, const float *g, const float *u, float *h);
/// dg, du (n) written from dh (n): the gradients of h = silu(g)·u.
void r1k_swiglu_backward(r1k_pool *pool, int64_t n, const float *g, const float *u, const float *dh, float *dg, float *du);
void r1k_swiglu_backward_scalar(int64_t n, const float *g, const float *u, const float *dh, float *dg, float *du);

#ifdef __cplusplus
}
#endif
#endif
