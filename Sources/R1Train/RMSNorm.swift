// RMSNorm: y = x / sqrt(mean(x²) + eps) ⊙ w, row by row.

/// y (N, C), rstd (N) = 1/sqrt(mean(x²) + eps), from x (N, C) and w (C).
func rmsnormForward(_ y: UnsafeMutablePointer<Float>, _ rstd: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>,
                    _ w: UnsafePointer<Float>, N: Int, C: Int, eps: Float) {
    for n in 0..<N {
        let xr = x + n * C, yr = y + n * C
        var ss: Float = 0
        for i in 0..<C { ss += xr[i] * xr[i] }
        let r = 1 / (ss / Float(C) + eps).squareRoot()
        rstd[n] = r
        for i in 0..<C { yr[i] = xr[i] * r * w[i] }
    }
}

/// dx (N, C) += ∂/∂x, dw (C) += ∂/∂w, given dy (N, C) and the forward's x and rstd.
/// With g = dy ⊙ w: dx = rstd·g − rstd³/C · x · Σ(g ⊙ x).
func rmsnormBackward(_ dx: UnsafeMutablePointer<Float>, _ dw: UnsafeMutablePointer<Float>, _ dy: UnsafePointer<Float>,
                     _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ rstd: UnsafePointer<Float>, N: Int, C: Int) {
    for n in 0..<N {
        let xr = x + n * C, dyr = dy + n * C, dxr = dx + n * C, r = rstd[n]
        var gx: Float = 0
        for i in 0..<C { gx += dyr[i] * w[i] * xr[i] }
        let k = r * r * r / Float(C) * gx
        for i in 0..<C {
            dxr[i] += r * dyr[i] * w[i] - k * xr[i]
            dw[i] += dyr[i] * xr[i] * r
        }
    }
}
