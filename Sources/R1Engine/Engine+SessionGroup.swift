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
        let batched = sessions.count > 1 ? sessions.filter { $0.tokens.count - $0.fed == 1 } : []
        for s in sessions where s.tokens.count - s.fed > 1 || (batched.count < 2 && s.tokens.count - s.fed == 1) {
            s.feedPending()
        }
        // Where each session's logits are: row b of the batch output, or its own buffer.
        let V = engine.model.config.vocab
        var rows = [Int](repeating: -1, count: sessions.count)
        var out: [Float] = []                                                       // logits (B, V)
        if batched.count >= 2 {
            let B = batched.count
            let scratch = ForwardScratch(config: engine.model.config, capacity: B)
            out = [Float](repeating: 0, count: B * V)
            out.withUnsafeMutableBufferPointer { o in
                engine.model.forwardBatch(tokens: batched.map { $0.tokens[$0.fed] }, caches: batched.map(\.cache),
                                          scratch: scratch, pool: engine.pool, precision: batched[0].precision,
                                          logits: o.baseAddress!)
            }
            for s in batched { s.fed += 1 }
            var row = [ObjectIdentifier: Int]()
            for (b, s) in batched.enumerated() { row[ObjectIdentifier(s)] = b }
            for (i, s) in sessions.enumerated() { rows[i] = row[ObjectIdentifier(s)] ?? -1 }
        }
        // Sample every session on all cores (each sampler has its own seeded stream and touches
        // only its own logits, so the picks do not depend on the order), then add them in order.
        var picks = [(id: Int32, logprob: Float)](repeating: (0, 0), count: sessions.count)
        out.withUnsafeBufferPointer { batchLogits in
            picks.withUnsafeMutableBufferPointer { pk in
                let shared = GroupSampling(sessions: sessions, rows: rows, batchLogits: batchLogits, picks: pk, vocab: V)
                DispatchQueue.concurrentPerform(iterations: sessions.count) { shared.sample($0) }
            }
        }
        // (A batched session's own logits buffer is left as it was: it is read only once every
        // token is fed again, and the next feed overwrites it.)
        return sessions.enumerated().map { i, s in
            let (event, eog) = s.accept(picks[i].id, logprob: picks[i].logprob)
            return SessionStep(event: event, endOfGeneration: eog)
        }
    }

    /// Text of an unfinished UTF-8 sequence at the end of a turn driven by
    /// `sampleTogether` (generate does this itself).
    public func finishTurnText() -> String { flushText() }
}

/// What one parallel sampling round shares across threads; iteration i touches only
/// session i's sampler and picks[i].
private struct GroupSampling: @unchecked Sendable {
    let sessions: [EngineSession]
    let rows: [Int]
    let batchLogits: UnsafeBufferPointer<Float>
    let picks: UnsafeMutableBufferPointer<(id: Int32, logprob: Float)>
    let vocab: Int

    func sample(_ i: Int) {
        let s = sessions[i]
        precondition(s.fed == s.tokens.count, "sampling needs the logits of every token")
        if rows[i] >= 0 {
            picks[i] = s.sampler.sample(UnsafeBufferPointer(rebasing: batchLogits[(rows[i] * vocab)..<((rows[i] + 1) * vocab)]))
        } else {
            picks[i] = s.logits.withUnsafeBufferPointer { s.sampler.sample($0) }
        }
    }
}
