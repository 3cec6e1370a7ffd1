// The low-rank update of a frozen linear layer (LoRA, Hu et al. 2021):
//   Y (N, O) += s · (X·Aᵀ)·Bᵀ   with A (r, I), B (O, r), s = alpha / r.
// The base product W·x is computed by linearForward; these functions add the
// adapter's part and its gradients. u = s·X·Aᵀ (N, r) is recomputed in the
// backward pass instead of being kept (it is cheap: N·r·I).

import R1Kernels

/// Scratch for one adapter call: u and its gradient (N, r). Grows to the
/// largest call it has served.
final class LoRAScratch: @unchecked Sendable {
    private(set) var u = FloatBuffer(count: 0)     // (N, r)
    private(set) var du = FloatBuffer(count: 0)    // (N, r)

    func fit(N: Int, I: Int, O: Int, r: Int) {
        if u.count < N * r { u = FloatBuffer(count: N * r); du = FloatBuffer(count: N * r) }
    }
}

/// u (N, r) = s · X (N, I) · A (r, I)ᵀ
private func loraDown(_ pool: OpaquePointer?, _ X: UnsafePointer<Float>, _ A: UnsafePointer<Float>, scale s: Float,
                      N: Int, I: Int, r: Int, _ scratch: LoRAScratch) {
    linearForward(pool, scratch.u.pointer, X, A, nil, N: N, I: I, O: r)
    let u = scratch.u.pointer
    for i in 0..<(N * r) { u[i] *= s }
}

/// Y (N, O) += s · X (N, I) · A (r, I)ᵀ · B (O, r)ᵀ
func loraForward(_ pool: OpaquePointer?, _ Y: UnsafeMutablePointer<Float>, _ X: UnsafePointer<Float>,
                 _ A: UnsafePointer<Float>, _ B: UnsafePointer<Float>, scale s: Float, N: Int, I: Int, O: Int, r: Int,
                 scratch: LoRAScratch) {
    scratch.fit(N: N, I: I, O: O, r: r)
    loraDown(pool, X, A, scale: s, N: N, I: I, r: r, scratch)
    // Y += u · Bᵀ, Bᵀ (r, O) read in place (column stride r).
    r1k_sgemm(pool, Int64(N), Int64(O), Int64(r), scratch.u.pointer, Int64(r), 1, B, 1, Int64(r), Y, Int64(O), 1)
}

/// For Y += s·(X·Aᵀ)·Bᵀ with upstream dY (N, O):
///   dB (O, r) += dYᵀ·u,  du (N, r) = dY·B,  dA (r, I) += s·duᵀ·X,  dX (N, I) += s·du·A.
/// dX may be nil when the input needs no gradient; it is added to, never overwritten.
func loraBackward(_ pool: OpaquePointer?, dX: UnsafeMutablePointer<Float>?, dA: UnsafeMutablePointer<Float>,
                  dB: UnsafeMutablePointer<Float>, _ dY: UnsafePointer<Float>, _ X: UnsafePointer<Float>,
                  _ A: UnsafePointer<Float>, _ B: UnsafePointer<Float>, scale s: Float, N: Int, I: Int, O: Int, r: Int,
                  scratch: LoRAScratch) {
    scratch.fit(N: N, I: I, O: O, r: r)
    loraDown(pool, X, A, scale: s, N: N, I: I, r: r, scratch)                                  // u (N, r)
    // The B factor is a linear layer r → O applied to u.
    linearBackward(pool, dX: scratch.du.pointer, dW: dB, db: nil, dY, scratch.u.pointer, B, N: N, I: r, O: O,
                   accumulateDX: false)                                                         // du (N, r)
    let du = scratch.du.pointer
    for i in 0..<(N * r) { du[i] *= s }
    // The A factor is a linear layer I → r applied to X.
    linearBackward(pool, dX: dX, dW: dA, db: nil, du, X, A, N: N, I: I, O: r, accumulateDX: true)
}
