// One sampled response as the policy trainer sees it: the trace's exact token
// ids in order (prompt, model turns, execution results — never re-tokenised),
// shifted for teacher forcing. Position t reads inputs[0…t] and scores
// targets[t] = token t+1; mask[t] = 1 only when the model generated that
// target, so the prompt and execution results carry no loss and no gradient.

public struct PolicySequence: Sendable {
    public let inputs: [Int32]            // (T)
    public let targets: [Int32]           // (T)
    public let mask: [Float]              // (T)
    /// The sampler's log-probability of each target (0 where mask is 0).
    public let rolloutLogprobs: [Float]   // (T)
    public var length: Int { inputs.count }
    public var modelTokens: Int { mask.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }

    /// tokens, modelMask, logprobs (n) as a trace gives them (Trace.tokenIDs, lossMask, logprobs).
    public init(tokens: [Int32], modelMask: [Int32], logprobs: [Float]) {
        precondition(tokens.count >= 2 && modelMask.count == tokens.count && logprobs.count == tokens.count,
                     "a policy sequence needs ≥ 2 tokens with one mask and log-probability each")
        inputs = Array(tokens.dropLast()); targets = Array(tokens.dropFirst())
        mask = modelMask.dropFirst().map { Float($0) }; rolloutLogprobs = Array(logprobs.dropFirst())
    }

    /// Index of the last model target (where an outcome reward goes), nil without one.
    public var lastModelPosition: Int? { mask.lastIndex { $0 > 0 } }
}
