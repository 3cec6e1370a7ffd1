// `r1ci serve`: an OpenAI-compatible HTTP API over one generation backend.
//   GET  /v1/models, /v1/models/{id}
//   POST /v1/chat/completions, /v1/completions  (stream: Server-Sent Events)
// Each connection has its own thread; the local engine runs one computation at
// a time (Engine.lock), so concurrent requests queue there. A client that hangs
// up stops its generation at the next token.

import Foundation
import R1Engine
import R1HTTP

public final class OpenAIServer: @unchecked Sendable {
    public let backend: any GenerationBackend
    public let host: String
    private let requestedPort: UInt16
    private let maxConnections: Int
    private let maxBodyBytes: Int
    private var http: HTTPServer?

    public init(backend: any GenerationBackend, host: String = "127.0.0.1", port: UInt16 = 8080,
                maxConnections: Int = 64, maxBodyBytes: Int = 8 << 20) {
        self.backend = backend
        self.host = host
        self.requestedPort = port
        self.maxConnections = maxConnections
        self.maxBodyBytes = maxBodyBytes
    }

    /// Binds and serves on background threads; `port` then holds the real port
    /// (port 0 picks a free one). Throws HTTPServerError when it cannot listen.
    public func start() throws {
        let server = HTTPServer(host: host, port: requestedPort, maxConnections: maxConnections, maxBodyBytes: maxBodyBytes,
                                errorResponse: APIError.httpError, handler: { [self] in handle($0) })
        try server.start()
        http = server
    }

    public func stop() { http?.stop() }
    public var port: UInt16 { http?.port ?? requestedPort }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let name = backend.modelName
        switch (request.method, request.path) {
        case ("GET", "/health"), ("GET", "/v1/health"):
            return .json(200, ["status": "ok"])
        case ("GET", "/v1/models"):
            return .json(200, ["object": "list", "data": [modelObject]])
        case ("GET", "/v1/models/" + name):
            return .json(200, modelObject)
        case ("POST", "/v1/chat/completions"):
            return complete(.chat, request)
        case ("POST", "/v1/completions"):
            return complete(.text, request)
        case (_, "/v1/chat/completions"), (_, "/v1/completions"), (_, "/v1/models"):
            return APIError(status: 405, message: "\(request.method) is not allowed on \(request.path)",
                            type: "invalid_request_error").response
        default:
            if request.method == "GET" && request.path.hasPrefix("/v1/models/") {
                return modelNotFound(String(request.path.dropFirst("/v1/models/".count))).response
            }
            return APIError(status: 404, message: "no route \(request.method) \(request.path)", type: "invalid_request_error").response
        }
    }

    private var modelObject: [String: Any] {
        ["id": backend.modelName, "object": "model", "created": 0, "owned_by": "r1ci"]
    }

    private func modelNotFound(_ model: String) -> APIError {
        APIError(status: 404, message: "model '\(model)' is not served here; this server serves '\(backend.modelName)'",
                 type: "invalid_request_error", param: "model", code: "model_not_found")
    }

    private func complete(_ kind: CompletionCall.Kind, _ http: HTTPRequest) -> HTTPResponse {
        do {
            let call = try CompletionCall(kind: kind, body: http.body)
            if let m = call.model, m != backend.modelName { throw modelNotFound(m) }
            try backend.check(call.request)
            let shapes = ReplyShapes(kind: kind, model: backend.modelName)
            if call.stream { return stream(call, shapes) }
            let results = call.n == 1
                ? [try backend.generate(call.request) { _ in !http.clientGone() }]
                : try backend.generateMany(call.request, count: call.n)
            return .json(200, shapes.reply(results))
        } catch {
            return Self.apiError(error).response
        }
    }

    static func apiError(_ error: Error) -> APIError {
        switch error {
        case let e as APIError: return e
        case BackendError.badRequest(let m): return .invalid(m)
        case BackendError.unavailable(let m): return APIError(status: 502, message: m, type: "upstream_error")
        default: return APIError(status: 500, message: "\(error)", type: "server_error")
        }
    }

    /// SSE: per choice a first chat chunk with the role, text chunks as tokens
    /// are released, a chunk with finish_reason; then the usage chunk if asked,
    /// then `data: [DONE]`. Choices stream one after another (choice i uses seed + i).
    private func stream(_ call: CompletionCall, _ shapes: ReplyShapes) -> HTTPResponse {
        let backend = self.backend
        return .streaming(contentType: "text/event-stream", headers: [("Cache-Control", "no-cache")]) { writer in
            func send(_ object: [String: Any]) -> Bool { writer.write(Self.event(object)) }
            var promptTokens = 0, completionTokens = 0
            for i in 0..<call.n {
                var request = call.request
                if let s = request.seed { request.seed = s &+ UInt64(i) }
                if call.kind == .chat {
                    guard send(shapes.chunk(index: i, text: "", logprobs: nil, role: true, usageField: call.includeUsage)) else { return }
                }
                var offset = 0   // characters of this choice's tokens so far (completions' text_offset)
                do {
                    let result = try backend.generate(request) { chunk in
                        if chunk.text.isEmpty && chunk.logprobs.isEmpty { return !writer.clientGone }
                        let ok = send(shapes.chunk(index: i, text: chunk.text, logprobs: request.logprobs ? chunk.logprobs : nil,
                                                   textOffset: offset, usageField: call.includeUsage))
                        offset += chunk.logprobs.reduce(0) { $0 + $1.token.text.unicodeScalars.count }
                        return ok
                    }
                    if result.finishReason == .cancelled { return }
                    promptTokens = result.promptTokens
                    completionTokens += result.completionTokens
                    guard send(shapes.chunk(index: i, text: "", logprobs: nil, finish: result.finishReason,
                                            usageField: call.includeUsage)) else { return }
                } catch {
                    _ = send(Self.apiError(error).object)
                    return
                }
            }
            if call.includeUsage { _ = send(shapes.usageChunk(prompt: promptTokens, completion: completionTokens)) }
            _ = writer.write(Array("data: [DONE]\n\n".utf8))
        }
    }

    static func event(_ object: [String: Any]) -> [UInt8] {
        let json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Array("data: ".utf8) + [UInt8](json) + Array("\n\n".utf8)
    }
}
