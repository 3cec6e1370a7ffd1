// Any OpenAI-compatible server (vLLM, SGLang, llama.cpp's server, Ollama,
// `r1ci serve`) as a generation backend: chat → POST {base}/chat/completions,
// text or token prompts → POST {base}/completions. Streaming reads Server-Sent
// Events; stop strings are sent to the server and enforced again here; the API
// key comes from R1CI_API_KEY or OPENAI_API_KEY.
//
// Transport: FoundationNetworking's URLSession (libcurl underneath) with a data
// delegate. It speaks https, and on Linux its delegate receives each SSE event
// as the server flushes it: measured with `r1ci generate --model openai:…`
// against `r1ci serve` (64 greedy tokens, 2 threads, shared machine), the text
// reached stdout in 65 separate reads, the first after 0.25–0.45 s of a 1.9–7.5 s
// run. So raw sockets are not needed.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

public final class RemoteBackend: GenerationBackend, @unchecked Sendable {
    /// The API root, e.g. http://127.0.0.1:8080/v1 (no trailing slash).
    public let baseURL: URL
    /// The model id sent to the server.
    public let remoteModel: String
    /// The name callers see (the remote id unless renamed).
    public let modelName: String
    public let apiKey: String?
    /// Seconds without any byte from the server before a request fails.
    public var idleTimeout: TimeInterval = 600

    public init(baseURL: URL, model: String, apiKey: String? = RemoteBackend.environmentKey(), servedName: String? = nil) {
        var s = baseURL.absoluteString
        while s.hasSuffix("/") { s.removeLast() }
        self.baseURL = URL(string: s) ?? baseURL
        self.remoteModel = model
        self.modelName = servedName ?? model
        self.apiKey = apiKey
    }

    /// `openai:URL#NAME` → a backend; nil when the spec does not start with `openai:`.
    public convenience init?(spec: String) throws {
        guard spec.hasPrefix("openai:") else { return nil }
        let rest = spec.dropFirst("openai:".count)
        guard let hash = rest.lastIndex(of: "#"), !rest[rest.index(after: hash)...].isEmpty else {
            throw BackendError.badRequest("remote model '\(spec)' needs a model name after '#', e.g. openai:http://127.0.0.1:8080/v1#smollm2-135m")
        }
        let urlText = String(rest[..<hash])
        guard let url = URL(string: urlText), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil else {
            throw BackendError.badRequest("remote model '\(spec)': '\(urlText)' is not an http(s) URL")
        }
        self.init(baseURL: url, model: String(rest[rest.index(after: hash)...]))
    }

    public static func environmentKey(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for name in ["R1CI_API_KEY", "OPENAI_API_KEY"] { if let k = env[name], !k.isEmpty { return k } }
        return nil
    }

    // MARK: generate

    public func generate(_ request: BackendRequest, onChunk: ((BackendChunk) -> Bool)?) throws -> BackendResult {
        let chat: Bool
        if case .chat = request.prompt { chat = true } else { chat = false }
        let url = baseURL.appendingPathComponent(chat ? "chat/completions" : "completions")
        let body = requestBody(request, stream: onChunk != nil)
        var reply = ReplyAccumulator(chat: chat, stops: request.stop, wantLogprobs: request.logprobs)
        var parser = SSEParser()
        var failure: Error?

        let transfer = try HTTPTransfer.post(url, json: body, stream: onChunk != nil, apiKey: apiKey,
                                             idleTimeout: idleTimeout) { bytes in
            guard let onChunk else { return true }
            for event in parser.feed(bytes) {
                do {
                    guard let chunk = try reply.streamEvent(event.data, url: url) else { continue }
                    if !onChunk(chunk) { reply.cancelled = true; return false }
                } catch {
                    failure = error
                    return false
                }
                if reply.done { return true }
            }
            return true
        }
        if let failure { throw failure }
        if onChunk == nil {
            try reply.wholeReply(transfer.body, url: url)
        } else if let tail = reply.finishStream() {
            _ = onChunk?(tail)
        }
        return reply.result
    }

    func requestBody(_ r: BackendRequest, stream: Bool) -> [String: Any] {
        var o: [String: Any] = ["model": remoteModel, "temperature": Double(r.temperature)]
        if let m = r.maxTokens { o["max_tokens"] = m }
        switch r.prompt {
        case .chat(let messages): o["messages"] = messages.map { ["role": $0.role, "content": $0.content] }
        case .text(let text): o["prompt"] = text
        case .tokens(let ids): o["prompt"] = ids.map(Int.init)
        }
        if r.topP < 1 { o["top_p"] = Double(r.topP) }
        if r.topK > 0 { o["top_k"] = r.topK }
        if r.minP > 0 { o["min_p"] = Double(r.minP) }
        if let s = r.seed { o["seed"] = Int64(bitPattern: s) }
        if !r.stop.isEmpty { o["stop"] = r.stop }
        if r.logprobs {
            if case .chat = r.prompt {
                o["logprobs"] = true
                if r.topLogprobs > 0 { o["top_logprobs"] = r.topLogprobs }
            } else {
                o["logprobs"] = r.topLogprobs
            }
        }
        if stream {
            o["stream"] = true
            o["stream_options"] = ["include_usage": true]
        }
        return o
    }
}

/// Builds a BackendResult from a whole JSON reply or from stream chunks.
struct ReplyAccumulator {
    let chat: Bool
    let wantLogprobs: Bool
    var filter: StopFilter
    var result = BackendResult()
    var logprobs: [TokenLogprob] = []
    var sawUsage = false
    var chunks = 0
    var cancelled = false
    var done = false

    init(chat: Bool, stops: [String], wantLogprobs: Bool) {
        self.chat = chat
        self.wantLogprobs = wantLogprobs
        filter = StopFilter(stops: stops)
    }

    static func parse(_ bytes: [UInt8], url: URL) throws -> [String: Any] {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            let sample = String(decoding: bytes.prefix(200), as: UTF8.self)
            throw BackendError.unavailable("malformed JSON from \(url.absoluteString): \(sample)")
        }
        if let err = obj["error"] {
            throw BackendError.unavailable("\(url.absoluteString) reported an error: \(HTTPTransfer.errorMessage(err))")
        }
        return obj
    }

    /// A non-streamed reply.
    mutating func wholeReply(_ body: [UInt8], url: URL) throws {
        let obj = try Self.parse(body, url: url)
        guard let choice = (obj["choices"] as? [[String: Any]])?.first else {
            throw BackendError.unavailable("reply from \(url.absoluteString) has no choices")
        }
        let text = chat ? ((choice["message"] as? [String: Any])?["content"] as? String ?? "") : (choice["text"] as? String ?? "")
        result.text = filter.push(text) + filter.finish()
        takeChoiceDetails(choice)
        takeUsage(obj)
        finalize()
    }

    /// One `data:` payload of a stream; returns the chunk to hand on, if any.
    mutating func streamEvent(_ data: String, url: URL) throws -> BackendChunk? {
        if data == "[DONE]" { done = true; return nil }
        let obj = try Self.parse(Array(data.utf8), url: url)
        takeUsage(obj)
        guard let choice = (obj["choices"] as? [[String: Any]])?.first else { return nil }
        let piece = chat ? ((choice["delta"] as? [String: Any])?["content"] as? String ?? "") : (choice["text"] as? String ?? "")
        let before = logprobs.count
        takeChoiceDetails(choice)
        chunks += 1
        let released = filter.push(piece)
        result.text += released
        return BackendChunk(text: released, logprobs: Array(logprobs[before...]))
    }

    /// After the stream ends: sets the totals; returns the held-back tail to
    /// pass on, if any (none after a stop string or a cancel).
    mutating func finishStream() -> BackendChunk? {
        let tail = cancelled ? "" : filter.finish()
        result.text += tail
        finalize()
        return tail.isEmpty ? nil : BackendChunk(text: tail)
    }

    private mutating func takeChoiceDetails(_ choice: [String: Any]) {
        if let f = choice["finish_reason"] as? String { result.finishReason = f == "length" ? .length : .stop }
        if wantLogprobs, let lp = choice["logprobs"] as? [String: Any] { logprobs += Self.logprobEntries(lp) }
    }

    private mutating func takeUsage(_ obj: [String: Any]) {
        guard let u = obj["usage"] as? [String: Any] else { return }
        sawUsage = true
        result.promptTokens = (u["prompt_tokens"] as? NSNumber)?.intValue ?? 0
        result.completionTokens = (u["completion_tokens"] as? NSNumber)?.intValue ?? 0
    }

    private mutating func finalize() {
        if filter.stopped { result.finishReason = .stop }
        if cancelled { result.finishReason = .cancelled }
        if wantLogprobs && !logprobs.isEmpty { result.logprobs = logprobs }
        if !sawUsage { result.completionTokens = max(logprobs.count, chunks) }
    }

    /// Chat shape: {"content": [{"token", "logprob", "bytes", "top_logprobs": [...]}]};
    /// completions shape: {"tokens", "token_logprobs", "top_logprobs": [{token: logprob}]}.
    static func logprobEntries(_ lp: [String: Any]) -> [TokenLogprob] {
        func text(_ o: [String: Any]) -> TokenText? {
            guard let t = o["token"] as? String, let l = (o["logprob"] as? NSNumber)?.floatValue else { return nil }
            let bytes = (o["bytes"] as? [NSNumber])?.map { UInt8(truncatingIfNeeded: $0.intValue) } ?? Array(t.utf8)
            return TokenText(text: t, bytes: bytes, logprob: l)
        }
        if let content = lp["content"] as? [[String: Any]] {
            return content.compactMap { c in
                text(c).map { TokenLogprob(token: $0, top: (c["top_logprobs"] as? [[String: Any]] ?? []).compactMap(text)) }
            }
        }
        guard let tokens = lp["tokens"] as? [String], let lps = lp["token_logprobs"] as? [Any] else { return [] }
        let tops = lp["top_logprobs"] as? [Any] ?? []
        return tokens.indices.map { i in
            let l = (i < lps.count ? lps[i] as? NSNumber : nil)?.floatValue ?? 0
            let alternatives = ((i < tops.count ? tops[i] as? [String: NSNumber] : nil) ?? [:])
                .map { TokenText(text: $0.key, bytes: Array($0.key.utf8), logprob: $0.value.floatValue) }
                .sorted { $0.logprob > $1.logprob }
            return TokenLogprob(token: TokenText(text: tokens[i], bytes: Array(tokens[i].utf8), logprob: l), top: alternatives)
        }
    }
}
