// The body of POST /v1/chat/completions or /v1/completions, checked field by
// field into a BackendRequest plus the reply options (n, stream, usage in the
// stream). A bad field is a 400 that names it. Fields this server does not act
// on (presence_penalty, user, …) are accepted and ignored, as vLLM does.

import Foundation
import R1Engine

struct CompletionCall: Sendable {
    enum Kind: Sendable { case chat, text }
    let kind: Kind
    var request: BackendRequest
    var model: String?
    var n = 1
    var stream = false
    var includeUsage = false

    static let maxChoices = 16
    static let maxTopLogprobs = 20

    init(kind: Kind, body: [UInt8]) throws(APIError) {
        guard let o = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw .invalid("the request body must be a JSON object")
        }
        self.kind = kind
        let fields = Fields(o)
        model = try fields.string("model")
        switch kind {
        case .chat: request = BackendRequest(prompt: .chat(try Self.messages(o["messages"])))
        case .text: request = BackendRequest(prompt: try Self.prompt(o["prompt"]))
        }
        // OpenAI's defaults: 16 tokens for text completions, up to the context for chat.
        let maxCompletion = try fields.int("max_completion_tokens", 0...(1 << 24))
        let maxTokens = try fields.int("max_tokens", 0...(1 << 24))
        request.maxTokens = maxCompletion ?? maxTokens ?? (kind == .text ? 16 : nil)
        request.temperature = Float(try fields.number("temperature", 0...2) ?? 1)
        request.topP = Float(try fields.number("top_p", 0...1) ?? 1)
        if request.topP <= 0 { throw .invalid("top_p must be in (0, 1]", param: "top_p") }
        request.topK = max(0, try fields.int("top_k", -1...1_000_000) ?? 0)
        request.minP = Float(try fields.number("min_p", 0...1) ?? 0)
        if let s = try fields.int("seed", Int.min...Int.max) { request.seed = UInt64(bitPattern: Int64(s)) }
        request.stop = try Self.stops(o["stop"])
        n = try fields.int("n", 1...Self.maxChoices) ?? 1
        stream = try fields.bool("stream") ?? false
        if let opts = o["stream_options"], !(opts is NSNull) {
            guard let d = opts as? [String: Any] else { throw .invalid("stream_options must be an object", param: "stream_options") }
            includeUsage = try Fields(d).bool("include_usage") ?? false
        }
        if try fields.bool("echo") == true { throw .invalid("echo is not supported", param: "echo") }
        switch kind {
        case .chat:
            request.logprobs = try fields.bool("logprobs") ?? false
            let top = try fields.int("top_logprobs", 0...Self.maxTopLogprobs)
            if let top, top > 0, !request.logprobs {
                throw .invalid("top_logprobs needs logprobs set to true", param: "top_logprobs")
            }
            request.topLogprobs = top ?? 0
        case .text:
            if let k = try fields.int("logprobs", 0...Self.maxTopLogprobs) {
                request.logprobs = true
                request.topLogprobs = k
            }
        }
    }

    /// messages: [{"role", "content": string | [{"type": "text", "text"}] | null}]
    static func messages(_ value: Any?) throws(APIError) -> [ChatMessage] {
        guard let list = value as? [Any], !list.isEmpty else {
            throw .invalid("messages must be a non-empty array", param: "messages")
        }
        var out: [ChatMessage] = []
        for (i, item) in list.enumerated() {
            let param = "messages[\(i)]"
            guard let m = item as? [String: Any], let role = m["role"] as? String, !role.isEmpty else {
                throw .invalid("\(param) must be an object with a string role", param: param)
            }
            let content: String
            switch m["content"] {
            case let s as String: content = s
            case nil, is NSNull: content = ""
            case let parts as [Any]:
                var text = ""
                for part in parts {
                    guard let p = part as? [String: Any], p["type"] as? String == "text", let t = p["text"] as? String else {
                        throw .invalid("\(param).content: only text parts are supported", param: "\(param).content")
                    }
                    text += t
                }
                content = text
            default:
                throw .invalid("\(param).content must be a string or an array of text parts", param: "\(param).content")
            }
            out.append(ChatMessage(role: role, content: content))
        }
        return out
    }

    /// prompt: a string, a token array, or a one-element array of either.
    static func prompt(_ value: Any?) throws(APIError) -> BackendPrompt {
        switch value {
        case let s as String: return .text(s)
        case let list as [Any]:
            if list.count == 1, let s = list[0] as? String { return .text(s) }
            if list.count == 1, let inner = list[0] as? [Any], !inner.isEmpty, let ids = tokenIDs(inner) { return .tokens(ids) }
            if !list.isEmpty, let ids = tokenIDs(list) { return .tokens(ids) }
            if list.count > 1 { throw .invalid("only one prompt per request is supported", param: "prompt") }
            throw .invalid("prompt must be a string or an array of token ids", param: "prompt")
        default:
            throw .invalid("prompt must be a string or an array of token ids", param: "prompt")
        }
    }

    private static func tokenIDs(_ list: [Any]) -> [Int32]? {
        var ids: [Int32] = []
        for x in list {
            guard let n = x as? NSNumber, !(x is String), let v = Int32(exactly: n.doubleValue) else { return nil }
            ids.append(v)
        }
        return ids
    }

    /// stop: null, a string, or an array of at most 16 strings.
    static func stops(_ value: Any?) throws(APIError) -> [String] {
        switch value {
        case nil, is NSNull: return []
        case let s as String: return s.isEmpty ? [] : [s]
        case let list as [Any]:
            guard list.count <= 16, let strings = list as? [String] else {
                throw .invalid("stop must be a string or an array of up to 16 strings", param: "stop")
            }
            return strings.filter { !$0.isEmpty }
        default:
            throw .invalid("stop must be a string or an array of up to 16 strings", param: "stop")
        }
    }
}

/// Typed, range-checked reads of optional JSON fields (null counts as absent).
private struct Fields {
    let o: [String: Any]
    init(_ o: [String: Any]) { self.o = o }

    private func value(_ key: String) -> Any? {
        guard let v = o[key], !(v is NSNull) else { return nil }
        return v
    }

    func string(_ key: String) throws(APIError) -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v as? String else { throw .invalid("\(key) must be a string", param: key) }
        return s
    }

    func bool(_ key: String) throws(APIError) -> Bool? {
        guard let v = value(key) else { return nil }
        guard let b = v as? Bool else { throw .invalid("\(key) must be true or false", param: key) }
        return b
    }

    func number(_ key: String, _ range: ClosedRange<Double>) throws(APIError) -> Double? {
        guard let v = value(key) else { return nil }
        guard let n = v as? NSNumber, range.contains(n.doubleValue) else {
            throw .invalid("\(key) must be a number in [\(Self.format(range.lowerBound)), \(Self.format(range.upperBound))]", param: key)
        }
        return n.doubleValue
    }

    func int(_ key: String, _ range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let v = value(key) else { return nil }
        guard let n = v as? NSNumber, n.doubleValue == n.doubleValue.rounded(), case let i = Int(n.int64Value), range.contains(i) else {
            throw .invalid("\(key) must be an integer in [\(range.lowerBound), \(range.upperBound)]", param: key)
        }
        return i
    }

    private static func format(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}
