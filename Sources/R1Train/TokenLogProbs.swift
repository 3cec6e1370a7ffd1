// Log-probabilities of the sampled tokens from training logits, and the way
// back: a gradient with respect to each token's log-probability becomes a
// gradient with respect to that row of logits. Logits are divided by the
// sampling temperature τ first, as the sampler does (its log-probabilities
// are those of softmax(z/τ)).
//
//   logp_n    = z_n[y_n]/τ − logsumexp(z_n/τ)
//   entropy_n = −Σ_j p_j log p_j,  p = softmax(z_n/τ)
//   dz_n      = g_n/τ · (onehot(y_n) − p)

import Foundation

/// logp and entropy (N) for rows with mask > 0 (0 elsewhere). z (N, V).
func tokenLogProbs(_ z: UnsafePointer<Float>, targets: [Int32], mask: [Float], V: Int,
                   temperature τ: Double) -> (logp: [Double], entropy: [Double]) {
    let N = targets.count
    var logp = [Double](repeating: 0, count: N), entropy = [Double](repeating: 0, count: N)
    for n in 0..<N where mask[n] > 0 {
        let row = z + n * V
        var mx = -Double.infinity
        for j in 0..<V where Double(row[j]) > mx { mx = Double(row[j]) }
        var sum = 0.0, weighted = 0.0
        for j in 0..<V {
            let s = (Double(row[j]) - mx) / τ
            let e = exp(s)
            sum += e; weighted += e * s
        }
        let lse = log(sum)
        logp[n] = (Double(row[Int(targets[n])]) - mx) / τ - lse
        entropy[n] = lse - weighted / sum
    }
    return (logp, entropy)
}

/// dz (N, V) from g (N) = d loss / d logp; rows with g = 0 are exact zeros.
func logProbBackward(_ dz: UnsafeMutablePointer<Float>, _ z: UnsafePointer<Float>, targets: [Int32], g: [Double], V: Int,
                     temperature τ: Double) {
    for n in 0..<targets.count {
        let row = z + n * V, drow = dz + n * V
        guard g[n] != 0 else { drow.update(repeating: 0, count: V); continue }
        var mx = -Double.infinity
        for j in 0..<V where Double(row[j]) > mx { mx = Double(row[j]) }
        var sum = 0.0
        for j in 0..<V { sum += exp((Double(row[j]) - mx) / τ) }
        let scale = g[n] / τ
        for j in 0..<V { drow[j] = Float(-scale * exp((Double(row[j]) - mx) / τ) / sum) }
        drow[Int(targets[n])] += Float(scale)
    }
}
