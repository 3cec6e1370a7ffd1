// The JSON OpenAI clients expect: whole replies (chat.completion,
// text_completion), stream chunks (chat.completion.chunk, text_completion),
// usage, and the two logprobs layouts (chat: per-token objects with
// top_logprobs lists; completions: parallel arrays with top_logprobs dicts).

import Foundation
import R1Engine

struct ReplyShapes {
    let kind: CompletionCall.Kind
    let id: String
    let created: Int
    let model: String

    init(kind: CompletionCall.Kind, model: String) {
        self.kind = kind
        self.model = model
        created = Int(Date().timeIntervalSince1970)
        let hex = (0..<12).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        id = (kind == .chat ? "chatcmpl-" : "cmpl-") + hex
    }

    private var header: [String: Any] { ["id": id, "created": created, "model": model] }

    // MARK: whole replies

    func reply(_ results: [BackendResult]) -> [String: Any] {
        var o = header
        o["object"] = kind == .chat ? "chat.completion" : "text_completion"
        o["choices"] = results.enumerated().map { i, r -> [String: Any] in
            var c: [String: Any] = ["index": i, "finish_reason": Self.finish(r.finishReason),
                                    "logprobs": r.logprobs.map { logprobs($0, textOffset: 0) } ?? NSNull()]
            if kind == .chat { c["message"] = ["role": "assistant", "content": r.text] } else { c["text"] = r.text }
            return c
        }
        o["usage"] = Self.usage(prompt: results.first?.promptTokens ?? 0, completion: results.reduce(0) { $0 + $1.completionTokens })
        return o
    }

    // MARK: stream chunks

    /// A chunk carrying text (and its tokens' logprobs) for choice `index`;
    /// `role` marks the first chat chunk, `finish` the last one of a choice.
    func chunk(index: Int, text: String, logprobs entries: [TokenLogprob]?, textOffset: Int = 0,
               role: Bool = false, finish: BackendFinish? = nil, usageField: Bool) -> [String: Any] {
        var o = header
        o["object"] = kind == .chat ? "chat.completion.chunk" : "text_completion"
        var c: [String: Any] = ["index": index, "finish_reason": finish.map(Self.finish) ?? NSNull(),
                                "logprobs": entries.map { logprobs($0, textOffset: textOffset) } ?? NSNull()]
        if kind == .chat {
            var delta: [String: Any] = [:]
            if role { delta["role"] = "assistant" }
            if role || !text.isEmpty || entries?.isEmpty == false { delta["content"] = text }
            c["delta"] = delta
        } else {
            c["text"] = text
        }
        o["choices"] = [c]
        if usageField { o["usage"] = NSNull() }
        return o
    }

    /// The extra last chunk of `stream_options.include_usage`: no choices, the totals.
    func usageChunk(prompt: Int, completion: Int) -> [String: Any] {
        var o = header
        o["object"] = kind == .chat ? "chat.completion.chunk" : "text_completion"
        o["choices"] = [Any]()
        o["usage"] = Self.usage(prompt: prompt, completion: completion)
        return o
    }

    static func usage(prompt: Int, completion: Int) -> [String: Any] {
        ["prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion]
    }

    static func finish(_ f: BackendFinish) -> String { f == .length ? "length" : "stop" }

    // MARK: logprobs

    /// Chat: {"content": [{token, logprob, bytes, top_logprobs: [{token, logprob, bytes}]}]}.
    /// Completions: {tokens, token_logprobs, top_logprobs: [{token: logprob}], text_offset},
    /// offsets counted in characters from `textOffset`.
    func logprobs(_ entries: [TokenLogprob], textOffset: Int) -> [String: Any] {
        if kind == .chat {
            func one(_ t: TokenText) -> [String: Any] {
                ["token": t.text, "logprob": Self.finite(t.logprob), "bytes": t.bytes.map(Int.init)]
            }
            return ["content": entries.map { e -> [String: Any] in
                var o = one(e.token)
                o["top_logprobs"] = e.top.map(one)
                return o
            }]
        }
        var offsets: [Int] = []
        var at = textOffset
        for e in entries { offsets.append(at); at += e.token.text.unicodeScalars.count }
        return [
            "tokens": entries.map(\.token.text),
            "token_logprobs": entries.map { Self.finite($0.token.logprob) },
            "top_logprobs": entries.map { e -> [String: Double] in
                var d: [String: Double] = [:]
                for t in e.top where d[t.text] == nil { d[t.text] = Self.finite(t.logprob) }
                return d
            },
            "text_offset": offsets,
        ]
    }

    /// JSON has no infinities; a log-probability that underflowed reads as a very unlikely one.
    static func finite(_ x: Float) -> Double { x.isFinite ? Double(x) : -9999 }
}
