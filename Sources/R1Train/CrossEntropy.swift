// Cross-entropy of next-token targets with a per-token loss weight (the loss
// mask): tokens with weight 0 (prompt, execution results, padding) add nothing
// to the loss and get no gradient. The rows run in R1Kernels (train_pointwise.c).

import R1Kernels

/// Returns Σₙ mask[n]·(logsumexp(z_n) − z_n[target_n]) and writes
/// dz (N, V) = mask[n]/denominator · (softmax(z_n) − onehot(target_n)), so that
/// the gradient is that of (returned sum) / denominator. z (N, V); dz may be z
/// itself (the logits are then replaced by their gradient).
func crossEntropyForwardBackward(_ dz: UnsafeMutablePointer<Float>, _ z: UnsafePointer<Float>, targets: [Int32],
                                 mask: [Float], denominator: Double, V: Int, pool: OpaquePointer? = nil) -> Double {
    let N = targets.count
    let weights = mask.map { Float(Double($0) / denominator) }
    var losses = [Double](repeating: 0, count: N)
    r1k_cross_entropy(pool, Int64(N), Int64(V), z, dz, targets, weights, &losses)
    var total = 0.0
    for n in 0..<N where mask[n] != 0 { total += Double(mask[n]) * losses[n] }
    return total
}
