// One generate interface over every place text can come from: the local
// engine (LocalBackend) or any OpenAI-compatible server (RemoteBackend). A
// request is a chat or a plain prompt plus sampling settings; the answer is the
// text, why it ended, token counts and, when asked, per-token log-probabilities.
// Calls block; a streaming callback sees the text as it is released and can
// cancel by returning false.

import Foundation

public enum BackendPrompt: Sendable, Equatable {
    case chat([ChatMessage])
    case text(String)
    case tokens([Int32])
}

public struct BackendRequest: Sendable {
    public var prompt: BackendPrompt
    /// nil: as many as the backend allows (the local engine: until the context is full).
    public var maxTokens: Int?
    public var temperature: Float = 0
    public var topP: Float = 1
    public var topK = 0            // 0 = off; not every server honours it
    public var minP: Float = 0     // 0 = off; not every server honours it
    public var seed: UInt64?
    public var stop: [String] = []
    /// Report the log-probability of each generated token.
    public var logprobs = false
    /// With `logprobs`, also this many alternatives per position.
    public var topLogprobs = 0

    public init(prompt: BackendPrompt, maxTokens: Int? = 256, temperature: Float = 0, seed: UInt64? = nil, stop: [String] = []) {
        self.prompt = prompt; self.maxTokens = maxTokens; self.temperature = temperature; self.seed = seed; self.stop = stop
    }
}

/// A token as text and raw bytes (a token may hold part of a UTF-8 character,
/// so `text` can contain U+FFFD where `bytes` are exact).
public struct TokenText: Sendable, Equatable {
    public var text: String
    public var bytes: [UInt8]
    public var logprob: Float
    public init(text: String, bytes: [UInt8], logprob: Float) { self.text = text; self.bytes = bytes; self.logprob = logprob }
}

public struct TokenLogprob: Sendable, Equatable {
    public var token: TokenText
    public var top: [TokenText]
    public init(token: TokenText, top: [TokenText] = []) { self.token = token; self.top = top }
}

/// What the streaming callback receives: newly released text and the tokens
/// generated since the last chunk (logprobs only when requested).
public struct BackendChunk: Sendable {
    public var text: String
    public var logprobs: [TokenLogprob]
    public init(text: String, logprobs: [TokenLogprob] = []) { self.text = text; self.logprobs = logprobs }
}

public enum BackendFinish: String, Sendable {
    case stop        // end of generation or a stop string
    case length      // max tokens or the context filled up
    case cancelled   // the callback returned false
}

public struct BackendResult: Sendable {
    public var text = ""
    public var finishReason = BackendFinish.stop
    public var promptTokens = 0
    public var completionTokens = 0
    /// One entry per generated token when the request asked for logprobs and the backend gives them.
    public var logprobs: [TokenLogprob]?
    public init() {}
}

/// Errors a backend reports. `badRequest` is the caller's fault (a prompt too
/// long, a bad parameter); `unavailable` means the backend could not be reached
/// or answered with something that is not a valid reply.
public enum BackendError: Error, CustomStringConvertible, Equatable {
    case badRequest(String)
    case unavailable(String)

    public var description: String {
        switch self {
        case .badRequest(let m), .unavailable(let m): m
        }
    }
}

public protocol GenerationBackend: AnyObject, Sendable {
    /// The model's name as clients should see it.
    var modelName: String { get }
    func generate(_ request: BackendRequest, onChunk: ((BackendChunk) -> Bool)?) throws -> BackendResult
    /// n samples of one request without streaming (sample i with seed + i).
    func generateMany(_ request: BackendRequest, count: Int) throws -> [BackendResult]
    /// Throws BackendError.badRequest for a request that cannot run (a prompt
    /// longer than the context), before any work starts. Remote backends cannot
    /// tell in advance and accept everything here.
    func check(_ request: BackendRequest) throws
}

extension GenerationBackend {
    public func generate(_ request: BackendRequest) throws -> BackendResult { try generate(request, onChunk: nil) }
    public func check(_ request: BackendRequest) throws {}

    /// n samples of one request, one after another, sample i with seed + i.
    public func generateMany(_ request: BackendRequest, count: Int) throws -> [BackendResult] {
        try (0..<count).map { i in
            var r = request
            if let s = r.seed { r.seed = s &+ UInt64(i) }
            return try generate(r, onChunk: nil)
        }
    }
}

/// Opens the backend a model argument names: `openai:URL#NAME` is a remote
/// server, anything else a local model (known name or GGUF path).
/// `name` overrides the model name clients see (the remote model is still asked for by its own).
public func openBackend(model: String, threads: Int = Engine.defaultThreads, name: String? = nil) throws -> any GenerationBackend {
    if let remote = try RemoteBackend(spec: model) {
        return name.map { RemoteBackend(baseURL: remote.baseURL, model: remote.remoteModel, apiKey: remote.apiKey, servedName: $0) } ?? remote
    }
    let path = try ModelCatalog.resolve(model)
    let shown = name ?? (ModelCatalog.known.contains { $0.name == model.lowercased() }
        ? model.lowercased() : URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
    return LocalBackend(engine: try Engine(path: path, threads: threads), name: shown)
}
