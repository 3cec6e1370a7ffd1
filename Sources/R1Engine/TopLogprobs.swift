// The k most likely next tokens with their log-probabilities, on the same
// scale as the sampler reports the chosen token's: softmax(logits / T) over the
// whole vocabulary (T = 1 when greedy). What OpenAI-style `top_logprobs` show.

import Foundation

public struct TokenProb: Sendable, Equatable {
    public let token: Int32
    public let logprob: Float
}

/// The k best tokens of logits (V), best first (ties: lower id first).
func topLogprobs(_ logits: UnsafeBufferPointer<Float>, k: Int, temperature: Float) -> [TokenProb] {
    guard k > 0, !logits.isEmpty else { return [] }
    let temp = temperature > 0 ? Double(temperature) : 1
    var mx = -Double.infinity
    for x in logits where Double(x) > mx { mx = Double(x) }
    var z = 0.0
    for x in logits { z += exp((Double(x) - mx) / temp) }
    let logZ = log(z)
    let best = topIndices(logits, k: min(k, logits.count)) {
        logits[$0] > logits[$1] || (logits[$0] == logits[$1] && $0 < $1)
    }
    return best.map { TokenProb(token: Int32($0), logprob: Float((Double(logits[$0]) - mx) / temp - logZ)) }
}
