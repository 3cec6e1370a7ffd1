// The PPO critic: a linear head on the policy model's final hidden state
// (after output_norm), V_t = w·h_t + b, one value per position. The head reads
// the hidden state detached: the value loss trains w and b only, the trunk is
// trained by the policy loss alone (a probe critic; verl uses a separate
// critic model, which would double the memory on this machine).
//
// Value loss per token (clipped as verl's critic.cliprange_value):
//   V_c = V_old + clamp(V − V_old, −c, c)
//   L   = ½·max((V − R)², (V_c − R)²)

import Foundation

public final class ValueHead: @unchecked Sendable {
    public let dim: Int
    /// value_head.weight (C) then value_head.bias (1); the weight starts at 0, so V ≡ 0 at first.
    public let layout: ParameterLayout
    public let params: FloatBuffer       // (C + 1)
    public let grads: FloatBuffer        // (C + 1)
    public init(dim: Int) {
        self.dim = dim
        layout = ParameterLayout(entries: [("value_head.weight", [dim]), ("value_head.bias", [1])])
        params = FloatBuffer(count: dim + 1); grads = FloatBuffer(count: dim + 1)
    }

    /// values (N) = hidden (N, C) · w + b.
    public func forward(_ hidden: UnsafePointer<Float>, rows N: Int) -> [Double] {
        let w = params.pointer
        return (0..<N).map { n in
            var s = Double(w[dim])
            let h = hidden + n * dim
            for c in 0..<dim { s += Double(h[c]) * Double(w[c]) }
            return s
        }
    }

    /// Adds dL/dw and dL/db into `grads` from dValues (N); hidden (N, C).
    public func backward(_ hidden: UnsafePointer<Float>, dValues: [Double]) {
        let dw = grads.pointer
        for (n, g) in dValues.enumerated() where g != 0 {
            let h = hidden + n * dim
            for c in 0..<dim { dw[c] += Float(g * Double(h[c])) }
            dw[dim] += Float(g)
        }
    }
}

public struct ValueTokenTerm: Sendable, Equatable {
    public var loss: Double
    /// d loss / d V.
    public var gradient: Double
    public var clipped: Bool
}

public func clippedValueTerm(value V: Double, oldValue: Double, target R: Double, clip c: Double) -> ValueTokenTerm {
    let diff = V - oldValue
    let clampedDiff = min(max(diff, -c), c)
    let Vc = oldValue + clampedDiff
    let plain = 0.5 * (V - R) * (V - R), clipped = 0.5 * (Vc - R) * (Vc - R)
    if clipped > plain {
        return ValueTokenTerm(loss: clipped, gradient: diff == clampedDiff ? Vc - R : 0, clipped: true)
    }
    return ValueTokenTerm(loss: plain, gradient: V - R, clipped: false)
}
