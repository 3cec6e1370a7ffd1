// Advantages for policy-gradient training, from outcome rewards.
//
// GRPO: each prompt's G responses form a group; a response's advantage is its
// reward minus the group mean, divided by the group's standard deviation
// (unbiased, n − 1) plus ε unless std normalisation is off (Dr.GRPO). The
// scalar is then given to every model token of that response. A group of one
// has mean 0 and std 1, as in verl.
//
// PPO: generalised advantage estimation over the model tokens of one sequence
// (tokens with mask 0 — prompt, execution results — are skipped and the
// recursion carries across them), then whitening over every model token of
// the batch.

import Foundation

public struct GroupAdvantageSettings: Sendable, Equatable {
    /// Divide by the group's standard deviation (off = Dr.GRPO).
    public var normalizeByStd = true
    public var epsilon = 1e-6
    public init(normalizeByStd: Bool = true, epsilon: Double = 1e-6) {
        self.normalizeByStd = normalizeByStd; self.epsilon = epsilon
    }
}

/// One advantage per response of a group: (r − mean) / (std + ε), or r − mean without std.
public func groupAdvantages(_ rewards: [Double], _ s: GroupAdvantageSettings) -> [Double] {
    let n = rewards.count
    guard n > 0 else { return [] }
    var mean = 0.0, std = 1.0
    if n > 1 {
        mean = rewards.reduce(0, +) / Double(n)
        let ss = rewards.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
        std = (ss / Double(n - 1)).squareRoot()
    }
    return rewards.map { s.normalizeByStd ? ($0 - mean) / (std + s.epsilon) : $0 - mean }
}

/// GAE over one sequence. rewards, values, mask all (T), position t predicting
/// token t. Only positions with mask > 0 take part: the "next value" of a model
/// token is the value at the next model token (0 after the last), so execution
/// results in between do not break the recursion.
///   δ_t = r_t + γ·V_next − V_t,  A_t = δ_t + γλ·A_next,  R_t = A_t + V_t
/// Returns advantages and returns (T), 0 where mask is 0.
public func generalizedAdvantages(rewards: [Double], values: [Double], mask: [Float], gamma: Double,
                                  lambda: Double) -> (advantages: [Double], returns: [Double]) {
    let T = mask.count
    precondition(rewards.count == T && values.count == T, "GAE: rewards, values and mask differ in length")
    var adv = [Double](repeating: 0, count: T), ret = [Double](repeating: 0, count: T)
    var nextValue = 0.0, nextAdvantage = 0.0
    for t in stride(from: T - 1, through: 0, by: -1) where mask[t] > 0 {
        let delta = rewards[t] + gamma * nextValue - values[t]
        adv[t] = delta + gamma * lambda * nextAdvantage
        ret[t] = adv[t] + values[t]
        nextValue = values[t]; nextAdvantage = adv[t]
    }
    return (adv, ret)
}

/// (x − mean) / √(var + 1e-8) over the positions with mask > 0 of every row
/// (unbiased variance, as verl's masked_whiten); 0 elsewhere.
public func whitenMasked(_ x: [[Double]], masks: [[Float]]) -> [[Double]] {
    var sum = 0.0, n = 0.0
    for (row, m) in zip(x, masks) { for t in row.indices where m[t] > 0 { sum += row[t]; n += 1 } }
    guard n > 0 else { return x.map { $0.map { _ in 0 } } }
    let mean = sum / n
    var ss = 0.0
    for (row, m) in zip(x, masks) { for t in row.indices where m[t] > 0 { ss += (row[t] - mean) * (row[t] - mean) } }
    let variance = n > 1 ? ss / (n - 1) : 0
    let scale = 1 / (variance + 1e-8).squareRoot()
    return zip(x, masks).map { row, m in row.indices.map { m[$0] > 0 ? (row[$0] - mean) * scale : 0 } }
}

/// Dynamic sampling (DAPO): indices of the groups whose rewards are not all equal;
/// the others give zero advantage everywhere and teach nothing.
public func informativeGroups(_ rewards: [[Double]]) -> [Int] {
    rewards.indices.filter { g in
        guard let first = rewards[g].first else { return false }
        return rewards[g].contains { $0 != first }
    }
}
