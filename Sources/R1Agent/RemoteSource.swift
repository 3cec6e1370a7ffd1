// The loop against a model behind an OpenAI-compatible server (vLLM, SGLang,
// `r1ci serve`): each turn posts the whole context so far as token ids to
// /v1/completions and streams the reply; the loop's stop check sees the text
// as it arrives and the stream is dropped the moment a ```python block closes
// or an <<<answer>>> is complete. Servers send text, not token ids, so the
// model's turns are encoded with the local tokenizer, which must be the
// served model's own (the same one builds the prompt ids the server reads).
// Servers also do not score a token we choose, so token log-probabilities of
// remote traces are recorded as 0: they are evaluation and SFT material, not
// RL rollouts.

import Foundation
import R1Engine

public final class RemoteSource: TokenSource, @unchecked Sendable {
    public let backend: any GenerationBackend
    public let tokenizer: Tokenizer
    public let template: ChatTemplate
    public let temperature: Float
    public let seed: UInt64
    /// Every token of the conversation so far (prompt, turns, results).
    public private(set) var context: [Int32] = []
    private let capacity: Int
    private let endOfTurn: Int32?
    private var turns: UInt64 = 0

    public init(backend: any GenerationBackend, tokenizer: Tokenizer, template: ChatTemplate,
                temperature: Float, seed: UInt64, capacity: Int) {
        self.backend = backend; self.tokenizer = tokenizer; self.template = template
        self.temperature = temperature; self.seed = seed; self.capacity = capacity
        endOfTurn = tokenizer.id(of: chatMLEndOfTurn)
    }

    public func renderPrompt(system: String, user: String) -> (text: String, tokens: [Int32]) {
        let text = template.render([ChatMessage(role: "system", content: system), ChatMessage(role: "user", content: user)],
                                   addGenerationPrompt: true)
        return (text, tokenizer.encode(text, parseSpecial: true))
    }

    public func encodeAppended(_ text: String) -> [Int32] {
        var ids = tokenizer.encode(text, parseSpecial: false)
        if tokenizer.addBOS, let bos = tokenizer.bos, ids.first == bos { ids.removeFirst() }
        return ids
    }

    public var remaining: Int { capacity - context.count }

    public func append(_ tokens: [Int32]) throws {
        guard tokens.count <= remaining else { throw AgentError("\(tokens.count) tokens do not fit (\(remaining) left)") }
        context += tokens
    }

    public func generate(maxTokens: Int, stop: @escaping (String) -> Bool,
                         onEvent: ((StreamEvent) -> Bool)?) throws -> SessionTurn {
        var request = BackendRequest(prompt: .tokens(context), maxTokens: min(maxTokens, remaining),
                                     temperature: temperature, seed: seed &+ turns)
        request.logprobs = false
        turns += 1
        var turn = SessionTurn()
        var stopped = false, cancelled = false
        let start = DispatchTime.now().uptimeNanoseconds
        let result: BackendResult
        do {
            result = try backend.generate(request) { chunk in
                var piece = ""
                for c in chunk.text where !stopped {
                    turn.text.append(c); piece.append(c)
                    if stop(String(c)) { stopped = true }
                }
                // The ids are known only once the turn is encoded: stream events carry
                // the server's text pieces with token id -1.
                if !piece.isEmpty, let onEvent, !onEvent(StreamEvent(token: -1, logprob: 0, text: piece)) {
                    cancelled = true
                }
                return !stopped && !cancelled
            }
        } catch {
            throw AgentError("remote model: \(error)")
        }
        if !stopped && !cancelled { turn.text = result.text }
        turn.tokens = encodeAppended(turn.text)
        if stopped {
            turn.reason = .stopped
        } else if cancelled {
            turn.reason = .cancelled
        } else if result.finishReason == .length {
            turn.reason = turn.tokens.count >= remaining ? .context : .length
        } else {
            // The server ended the turn: the model produced its end-of-turn token.
            if let endOfTurn { turn.tokens.append(endOfTurn) }
            turn.reason = .endOfGeneration
        }
        turn.logprobs = [Float](repeating: 0, count: turn.tokens.count)
        turn.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        context += turn.tokens
        return turn
    }

    public func closeTurn() throws -> (token: Int32, logprob: Float)? {
        guard let endOfTurn else { return nil }
        if remaining > 0 { context.append(endOfTurn) }
        return (endOfTurn, 0)
    }
}
