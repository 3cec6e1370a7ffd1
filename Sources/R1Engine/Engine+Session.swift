// A conversation that continues: one KV cache and one sampler kept across calls,
// so a caller can generate, append tokens of its own (a tool's output), and
// generate again while the model only processes what is new. The session keeps
// every token id exactly as generated or appended (token-in/token-out); nothing
// is re-tokenised.

import Foundation

/// Why one `EngineSession.generate` call ended.
public enum SessionStopReason: String, Sendable, Codable {
    /// The model produced an end-of-generation token (kept in `tokens`, not in `text`).
    case endOfGeneration = "eog"
    /// The caller's stop check asked to stop after the last token.
    case stopped = "stop"
    /// The call's token limit was reached.
    case length
    /// The session's context (its KV cache capacity) is full.
    case context
    /// The event callback returned false.
    case cancelled
}

/// What one `generate` call produced.
public struct SessionTurn: Sendable {
    /// Sampled ids in order, the end-of-generation token included when there was one.
    public var tokens: [Int32] = []
    /// Log-probability of each sampled id (same length as `tokens`).
    public var logprobs: [Float] = []
    /// The decoded text of `tokens` (end-of-generation tokens excluded).
    public var text = ""
    public var reason = SessionStopReason.length
    /// Wall time of the call, prefill of pending tokens included.
    public var seconds = 0.0
    public init() {}
}

public final class EngineSession: @unchecked Sendable {
    public let engine: Engine
    public let precision: Precision
    let cache: KVCache
    var sampler: Sampler
    /// Every token of the session in order: appended and generated.
    public internal(set) var tokens: [Int32] = []
    /// How many of `tokens` the model has processed (the rest wait for the next call).
    var fed = 0
    /// Logits (V) after token `fed - 1`; meaningful when fed == tokens.count.
    var logits: [Float]
    /// Bytes of an incomplete UTF-8 sequence from the last sampled tokens.
    var pendingBytes: [UInt8] = []
    let single: ForwardScratch

    /// A session holding up to `capacity` tokens (default and ceiling: the model's context).
    public init(engine: Engine, capacity: Int? = nil, sampling: SamplingParams = .greedy,
                precision: Precision = .int8Activations) {
        let cfg = engine.model.config
        let size = max(1, min(capacity ?? cfg.contextLength, cfg.contextLength))
        self.engine = engine
        self.precision = precision
        cache = KVCache(config: cfg, capacity: size)
        sampler = Sampler(sampling)
        logits = [Float](repeating: 0, count: cfg.vocab)
        single = ForwardScratch(config: cfg, capacity: 1)
    }

    public var capacity: Int { cache.capacity }
    /// Tokens that can still be appended or generated.
    public var remaining: Int { cache.capacity - tokens.count }

    /// Adds tokens (a prompt, a tool's output) to the context. They are processed
    /// now, together with any generated token the model has not seen yet.
    public func append(_ newTokens: [Int32]) throws {
        let V = engine.model.config.vocab
        if let bad = newTokens.first(where: { $0 < 0 || Int($0) >= V }) {
            throw EngineError("token \(bad) out of range (vocab \(V))")
        }
        guard newTokens.count <= remaining else {
            throw EngineError("\(newTokens.count) more tokens do not fit the session (\(remaining) of \(capacity) left)")
        }
        tokens += newTokens
        engine.lock.lock(); defer { engine.lock.unlock() }
        feedPending()
    }

    /// Samples until an end-of-generation token, `stop` returning true, `maxTokens`
    /// new tokens, or a full context. `stop` sees the text each token released (empty
    /// while a UTF-8 sequence is incomplete); `onEvent` sees every token and may cancel.
    public func generate(maxTokens: Int, stop: ((String) -> Bool)? = nil,
                         onEvent: ((StreamEvent) -> Bool)? = nil) throws -> SessionTurn {
        guard !tokens.isEmpty else { throw EngineError("nothing to continue: append a prompt first") }
        var turn = SessionTurn()
        guard maxTokens > 0 else { return turn }
        guard remaining > 0 else { turn.reason = .context; return turn }

        let start = DispatchTime.now().uptimeNanoseconds
        engine.lock.lock(); defer { engine.lock.unlock() }
        feedPending()
        while true {
            let step = sampleNext()
            turn.tokens.append(step.event.token); turn.logprobs.append(step.event.logprob)
            turn.text += step.event.text
            let wantsMore = onEvent?(step.event) ?? true
            if step.endOfGeneration { turn.reason = .endOfGeneration; break }
            if let stop, stop(step.event.text) { turn.reason = .stopped; break }
            if !wantsMore { turn.reason = .cancelled; break }
            if turn.tokens.count >= maxTokens { turn.reason = .length; break }
            if remaining == 0 { turn.reason = .context; break }
            feedPending()
        }
        turn.text += flushText()
        turn.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return turn
    }

    /// Samples one token from the current logits (all tokens must be fed) and adds it
    /// to the session; the event's text is what the token completes of the UTF-8 text.
    func sampleNext() -> (event: StreamEvent, endOfGeneration: Bool) {
        precondition(fed == tokens.count, "sampling needs the logits of every token")
        let (id, logprob) = logits.withUnsafeBufferPointer { sampler.sample($0) }
        return accept(id, logprob: logprob)
    }

    /// Adds a token sampled by this session's sampler (from its logits) to the session.
    func accept(_ id: Int32, logprob: Float) -> (event: StreamEvent, endOfGeneration: Bool) {
        tokens.append(id)
        let endOfGeneration = engine.tokenizer.endOfGeneration.contains(id)
        var piece = ""
        if !endOfGeneration {
            pendingBytes += engine.tokenizer.bytes(of: id)
            let (complete, rest) = splitValidUTF8(pendingBytes)
            piece = complete; pendingBytes = rest
        }
        return (StreamEvent(token: id, logprob: logprob, text: piece), endOfGeneration)
    }

    /// Text of an unfinished UTF-8 sequence left at the end of a turn (invalid bytes become U+FFFD).
    func flushText() -> String {
        defer { pendingBytes = [] }
        return pendingBytes.isEmpty ? "" : String(decoding: pendingBytes, as: UTF8.self)
    }

    /// Runs the model over tokens[fed...] (prefill in chunks, or one decode step),
    /// leaving the logits after the last one. Caller holds engine.lock.
    func feedPending() {
        guard fed < tokens.count else { return }
        let model = engine.model
        let chunk = max(1, engine.prefillChunk)
        let count = tokens.count - fed
        let scratch = count == 1 ? single : ForwardScratch(config: model.config, capacity: min(chunk, count))
        logits.withUnsafeMutableBufferPointer { out in
            while fed < tokens.count {
                let part = Array(tokens[fed..<min(fed + chunk, tokens.count)])
                model.forward(tokens: part, cache: cache, scratch: part.count == 1 ? single : scratch, pool: engine.pool,
                              precision: precision, allLogits: false, logits: out.baseAddress!)
                fed += part.count
            }
        }
    }
}
