// The local engine behind the backend interface: renders the prompt with the
// model's chat template, maps sampling settings onto GenerateParams, and turns
// the engine's per-token events into chunks with log-probabilities.

import Foundation

public final class LocalBackend: GenerationBackend, @unchecked Sendable {
    public let engine: Engine
    public let modelName: String

    public init(engine: Engine, name: String) {
        self.engine = engine
        self.modelName = name
    }

    public var contextLength: Int { engine.model.config.contextLength }

    public func promptTokens(_ prompt: BackendPrompt) -> [Int32] {
        switch prompt {
        case .chat(let messages): engine.renderChat(messages)
        case .text(let text): engine.tokenizer.encode(text)
        case .tokens(let ids): ids
        }
    }

    public func check(_ request: BackendRequest) throws {
        let ids = promptTokens(request.prompt)
        let vocab = engine.model.config.vocab
        if ids.isEmpty { throw BackendError.badRequest("the prompt is empty") }
        if let bad = ids.first(where: { $0 < 0 || Int($0) >= vocab }) {
            throw BackendError.badRequest("prompt token \(bad) is out of range (vocabulary of \(vocab))")
        }
        if ids.count >= contextLength && request.maxTokens != 0 {
            throw BackendError.badRequest("the prompt has \(ids.count) tokens; this model's context is \(contextLength) tokens, "
                                          + "which leaves no room to generate")
        }
    }

    func params(for r: BackendRequest, seedOffset: UInt64 = 0) -> GenerateParams {
        let seed = r.seed ?? (r.temperature > 0 ? UInt64.random(in: 0...UInt64.max) : 0)
        var p = GenerateParams(maxTokens: r.maxTokens ?? contextLength,
                               sampling: SamplingParams(temperature: r.temperature, topK: r.topK, topP: r.topP,
                                                        minP: r.minP, seed: seed &+ seedOffset),
                               stopStrings: r.stop)
        p.topLogprobs = r.logprobs ? r.topLogprobs : 0
        return p
    }

    /// Chunks come once per generated token (the text may be empty while a
    /// possible stop string is held back), so returning false cancels promptly.
    public func generate(_ request: BackendRequest, onChunk: ((BackendChunk) -> Bool)?) throws -> BackendResult {
        try generate(request, seedOffset: 0, onChunk: onChunk)
    }

    func generate(_ request: BackendRequest, seedOffset: UInt64, onChunk: ((BackendChunk) -> Bool)?) throws -> BackendResult {
        let ids = promptTokens(request.prompt)
        let params = params(for: request, seedOffset: seedOffset)
        let eog = engine.tokenizer.endOfGeneration
        var logprobs: [TokenLogprob] = []
        let gen = try engineCall {
            try engine.generate(prompt: ids, params: params) { ev in
                var entries: [TokenLogprob] = []
                if request.logprobs && ev.token >= 0 && !eog.contains(ev.token) {
                    entries = [TokenLogprob(token: self.tokenText(ev.token, ev.logprob), top: ev.top.map { self.tokenText($0.token, $0.logprob) })]
                    logprobs += entries
                }
                guard let cb = onChunk else { return true }
                return cb(BackendChunk(text: ev.text, logprobs: entries))
            }
        }
        return result(gen, logprobs: request.logprobs ? logprobs : nil)
    }

    /// n samples of one prompt; sample i uses seed + i. Without top-logprobs and
    /// streaming this is one shared-prompt batch (Engine.generateBatch), which
    /// gives the same tokens as n separate calls.
    public func generateMany(_ request: BackendRequest, count: Int) throws -> [BackendResult] {
        if count == 1 || request.topLogprobs > 0 && request.logprobs {
            return try (0..<count).map { try generate(request, seedOffset: UInt64($0), onChunk: nil) }
        }
        let ids = promptTokens(request.prompt)
        let gens = try engineCall { try engine.generateBatch(prompt: ids, count: count, params: params(for: request)) }
        let eog = engine.tokenizer.endOfGeneration
        return gens.map { g in
            let lps = zip(g.tokens, g.logprobs).filter { !eog.contains($0.0) }.map { TokenLogprob(token: tokenText($0.0, $0.1)) }
            return result(g, logprobs: request.logprobs ? lps : nil)
        }
    }

    private func tokenText(_ id: Int32, _ logprob: Float) -> TokenText {
        let b = engine.tokenizer.bytes(of: id)
        return TokenText(text: String(decoding: b, as: UTF8.self), bytes: b, logprob: logprob)
    }

    private func result(_ g: Generation, logprobs: [TokenLogprob]?) -> BackendResult {
        var r = BackendResult()
        r.text = g.text
        r.promptTokens = g.promptTokens.count
        r.completionTokens = g.tokens.count
        r.logprobs = logprobs
        switch g.finishReason {
        case .endOfGeneration, .stopString: r.finishReason = .stop
        case .length: r.finishReason = .length
        case .cancelled: r.finishReason = .cancelled
        }
        return r
    }

    /// Engine errors on generate are all about the request (prompt too long,
    /// token out of range, empty prompt).
    private func engineCall<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as EngineError { throw BackendError.badRequest(e.description) }
    }
}
