// AdamW (Loshchilov & Hutter): Adam moments with bias correction and weight decay
// decoupled from the gradient, applied to matrices only (never to norms or biases).
// State m, v has the parameter buffer's layout.

import Foundation
import R1Kernels

public struct AdamWSettings: Sendable, Equatable {
    public var beta1: Float = 0.9
    public var beta2: Float = 0.95
    public var eps: Float = 1e-8
    public var weightDecay: Float = 0.0
    public init(beta1: Float = 0.9, beta2: Float = 0.95, eps: Float = 1e-8, weightDecay: Float = 0.0) {
        self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
    }
}

public final class AdamW: @unchecked Sendable {
    public let settings: AdamWSettings
    public internal(set) var step = 0
    let m: FloatBuffer, v: FloatBuffer   // (P) first and second moments
    let decays: [(offset: Int, count: Int, decays: Bool)]

    public init(layout: ParameterLayout, settings: AdamWSettings) {
        self.settings = settings
        m = FloatBuffer(count: layout.totalCount); v = FloatBuffer(count: layout.totalCount)
        decays = layout.tensors.map { ($0.offset, $0.count, $0.decays) }
    }

    /// One update of `params` from `grads` (both (P)) scaled by gradScale (clipping):
    ///   g = gradScale·grad; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²
    ///   p −= lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε) + lr·λ·p   (λ only where the tensor decays)
    /// The loop is r1k_adamw (one pass per tensor, threaded over `pool` when given).
    public func update(params: FloatBuffer, grads: FloatBuffer, lr: Float, gradScale: Float = 1, pool: OpaquePointer? = nil) {
        step += 1
        let b1 = settings.beta1, b2 = settings.beta2
        var args = r1k_adamw_args(lr: lr, beta1: b1, beta2: b2, eps: settings.eps, weight_decay: 0,
                                  c1: 1 - Float(pow(Double(b1), Double(step))), c2: 1 - Float(pow(Double(b2), Double(step))),
                                  grad_scale: gradScale)
        for t in decays {
            args.weight_decay = t.decays ? settings.weightDecay : 0
            r1k_adamw(pool, Int64(t.count), params.pointer + t.offset, grads.pointer + t.offset,
                      m.pointer + t.offset, v.pointer + t.offset, &args)
        }
    }
}

/// The global L2 norm of the gradient, and the factor that scales it down to
/// maxNorm when it is larger (1 otherwise; maxNorm ≤ 0 disables clipping).
public func gradientClipScale(_ grads: FloatBuffer, maxNorm: Float, pool: OpaquePointer? = nil) -> (norm: Double, scale: Float) {
    let norm = r1k_sum_squares(pool, Int64(grads.count), grads.pointer).squareRoot()
    guard maxNorm > 0, norm > Double(maxNorm) else { return (norm, 1) }
    return (norm, Float(Double(maxNorm) / (norm + 1e-6)))
}
