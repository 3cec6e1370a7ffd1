// What the loop needs from a model: render a prompt, continue generating with
// a stop check, take appended tokens, say how much room is left. The embedded
// engine's EngineSession is one; tests drive the loop with scripted sources.

import R1Engine

public protocol TokenSource: AnyObject {
    /// The chat prompt (system + user, generation prompt added): its text and tokens.
    func renderPrompt(system: String, user: String) -> (text: String, tokens: [Int32])
    /// Tokens of plain text appended inside the assistant turn (special tokens are not parsed).
    func encodeAppended(_ text: String) -> [Int32]
    /// Tokens that can still be appended or generated.
    var remaining: Int { get }
    func append(_ tokens: [Int32]) throws
    /// Generates until an end-of-sequence token, `stop` returning true, `maxTokens`,
    /// or a full context. `onEvent` may cancel by returning false.
    func generate(maxTokens: Int, stop: @escaping (String) -> Bool,
                  onEvent: ((StreamEvent) -> Bool)?) throws -> SessionTurn
    /// Ends the assistant turn after a complete answer: adds the template's end-of-turn
    /// token (`<|im_end|>`) as the model's next token and returns it with its
    /// log-probability; nil when the template has no such token.
    func closeTurn() throws -> (token: Int32, logprob: Float)?
}

/// The token that closes an assistant turn in ChatML (the template every supported model uses).
public let chatMLEndOfTurn = "<|im_end|>"

extension EngineSession: TokenSource {
    public func renderPrompt(system: String, user: String) -> (text: String, tokens: [Int32]) {
        let text = engine.template.render([ChatMessage(role: "system", content: system),
                                           ChatMessage(role: "user", content: user)], addGenerationPrompt: true)
        return (text, engine.tokenizer.encode(text, parseSpecial: true))
    }

    public func encodeAppended(_ text: String) -> [Int32] {
        var ids = engine.tokenizer.encode(text, parseSpecial: false)
        if engine.tokenizer.addBOS, let bos = engine.tokenizer.bos, ids.first == bos { ids.removeFirst() }
        return ids
    }

    public func generate(maxTokens: Int, stop: @escaping (String) -> Bool,
                         onEvent: ((StreamEvent) -> Bool)?) throws -> SessionTurn {
        try generate(maxTokens: maxTokens, stop: Optional(stop), onEvent: onEvent)
    }

    public func closeTurn() throws -> (token: Int32, logprob: Float)? {
        guard let end = engine.tokenizer.id(of: chatMLEndOfTurn) else { return nil }
        return (end, try force(end))
    }
}
