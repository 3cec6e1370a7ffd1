// Sampling: greedy (temperature 0) or seeded random sampling with temperature,
// then top-k, top-p and min-p in that order (as transformers' warpers). Each pick reports the log-probability of the chosen
// token under softmax(logits / temperature) over the whole vocabulary, before
// truncation (temperature 1 when greedy) — the quantity RL trainers compare.

import Foundation

public struct SamplingParams: Sendable, Equatable, Codable {
    public var temperature: Float = 0
    public var topK: Int = 0          // 0 = off
    public var topP: Float = 1        // 1 = off
    public var minP: Float = 0        // 0 = off
    public var seed: UInt64 = 0
    public init(temperature: Float = 0, topK: Int = 0, topP: Float = 1, minP: Float = 0, seed: UInt64 = 0) {
        self.temperature = temperature; self.topK = topK; self.topP = topP; self.minP = minP; self.seed = seed
    }
    public static let greedy = SamplingParams()
}

/// xoshiro256** seeded through SplitMix64: a small, fast, reproducible PRNG.
public struct EnginePRNG: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)
    public init(seed: UInt64) {
        var z = seed
        func next() -> UInt64 {
            z &+= 0x9E37_79B9_7F4A_7C15
            var x = z
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return x ^ (x >> 31)
        }
        s = (next(), next(), next(), next())
    }
    public mutating func next() -> UInt64 {
        let r = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3; s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return r
    }
    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

public struct Sampler: Sendable {
    public let params: SamplingParams
    private var rng: EnginePRNG
    public init(_ params: SamplingParams) { self.params = params; rng = EnginePRNG(seed: params.seed) }

    /// Picks a token from logits (V); returns its id and log-probability.
    public mutating func sample(_ logits: UnsafeBufferPointer<Float>) -> (id: Int32, logprob: Float) {
        let n = logits.count
        let temp = params.temperature > 0 ? Double(params.temperature) : 1
        // log-sum-exp of logits / temp
        var mx = -Double.infinity
        var arg = 0
        for i in 0..<n where Double(logits[i]) > mx { mx = Double(logits[i]); arg = i }
        // z = Σ exp((logit − max) / temp), summed in index order; prefix[c] keeps the running
        // sum after chunk c (chunks of `span` ids), so the plain sampler below recomputes the
        // exponentials of one chunk only and still meets the very same running sums.
        let span = 256, chunks = (n + span - 1) / span
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(chunks, 1)) { prefix in
            var z = 0.0
            for c in 0..<chunks {
                for i in (c * span)..<min(n, (c + 1) * span) { z += exp((Double(logits[i]) - mx) / temp) }
                prefix[c] = z
            }
            let logZ = log(z)
            func lp(_ i: Int) -> Float { Float((Double(logits[i]) - mx) / temp - logZ) }
            if params.temperature <= 0 { return (Int32(arg), lp(arg)) }

            // No truncation: sample straight from the full distribution (no sort): the first id
            // whose running sum passes r.
            if params.topK <= 0 && params.topP >= 1 && params.minP <= 0 {
                let r = rng.unit() * z
                guard let c = (0..<chunks).first(where: { r < prefix[$0] }) else { return (Int32(arg), lp(arg)) }
                var acc = c > 0 ? prefix[c - 1] : 0.0
                for i in (c * span)..<min(n, (c + 1) * span) {
                    acc += exp((Double(logits[i]) - mx) / temp)
                    if r < acc { return (Int32(i), lp(i)) }
                }
                return (Int32(arg), lp(arg))
            }
            return truncated(logits, mx: mx, temp: temp, z: z, lp: lp)
        }
    }

    /// Top-k, then top-p, then min-p over the candidates, and a draw among what is left.
    private mutating func truncated(_ logits: UnsafeBufferPointer<Float>, mx: Double, temp: Double, z: Double,
                                    lp: (Int) -> Float) -> (id: Int32, logprob: Float) {
        let n = logits.count
        // Candidates by logit, descending (ties: lower id first), then top-k → top-p → min-p.
        let before: (Int, Int) -> Bool = { logits[$0] > logits[$1] || (logits[$0] == logits[$1] && $0 < $1) }
        var cand: [Int]
        if params.topK > 0 && params.topK < n {
            cand = topIndices(logits, k: params.topK, before: before)
        } else {
            // Only tokens with probability ≥ 1e-12 of the best can matter for top-p/min-p sums.
            let floor = Float(mx + temp * log(1e-12))
            cand = (0..<n).filter { logits[$0] >= floor }
            cand.sort(by: before)
        }
        var probs = cand.map { exp((Double(logits[$0]) - mx) / temp) / z }
        if params.topP < 1 {
            var acc = 0.0, m = 0
            while m < probs.count { acc += probs[m]; m += 1; if acc >= Double(params.topP) { break } }
            cand.removeLast(cand.count - m); probs.removeLast(probs.count - m)
        }
        if params.minP > 0 {
            let cut = Double(params.minP) * probs[0]
            var m = probs.count
            while m > 1 && probs[m - 1] < cut { m -= 1 }
            cand.removeLast(cand.count - m); probs.removeLast(probs.count - m)
        }
        let total = probs.reduce(0, +)
        let r = rng.unit() * total
        var acc = 0.0
        for (j, p) in probs.enumerated() {
            acc += p
            if r < acc { return (Int32(cand[j]), lp(cand[j])) }
        }
        return (Int32(cand[cand.count - 1]), lp(cand[cand.count - 1]))
    }
}

/// The k best indices by `before`, in order (a bounded insertion pass: O(n·k) worst
/// case but O(n) for typical logits once the k-th value settles).
func topIndices(_ x: UnsafeBufferPointer<Float>, k: Int, before: (Int, Int) -> Bool) -> [Int] {
    var top: [Int] = []
    top.reserveCapacity(k + 1)
    for i in 0..<x.count {
        if top.count == k, !before(i, top[k - 1]) { continue }
        var j = top.count
        while j > 0 && before(i, top[j - 1]) { j -= 1 }
        top.insert(i, at: j)
        if top.count > k { top.removeLast() }
    }
    return top
}
