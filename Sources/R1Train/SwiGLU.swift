// SwiGLU gate: h = silu(g) ⊙ u with silu(g) = g·σ(g).

import Foundation

/// h (n) = silu(g) ⊙ u
func swigluForward(_ h: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ u: UnsafePointer<Float>, n: Int) {
    for i in 0..<n { h[i] = g[i] / (1 + exp(-g[i])) * u[i] }
}

/// dg = dh·u·σ(g)(1 + g(1 − σ(g))), du = dh·silu(g); all (n), written not added.
func swigluBackward(_ dg: UnsafeMutablePointer<Float>, _ du: UnsafeMutablePointer<Float>, _ dh: UnsafePointer<Float>,
                    _ g: UnsafePointer<Float>, _ u: UnsafePointer<Float>, n: Int) {
    for i in 0..<n {
        let s = 1 / (1 + exp(-g[i]))
        dg[i] = dh[i] * u[i] * s * (1 + g[i] * (1 - s))
        du[i] = dh[i] * g[i] * s
    }
}
