// How per-token losses of a batch become one number (verl's loss_agg_mode).
// Each mode is a weight per token, loss = Σ w·ℓ over the whole step's batch,
// so splitting the batch into micro-batches (one sequence each here) does not
// change the update, and masked tokens get weight 0 — no loss, no gradient.
//
//   token-mean               w = m / Σ m over every sequence
//   seq-mean-token-mean      w = m / (Σ_t m of its sequence) / S′, S′ = sequences with a model token
//   seq-mean-token-sum-norm  w = m / (S · L), L a constant length (Dr.GRPO; we
//                            use the response-token budget), S all sequences

public enum LossAggregation: String, Sendable, CaseIterable {
    case tokenMean = "token-mean"
    case seqMeanTokenMean = "seq-mean-token-mean"
    case seqMeanTokenSumNorm = "seq-mean-token-sum-norm"

    /// Per-token weights, each row (T_i) like its mask. normLength is L of the
    /// sum-norm mode (ignored otherwise).
    public func weights(masks: [[Float]], normLength: Int) -> [[Double]] {
        let sums = masks.map { $0.reduce(0.0) { $0 + Double($1) } }
        switch self {
        case .tokenMean:
            let total = sums.reduce(0, +)
            return masks.map { m in m.map { total > 0 ? Double($0) / total : 0 } }
        case .seqMeanTokenMean:
            let sequences = Double(sums.filter { $0 > 0 }.count)
            return zip(masks, sums).map { m, s in m.map { s > 0 ? Double($0) / s / sequences : 0 } }
        case .seqMeanTokenSumNorm:
            let denominator = Double(masks.count) * Double(max(normLength, 1))
            return masks.map { m in m.map { Double($0) / denominator } }
        }
    }
}
