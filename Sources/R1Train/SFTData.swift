// Supervised fine-tuning data: JSONL with one conversation per line in the
// OpenAI chat-messages form, {"messages": [{"role": "system"|"user"|"assistant",
// "content": "…"}, …]} (tool turns inside an assistant turn allowed, see
// ToolTurns.swift), rendered with the model's chat template and tokenized
// into ids plus a loss mask that is 1 only on tokens the model produced —
// assistant text and the end-of-turn token that closes it — and 0 on the
// prompt, the template's role headers and every execution-result block.
//
// Each piece (prompt text, model text, result block) is tokenized on its own
// and the ids concatenated: that is how the tokens fall at inference, where
// the prompt, each generated token and each appended result enter the context
// separately, and it keeps every token wholly inside one piece.

import Foundation
import R1Engine

/// One tokenized conversation: ids and, per id, 1 when the model produced it.
public struct SFTExample: Sendable, Equatable {
    public var tokens: [Int32]
    public var modelMask: [Float]          // (tokens.count)
    public var modelTokenCount: Int { modelMask.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
}

public struct SFTEncoder: Sendable {
    public let tokenizer: Tokenizer
    public let template: ChatTemplate

    public init(tokenizer: Tokenizer, template: ChatTemplate) { self.tokenizer = tokenizer; self.template = template }

    /// Text segments of the rendered conversation: the template's text between
    /// assistant contents is prompt; each assistant content is split into model
    /// text and result blocks; the text after it (end-of-turn …) is prompt except
    /// for its first token when that ends generation (see encode).
    func segments(_ conversation: [ChatMessage]) throws -> [(segment: TraceSegment, closesTurn: Bool)] {
        let (messages, pieces) = joinToolTurns(conversation)
        var out: [(segment: TraceSegment, closesTurn: Bool)] = [], done = ""
        for (i, m) in messages.enumerated() where m.role == "assistant" {
            let head = template.render(Array(messages[..<i]), addGenerationPrompt: true)
            let full = template.render(Array(messages[...i]), addGenerationPrompt: false)
            guard head.hasPrefix(done), full.hasPrefix(head + m.content) else {
                throw TrainError("the chat template does not render message \(i + 1) as a prefix of the conversation")
            }
            out.append((TraceSegment(String(head.dropFirst(done.count)), byModel: false), false))
            out += (pieces[i] ?? splitExecutionResults(m.content)).map { ($0, false) }
            done = head + m.content
            let tail = String(full.dropFirst(done.count))
            out.append((TraceSegment(tail, byModel: false), true))
            done = full
        }
        let rest = template.render(messages, addGenerationPrompt: false)
        if rest.count > done.count { out.append((TraceSegment(String(rest.dropFirst(done.count)), byModel: false), false)) }
        return out
    }

    /// Ids and model mask of one conversation. Special-token text in the template
    /// (`<|im_start|>` …) becomes the special ids; the first id after an assistant
    /// content is in the mask when it ends generation (`<|im_end|>`).
    public func encode(_ messages: [ChatMessage]) throws -> SFTExample {
        var tokens: [Int32] = [], mask: [Float] = []
        for (seg, closesTurn) in try segments(messages) where !seg.text.isEmpty {
            var ids = tokenizer.encode(seg.text, parseSpecial: true)
            if tokenizer.addBOS, !tokens.isEmpty, let b = tokenizer.bos, ids.first == b { ids.removeFirst() }
            for (k, id) in ids.enumerated() {
                let produced = seg.byModel || (closesTurn && k == 0 && tokenizer.endOfGeneration.contains(id))
                tokens.append(id); mask.append(produced ? 1 : 0)
            }
        }
        return SFTExample(tokens: tokens, modelMask: mask)
    }
}

/// Reads a JSONL file of {"messages": [...]} objects (blank lines skipped).
/// Errors name the file and line.
public func readChatJSONL(path: String) throws -> [[ChatMessage]] {
    guard let data = FileManager.default.contents(atPath: path) else { throw TrainError("cannot read \(path)") }
    guard let text = String(data: data, encoding: .utf8) else { throw TrainError("\(path) is not UTF-8 text") }
    var out: [[ChatMessage]] = []
    for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { continue }
        func fail(_ why: String) -> TrainError { TrainError("\(path):\(n + 1): \(why)") }
        guard let obj = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
            throw fail("not a JSON object")
        }
        guard let list = obj["messages"] as? [Any] else { throw fail("no \"messages\" list") }
        var messages: [ChatMessage] = []
        for (k, item) in list.enumerated() {
            guard let m = item as? [String: Any], let role = m["role"] as? String, let content = m["content"] as? String else {
                throw fail("message \(k + 1) needs string \"role\" and \"content\"")
            }
            guard ["system", "user", "assistant", "tool"].contains(role) else {
                throw fail("message \(k + 1) has role '\(role)' (system, user, assistant or tool)")
            }
            if role == "tool", !["assistant", "tool"].contains(messages.last?.role ?? "") {
                throw fail("message \(k + 1): a tool message must follow an assistant message")
            }
            messages.append(ChatMessage(role: role, content: content))
        }
        guard messages.contains(where: { $0.role == "assistant" }) else { throw fail("no assistant message") }
        out.append(messages)
    }
    return out
}
