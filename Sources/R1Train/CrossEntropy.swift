// Cross-entropy of next-token targets with a per-token loss weight (the loss
// mask): tokens with weight 0 (prompt, execution results, padding) add nothing
// to the loss and get no gradient.

import Foundation

/// Returns Σₙ mask[n]·(logsumexp(z_n) − z_n[target_n]) and writes
/// dz (N, V) = mask[n]/denominator · (softmax(z_n) − onehot(target_n)), so that
/// the gradient is that of (returned sum) / denominator. z (N, V).
func crossEntropyForwardBackward(_ dz: UnsafeMutablePointer<Float>, _ z: UnsafePointer<Float>, targets: [Int32],
                                 mask: [Float], denominator: Double, V: Int) -> Double {
    var total = 0.0
    for n in 0..<targets.count {
        let zr = z + n * V, dr = dz + n * V
        let m = mask[n]
        if m == 0 { dr.update(repeating: 0, count: V); continue }
        var mx = -Float.infinity
        for j in 0..<V where zr[j] > mx { mx = zr[j] }
        var sum: Float = 0
        for j in 0..<V { let e = exp(zr[j] - mx); dr[j] = e; sum += e }
        let target = Int(targets[n])
        total += Double(m) * (Double(mx) + log(Double(sum)) - Double(zr[target]))
        let scale = Float(Double(m) / denominator) / sum
        for j in 0..<V { dr[j] *= scale }
        dr[target] -= Float(Double(m) / denominator)
    }
    return total
}
