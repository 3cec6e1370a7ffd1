// Turning tokenized conversations into training batches: a seeded split into
// training and held-out sets, a seeded shuffle per epoch, and micro-batches
// padded to their longest sequence.
//
// No packing: each row is one conversation, padded at the end with mask 0.
// Attention is causal, so padding after a sequence cannot change it, and the
// rows need no block-diagonal attention mask; the cost is the padded
// positions' compute, which sorting-free random batches of similar traces keep
// small. (Packing would need per-sequence attention and RoPE positions that
// restart inside a row, which the training kernels do not take.)

/// SplitMix64, for the data order and split.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Fisher–Yates.
    mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, Int(next() % UInt64(i + 1))) }
    }
}

public struct SFTDataset: Sendable {
    public let train: [SFTExample]
    public let heldOut: [SFTExample]
    /// Conversations cut at maxTokens (before the split), and ones dropped because no model token was left.
    public let truncated: Int, dropped: Int

    /// Each example is cut to maxTokens ids; the held-out set is
    /// round(evalFraction·count) examples chosen by the seed (at least one when
    /// evalFraction > 0 and two or more examples remain). Throws when no example
    /// has a model token.
    public init(_ examples: [SFTExample], maxTokens: Int, evalFraction: Double, seed: UInt64) throws {
        var kept: [SFTExample] = [], cut = 0, gone = 0
        for var e in examples {
            if e.tokens.count > maxTokens {
                e.tokens.removeLast(e.tokens.count - maxTokens); e.modelMask.removeLast(e.modelMask.count - maxTokens); cut += 1
            }
            // Position 0 is never a target, so a model token there alone carries no loss.
            if e.modelMask.dropFirst().contains(where: { $0 > 0 }) { kept.append(e) } else { gone += 1 }
        }
        guard !kept.isEmpty else {
            throw TrainError("the dataset has no model tokens to learn from (\(examples.count) conversations; is there assistant text within the first \(maxTokens) tokens?)")
        }
        var rng = SplitMix64(state: seed ^ 0x5F17)
        rng.shuffle(&kept)
        var nEval = Int((evalFraction * Double(kept.count)).rounded())
        if evalFraction > 0 && kept.count >= 2 { nEval = max(nEval, 1) }
        nEval = min(nEval, kept.count - 1)
        heldOut = Array(kept[..<nEval]); train = Array(kept[nEval...])
        truncated = cut; dropped = gone
    }
}

/// Rows padded with `pad` to the longest: tokens = ids[0..<n−1], targets = ids[1..<n],
/// mask = model mask of the target. All three (rows·T) with T = longest − 1.
public func paddedBatch(_ rows: [SFTExample], pad: Int32) -> TrainBatch {
    let T = max(1, (rows.map(\.tokens.count).max() ?? 2) - 1)
    var tokens: [Int32] = [], targets: [Int32] = [], mask: [Float] = []
    for e in rows {
        let n = e.tokens.count - 1
        tokens += e.tokens.prefix(n); targets += e.tokens.dropFirst(); mask += e.modelMask.dropFirst()
        tokens += repeatElement(pad, count: T - n); targets += repeatElement(pad, count: T - n)
        mask += repeatElement(0, count: T - n)
    }
    return TrainBatch(tokens: tokens, targets: targets, mask: mask, rows: rows.count)
}

/// An endless stream of training rows: each epoch in a fresh seeded order.
public struct SFTSampler: Sendable {
    let examples: [SFTExample]
    var order: [Int] = [], position = 0, rng: SplitMix64
    public internal(set) var epoch = 0

    public init(_ examples: [SFTExample], seed: UInt64) {
        self.examples = examples; rng = SplitMix64(state: seed)
    }

    public mutating func next(_ count: Int) -> [SFTExample] {
        (0..<count).map { _ in
            if position == order.count {
                order = Array(examples.indices); rng.shuffle(&order); position = 0; epoch += 1
            }
            position += 1
            return examples[order[position - 1]]
        }
    }
}
