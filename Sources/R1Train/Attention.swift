// Causal self-attention with grouped KV heads; the loops are in R1Kernels
// (train_kernels.c), which keeps the softmax probabilities for the backward pass.

import R1Kernels

/// out (B·T, H·D) from q (B·T, H·D), k, v (B·T, Hkv·D); probs (B, H, T, T) saved.
func attentionForward(_ pool: OpaquePointer?, out: UnsafeMutablePointer<Float>, probs: UnsafeMutablePointer<Float>,
                      q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
                      B: Int, T: Int, H: Int, Hkv: Int, D: Int) {
    r1k_attention_train_forward(pool, q, k, v, probs, out, Int64(B), Int64(T), Int32(H), Int32(Hkv), Int32(D))
}

/// dq (B·T, H·D), dk, dv (B·T, Hkv·D) written (not added) from dout (B·T, H·D).
func attentionBackward(_ pool: OpaquePointer?, dq: UnsafeMutablePointer<Float>, dk: UnsafeMutablePointer<Float>,
                       dv: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, probs: UnsafePointer<Float>,
                       q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
                       B: Int, T: Int, H: Int, Hkv: Int, D: Int) {
    r1k_attention_train_backward(pool, q, k, v, probs, dout, dq, dk, dv, Int64(B), Int64(T), Int32(H), Int32(Hkv), Int32(D))
}
