// Many sessions decoded together: sessions forked from one prefilled prompt
// share its KV prefix (the prompt is processed once per group), and one step
// samples the next token of every session, first feeding all their last tokens
// through one batched forward so each weight row is read once for the lot.

import Foundation

/// One sampled token of a session in a group step.
public struct SessionStep: Sendable {
    public let event: StreamEvent
    public let endOfGeneration: Bool
}

extension EngineSession {
    /// A new session holding this one's tokens: the KV prefix is copied, nothing is
    /// recomputed. It samples with `sampling`. Every token here must be processed
    /// (append or generate last), and `capacity` must hold them.
    public func fork(sampling: SamplingParams, capacity: Int? = nil) throws -> EngineSession {
        guard fed == tokens.count else { throw EngineError("cannot fork a session with unprocessed tokens") }
        let child = EngineSession(engine: engine, capacity: capacity ?? self.capacity, sampling: sampling, precision: precision)
        guard child.capacity >= tokens.count else {
            throw EngineError("fork capacity \(child.capacity) is below the \(tokens.count) tokens to share")
        }
        child.cache.copyPrefix(from: cache, count: tokens.count)
        child.tokens = tokens
        child.fed = fed
        child.logits = logits
        return child
    }

    /// Samples the next token of every session (each with its own sampler, from its
    /// own logits). Tokens waiting to be processed are fed first: one pending token
    /// per session goes through a single batched forward; longer runs are prefilled
    /// one session at a time. Every session needs `remaining > 0`.
    public static func sampleTogether(_ sessions: [EngineSession]) -> [SessionStep] {
        guard let engine = sessions.first?.engine else { return [] }
        precondition(sessions.allSatisfy { $0.engine === engine && $0.remaining > 0 })
        engine.lock.lock(); defer { engine.lock.unlock() }
        let single = sessions.filter { $0.tokens.count - $0.fed == 1 }
        for s in sessions where s.tokens.count - s.fed > 1 { s.feedPending() }
        if single.count == 1 {
            single[0].feedPending()
        } else if single.count > 1 {
            let V = engine.model.config.vocab, B = single.count
            let scratch = ForwardScratch(config: engine.model.config, capacity: B)
            var out = [Float](repeating: 0, count: B * V)                     // logits (B, V)
            out.withUnsafeMutableBufferPointer { o in
                engine.model.forwardBatch(tokens: single.map { $0.tokens[$0.fed] }, caches: single.map(\.cache),
                                          scratch: scratch, pool: engine.pool, precision: single[0].precision,
                                          logits: o.baseAddress!)
            }
            for (b, s) in single.enumerated() {
                s.logits.replaceSubrange(0..<V, with: out[(b * V)..<((b + 1) * V)])
                s.fed += 1
            }
        }
        return sessions.map { s in
            let (event, eog) = s.sampleNext()
            return SessionStep(event: event, endOfGeneration: eog)
        }
    }

    /// Text of an unfinished UTF-8 sequence at the end of a turn driven by
    /// `sampleTogether` (generate does this itself).
    public func finishTurnText() -> String { flushText() }
}
