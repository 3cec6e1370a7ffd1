// A token the caller decides instead of the sampler: the end-of-turn token
// after a complete <<<answer>>>, so a trace that stops there still ends the
// way the chat template ends an assistant turn. Its log-probability is read
// from the same distribution the sampler would have used (softmax of the
// logits over the temperature), so RL ratios stay meaningful for it.

import Foundation

extension EngineSession {
    /// Adds `token` after the last token as if it had been sampled and returns its
    /// log-probability under the session's sampling temperature (1 when greedy).
    /// It is appended only when the session has room; the log-probability is
    /// reported either way.
    public func force(_ token: Int32) throws -> Float {
        let V = engine.model.config.vocab
        guard token >= 0, Int(token) < V else { throw EngineError("token \(token) out of range (vocab \(V))") }
        guard !tokens.isEmpty else { throw EngineError("nothing to continue: append a prompt first") }
        engine.lock.lock(); defer { engine.lock.unlock() }
        feedPending()
        let temperature = sampler.params.temperature > 0 ? Double(sampler.params.temperature) : 1
        var top = -Double.infinity
        for x in logits where Double(x) > top { top = Double(x) }
        var z = 0.0
        for x in logits { z += exp((Double(x) - top) / temperature) }
        let logprob = Float((Double(logits[Int(token)]) - top) / temperature - log(z))
        if remaining > 0 { tokens.append(token) }
        return logprob
    }
}
