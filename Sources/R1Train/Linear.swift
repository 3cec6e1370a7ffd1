// Linear layer Y = X·Wᵀ + b with W (O, I) in GGUF row order. The three products
// run in the R1Kernels matrix kernel (threaded, AVX2 with a scalar twin).

import R1Kernels

/// Y (N, O) = X (N, I) · W (O, I)ᵀ [+ b (O)]; Wᵀ is read in place (column stride I).
func linearForward(_ pool: OpaquePointer?, _ Y: UnsafeMutablePointer<Float>, _ X: UnsafePointer<Float>,
                   _ W: UnsafePointer<Float>, _ b: UnsafePointer<Float>?, N: Int, I: Int, O: Int) {
    r1k_sgemm(pool, Int64(N), Int64(O), Int64(I), X, Int64(I), 1, W, 1, Int64(I), Y, Int64(O), 0)
    if let b { for n in 0..<N { let y = Y + n * O; for o in 0..<O { y[o] += b[o] } } }
}

/// dX (N, I) = dY·W (or += when accumulateDX), dW (O, I) += dYᵀ·X, db (O) += Σₙ dY.
/// dX may be nil when the input needs no gradient, dW nil when W is frozen.
func linearBackward(_ pool: OpaquePointer?, dX: UnsafeMutablePointer<Float>?, dW: UnsafeMutablePointer<Float>?,
                    db: UnsafeMutablePointer<Float>?, _ dY: UnsafePointer<Float>, _ X: UnsafePointer<Float>,
                    _ W: UnsafePointer<Float>, N: Int, I: Int, O: Int, accumulateDX: Bool) {
    if let dX {
        r1k_sgemm(pool, Int64(N), Int64(I), Int64(O), dY, Int64(O), 1, W, Int64(I), 1, dX, Int64(I), accumulateDX ? 1 : 0)
    }
    // dW(o, i) = Σₙ dY(n, o) X(n, i): A = dYᵀ read with row stride 1, column stride O.
    if let dW { r1k_sgemm(pool, Int64(O), Int64(I), Int64(N), dY, 1, Int64(O), X, Int64(I), 1, dW, Int64(I), 1) }
    if let db { for n in 0..<N { let d = dY + n * O; for o in 0..<O { db[o] += d[o] } } }
}
