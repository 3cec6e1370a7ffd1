// RemoteBackend against the R1Serve server started in-process on a free port
// (real HTTP over loopback), on the tiny fixture model. The oracle for every
// remote answer is the same request run on the local engine directly: the
// HTTP, JSON and SSE layers must not change a token or a log-probability.

import Foundation
import Testing
import R1HTTP
@testable import R1Engine
@testable import R1Serve

enum ServeFixture {
    static let modelPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../R1EngineTests/Fixtures/tiny-llama.gguf").standardized.path
    static let local: LocalBackend = {
        LocalBackend(engine: try! Engine(path: modelPath, threads: 1), name: "tiny")
    }()
    static let server: OpenAIServer = {
        let s = OpenAIServer(backend: local, port: 0)
        try! s.start()
        return s
    }()
    static var baseURL: URL { URL(string: "http://127.0.0.1:\(server.port)/v1")! }
    static var remote: RemoteBackend { RemoteBackend(baseURL: baseURL, model: "tiny", apiKey: nil) }
}

@Suite struct RemoteBackendTests {
    let local = ServeFixture.local
    let remote = ServeFixture.remote

    static func request(_ prompt: BackendPrompt, maxTokens: Int = 20, temperature: Float = 0, seed: UInt64? = 1,
                        stop: [String] = [], logprobs: Bool = true) -> BackendRequest {
        var r = BackendRequest(prompt: prompt, maxTokens: maxTokens, temperature: temperature, seed: seed, stop: stop)
        r.logprobs = logprobs
        return r
    }

    func expectSame(_ a: BackendResult, _ b: BackendResult, _ note: String) {
        #expect(a.text == b.text, "\(note): text")
        #expect(a.finishReason == b.finishReason, "\(note): finish")
        #expect(a.promptTokens == b.promptTokens && a.completionTokens == b.completionTokens, "\(note): usage")
        let la = a.logprobs ?? [], lb = b.logprobs ?? []
        // Token texts, not bytes: the completions logprobs layout has no bytes field.
        #expect(la.map(\.token.text) == lb.map(\.token.text), "\(note): tokens")
        #expect(zip(la, lb).allSatisfy { abs($0.token.logprob - $1.token.logprob) < 1e-6 }, "\(note): logprobs")
    }

    @Test func chatAndCompletionMatchTheLocalEngine() throws {
        let prompts: [BackendPrompt] = [
            .chat([ChatMessage(role: "system", content: "Be brief."), ChatMessage(role: "user", content: "Hi there")]),
            .text("Once upon a time"),
            .tokens([72, 105, 32, 116]),
        ]
        for p in prompts {
            for (t, seed) in [(Float(0), UInt64(1)), (0.9, 7)] {
                let r = Self.request(p, temperature: t, seed: seed)
                let want = try local.generate(r)
                #expect(!want.text.isEmpty && (want.logprobs?.count ?? 0) > 0)
                expectSame(try remote.generate(r), want, "\(p) T=\(t) whole")
                var pieces: [String] = []
                var streamedLogprobs: [TokenLogprob] = []
                let streamed = try remote.generate(r) { chunk in
                    pieces.append(chunk.text); streamedLogprobs += chunk.logprobs; return true
                }
                expectSame(streamed, want, "\(p) T=\(t) streamed")
                #expect(pieces.joined() == want.text && pieces.filter { !$0.isEmpty }.count > 1)
                #expect(streamedLogprobs.map(\.token.text) == want.logprobs?.map(\.token.text))
                if case .chat = p { #expect(streamedLogprobs.map(\.token.bytes) == want.logprobs?.map(\.token.bytes)) }
            }
        }
    }

    @Test func stopStrings() throws {
        let base = try local.generate(Self.request(.text("Once upon a time"), maxTokens: 30))
        let chars = Array(base.text)
        try #require(chars.count >= 8)
        let stop = String(chars[4..<7])
        let cut = String(base.text[..<base.text.range(of: stop)!.lowerBound])
        for streaming in [false, true] {
            let r = Self.request(.text("Once upon a time"), maxTokens: 30, stop: [stop, "never-there"])
            var pieces: [String] = []
            let got = streaming ? try remote.generate(r) { pieces.append($0.text); return true } : try remote.generate(r)
            #expect(got.text == cut && got.finishReason == .stop, "streaming \(streaming)")
            if streaming { #expect(pieces.joined() == cut) }
        }
    }

    @Test func maxTokensEndsWithLengthAndCancelStops() throws {
        let r = Self.request(.text("Once upon a time"), maxTokens: 3)
        let got = try remote.generate(r)
        #expect(got.finishReason == .length && got.completionTokens == 3)
        var seen = 0
        let cancelled = try remote.generate(Self.request(.text("Once upon a time"), maxTokens: 40)) { chunk in
            seen += chunk.text.isEmpty ? 0 : 1
            return seen < 2
        }
        #expect(cancelled.finishReason == .cancelled)
        // The server is still there for the next request.
        #expect(try remote.generate(r).text == got.text)
    }

    @Test func concurrentRequestsQueueOnTheEngine() throws {
        let prompts = ["Once upon a time", "Hi", "The sea is", "abc def", "Zebra", "1 2 3"]
        let want = try prompts.map { try local.generate(Self.request(.text($0), maxTokens: 12)).text }
        let lock = NSLock()
        nonisolated(unsafe) var got = [String?](repeating: nil, count: prompts.count)
        let remote = self.remote
        DispatchQueue.concurrentPerform(iterations: prompts.count) { i in
            let r = Self.request(.text(prompts[i]), maxTokens: 12)
            let text = i % 2 == 0 ? (try? remote.generate(r).text) : (try? remote.generate(r) { _ in true }.text)
            lock.lock(); got[i] = text; lock.unlock()
        }
        #expect(got == want.map { Optional($0) })
    }

    @Test func severalChoicesMatchSeparateSeeds() throws {
        var r = Self.request(.text("Once upon a time"), maxTokens: 8, temperature: 1, seed: 11, logprobs: false)
        let many = try remote.generateMany(r, count: 3)
        for i in 0..<3 {
            r.seed = 11 + UInt64(i)
            #expect(many[i].text == (try local.generate(r)).text, "choice \(i)")
        }
    }

    @Test func closedPortIsAClearError() throws {
        // Bind a port, then close it: nothing listens there now.
        let probe = HTTPServer(port: 0) { _ in .json(200, [:]) }
        try probe.start()
        let port = probe.port
        probe.stop()
        let dead = RemoteBackend(baseURL: URL(string: "http://127.0.0.1:\(port)/v1")!, model: "x", apiKey: nil)
        for streaming in [false, true] {
            do {
                _ = streaming ? try dead.generate(Self.request(.text("x"))) { _ in true } : try dead.generate(Self.request(.text("x")))
                Issue.record("no error from a closed port")
            } catch let e as BackendError {
                guard case .unavailable(let m) = e else { Issue.record("\(e)"); continue }
                #expect(m.contains("cannot connect") && m.contains("127.0.0.1:\(port)"), "\(m)")
            }
        }
    }

    @Test func httpErrorBodiesBecomeMessages() throws {
        // A prompt longer than the context: the server's 400 message reaches the caller.
        let long = BackendPrompt.tokens([Int32](repeating: 72, count: local.contextLength + 5))
        for streaming in [false, true] {
            do {
                let r = Self.request(long)
                _ = streaming ? try remote.generate(r) { _ in true } : try remote.generate(r)
                Issue.record("no error for an over-long prompt")
            } catch let e as BackendError {
                guard case .badRequest(let m) = e else { Issue.record("\(e)"); continue }
                #expect(m.contains("HTTP 400") && m.contains("context"), "\(m)")
            }
        }
        let wrongModel = RemoteBackend(baseURL: ServeFixture.baseURL, model: "gpt-9", apiKey: nil)
        #expect(throws: BackendError.self) { try wrongModel.generate(Self.request(.text("x"))) }
        do { _ = try wrongModel.generate(Self.request(.text("x"))) } catch let e as BackendError {
            #expect(e.description.contains("HTTP 404") && e.description.contains("gpt-9"))
        }
    }

    @Test func malformedRepliesAreClearErrors() throws {
        let junk = HTTPServer(port: 0) { req in
            req.path.hasSuffix("/chat/completions")
                ? HTTPResponse(status: 200, body: Array("{not json".utf8))
                : .streaming(contentType: "text/event-stream") { w in _ = w.write(Array("data: {oops\n\n".utf8)) }
        }
        try junk.start()
        defer { junk.stop() }
        let backend = RemoteBackend(baseURL: URL(string: "http://127.0.0.1:\(junk.port)/v1")!, model: "x", apiKey: nil)
        for (prompt, streaming) in [(BackendPrompt.chat([ChatMessage(role: "user", content: "x")]), false), (.text("x"), true)] {
            do {
                _ = streaming ? try backend.generate(Self.request(prompt)) { _ in true } : try backend.generate(Self.request(prompt))
                Issue.record("no error for malformed JSON")
            } catch let e as BackendError {
                #expect(e.description.contains("malformed JSON"), "\(e)")
            }
        }
    }

    @Test func modelSpecs() throws {
        let b = try #require(try RemoteBackend(spec: "openai:http://127.0.0.1:8080/v1/#smollm2-135m"))
        #expect(b.baseURL.absoluteString == "http://127.0.0.1:8080/v1" && b.remoteModel == "smollm2-135m")
        #expect(try RemoteBackend(spec: "smollm2-135m") == nil)
        #expect(throws: BackendError.self) { try RemoteBackend(spec: "openai:http://127.0.0.1:8080/v1") }
        #expect(throws: BackendError.self) { try RemoteBackend(spec: "openai:ftp://host/v1#m") }
        #expect(RemoteBackend.environmentKey(["OPENAI_API_KEY": "a", "R1CI_API_KEY": "b"]) == "b")
        #expect(RemoteBackend.environmentKey(["OPENAI_API_KEY": "a"]) == "a")
    }
}
