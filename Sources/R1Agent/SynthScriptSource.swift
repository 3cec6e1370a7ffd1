// A token source that plays a scripted teacher in the real loop: each turn it
// asks its writer for the next piece of text (the writer sees what the sandbox
// returned so far), encodes it with the target model's tokenizer and releases
// it token by token through the loop's stop check, exactly as a model would.
// The loop, the sandbox and the trace are the real ones; only the author of the
// text is a script. Its tokens have log-probability 0: the script is a
// deterministic policy, so each token it emits has probability 1. It sends no
// token events (nothing watches a script stream).

import Foundation
import R1Engine

final class SynthScriptSource: TokenSource {
    let tokenizer: Tokenizer
    let template: ChatTemplate
    /// The text of turn `n` (0-based); nil ends the trace with the end-of-turn token.
    let writer: (Int) -> String?
    private var turn = 0
    private var count = 0
    private let capacity: Int
    private let endOfTurn: Int32?

    init(tokenizer: Tokenizer, template: ChatTemplate, capacity: Int, writer: @escaping (Int) -> String?) {
        self.tokenizer = tokenizer; self.template = template; self.capacity = capacity; self.writer = writer
        endOfTurn = tokenizer.id(of: chatMLEndOfTurn)
    }

    func renderPrompt(system: String, user: String) -> (text: String, tokens: [Int32]) {
        let text = template.render([ChatMessage(role: "system", content: system), ChatMessage(role: "user", content: user)],
                                   addGenerationPrompt: true)
        return (text, tokenizer.encode(text, parseSpecial: true))
    }

    func encodeAppended(_ text: String) -> [Int32] {
        var ids = tokenizer.encode(text, parseSpecial: false)
        if tokenizer.addBOS, let bos = tokenizer.bos, ids.first == bos { ids.removeFirst() }
        return ids
    }

    var remaining: Int { capacity - count }

    func append(_ tokens: [Int32]) throws {
        guard tokens.count <= remaining else { throw AgentError("\(tokens.count) tokens do not fit (\(remaining) left)") }
        count += tokens.count
    }

    func generate(maxTokens: Int, stop: @escaping (String) -> Bool,
                  onEvent: ((StreamEvent) -> Bool)?) throws -> SessionTurn {
        var out = SessionTurn()
        defer { turn += 1; count += out.tokens.count }
        guard let text = writer(turn) else {
            if let endOfTurn { out.tokens = [endOfTurn]; out.logprobs = [0] }
            out.reason = .endOfGeneration
            return out
        }
        var pending: [UInt8] = []
        for id in encodeAppended(text) {
            out.tokens.append(id); out.logprobs.append(0)
            pending += tokenizer.bytes(of: id)
            var piece = ""
            if let complete = String(validating: pending, as: UTF8.self) { piece = complete; pending = [] }
            out.text += piece
            if stop(piece) { out.reason = .stopped; return out }
            if out.tokens.count >= maxTokens { out.reason = .length; return out }
            if count + out.tokens.count >= capacity { out.reason = .context; return out }
        }
        out.text += String(decoding: pending, as: UTF8.self)
        // The script ran out without the loop stopping it: the turn ends there.
        if let endOfTurn { out.tokens.append(endOfTurn); out.logprobs.append(0) }
        out.reason = .endOfGeneration
        return out
    }

    func closeTurn() throws -> (token: Int32, logprob: Float)? {
        guard let endOfTurn else { return nil }
        if remaining > 0 { count += 1 }
        return (endOfTurn, 0)
    }
}
