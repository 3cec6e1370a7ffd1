// SwiGLU gate: h = silu(g) ⊙ u with silu(g) = g·σ(g). The loops are in
// R1Kernels (train_pointwise.c), threaded over `pool` when given.

import R1Kernels

/// h (n) = silu(g) ⊙ u
func swigluForward(_ h: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ u: UnsafePointer<Float>, n: Int,
                   pool: OpaquePointer? = nil) {
    r1k_swiglu_forward(pool, Int64(n), g, u, h)
}

/// dg = dh·u·σ(g)(1 + g(1 − σ(g))), du = dh·silu(g); all (n), written not added.
func swigluBackward(_ dg: UnsafeMutablePointer<Float>, _ du: UnsafeMutablePointer<Float>, _ dh: UnsafePointer<Float>,
                    _ g: UnsafePointer<Float>, _ u: UnsafePointer<Float>, n: Int, pool: OpaquePointer? = nil) {
    r1k_swiglu_backward(pool, Int64(n), g, u, dh, dg, du)
}
