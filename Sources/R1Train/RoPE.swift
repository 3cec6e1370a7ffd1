// Rotary position embedding, applied in place to (N, heads·D) rows whose position
// is the row's index within its sequence of T tokens. Adjacent pairs (x[2i],
// x[2i+1]) for llama GGUF weights, half-split pairs (x[i], x[i + rot/2]) for
// neox/qwen2 — the same conventions and angle formula as r1k_rope.

import Foundation

/// cos and sin of pos · θ^(−2i/rot) for pos < T, i < rot/2: two (T, rot/2) tables.
struct RopeTable {
    let cos: [Float], sin: [Float], half: Int

    init(T: Int, rotDim: Int, theta: Float) {
        half = rotDim / 2
        var c = [Float](repeating: 0, count: T * half), s = c
        for t in 0..<T {
            for i in 0..<half {
                let angle = Double(t) * pow(Double(theta), -2.0 * Double(i) / Double(rotDim))
                c[t * half + i] = Float(Foundation.cos(angle)); s[t * half + i] = Float(Foundation.sin(angle))
            }
        }
        cos = c; sin = s
    }
}

/// Rotates x (N, heads·D) in place by +angle (forward) or −angle (backward: the
/// rotation is orthogonal, so its gradient is the inverse rotation).
func ropeApply(_ x: UnsafeMutablePointer<Float>, N: Int, T: Int, heads: Int, D: Int, table: RopeTable, neox: Bool, inverse: Bool) {
    let half = table.half, sign: Float = inverse ? -1 : 1
    for n in 0..<N {
        let t = n % T
        for h in 0..<heads {
            let v = x + (n * heads + h) * D
            for i in 0..<half {
                let c = table.cos[t * half + i], s = sign * table.sin[t * half + i]
                let a = neox ? i : 2 * i, b = neox ? i + half : 2 * i + 1
                let x0 = v[a], x1 = v[b]
                v[a] = x0 * c - x1 * s; v[b] = x0 * s + x1 * c
            }
        }
    }
}
