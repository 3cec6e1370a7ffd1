// The OpenAI server's routes and error shapes, and the HTTP layer's streaming:
// chunked and close-delimited bodies as a plain socket client sees them, and a
// streaming handler noticing that its client has gone.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import R1HTTP
@testable import R1Serve

/// Sends raw bytes to 127.0.0.1:port and reads until the server closes.
func rawExchange(_ port: UInt16, _ request: String, readLimit: Int = 1 << 20) -> String {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = port.bigEndian
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let ok = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard ok == 0 else { return "" }
    let bytes = Array(request.utf8)
    _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 4096)
    while out.count < readLimit {
        let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        out += buf[..<n]
    }
    return String(decoding: out, as: UTF8.self)
}

@Suite struct ServerTests {
    static func call(_ method: String, _ path: String, _ body: Any? = nil) throws -> (Int, [String: Any]) {
        var req = URLRequest(url: URL(string: "http://127.0.0.1:\(ServeFixture.server.port)\(path)")!)
        req.httpMethod = method
        if let raw = body as? String { req.httpBody = Data(raw.utf8) }
        else if let body { req.httpBody = try JSONSerialization.data(withJSONObject: body) }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, [String: Any]) = (0, [:])
        URLSession.shared.dataTask(with: req) { data, response, _ in
            result = ((response as? HTTPURLResponse)?.statusCode ?? -1,
                      data.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:])
            done.signal()
        }.resume()
        done.wait()
        return result
    }

    static func errorOf(_ o: [String: Any]) -> [String: Any] { o["error"] as? [String: Any] ?? [:] }

    @Test func routesAndErrorShapes() throws {
        let (s1, models) = try Self.call("GET", "/v1/models")
        #expect(s1 == 200 && ((models["data"] as? [[String: Any]])?.first?["id"] as? String) == "tiny")
        let (s2, notFound) = try Self.call("GET", "/v1/nothing")
        #expect(s2 == 404 && Self.errorOf(notFound)["type"] as? String == "invalid_request_error")
        let (s3, _) = try Self.call("GET", "/v1/chat/completions")
        #expect(s3 == 405)
        let (s4, bad) = try Self.call("POST", "/v1/completions", ["prompt": "x", "temperature": 7])
        #expect(s4 == 400 && Self.errorOf(bad)["param"] as? String == "temperature")
        let e = Self.errorOf(bad)
        #expect(e.keys.sorted() == ["code", "message", "param", "type"])
        let (s5, noMessages) = try Self.call("POST", "/v1/chat/completions", ["messages": [Any]()])
        #expect(s5 == 400 && Self.errorOf(noMessages)["param"] as? String == "messages")
        let (s6, notJSON) = try Self.call("POST", "/v1/completions", "\"just a string\"")
        #expect(s6 == 400 && (Self.errorOf(notJSON)["message"] as? String)?.contains("JSON object") == true)
        let (s7, wrongModel) = try Self.call("POST", "/v1/completions", ["model": "other", "prompt": "x"])
        #expect(s7 == 404 && Self.errorOf(wrongModel)["code"] as? String == "model_not_found")
        let (s8, topWithout) = try Self.call("POST", "/v1/chat/completions",
                                             ["messages": [["role": "user", "content": "x"]], "top_logprobs": 2])
        #expect(s8 == 400 && Self.errorOf(topWithout)["param"] as? String == "top_logprobs")
    }

    @Test func bodyTooLargeIsA413InOpenAIShape() throws {
        let small = OpenAIServer(backend: ServeFixture.local, port: 0, maxBodyBytes: 1024)
        try small.start()
        defer { small.stop() }
        let body = "{\"prompt\": \"" + String(repeating: "x", count: 4000) + "\"}"
        let reply = rawExchange(small.port, "POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
        #expect(reply.hasPrefix("HTTP/1.1 413"))
        #expect(reply.contains("\"error\"") && reply.contains("\"invalid_request_error\""))
    }

    @Test func streamsAreChunkedForHTTP11AndCloseDelimitedForHTTP10() throws {
        let body = "{\"prompt\": \"Once upon\", \"max_tokens\": 4, \"temperature\": 0, \"stream\": true}"
        let head = "POST /v1/completions HTTP/1.%d\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        let v11 = rawExchange(ServeFixture.server.port, String(format: head, 1) + body)
        #expect(v11.contains("Transfer-Encoding: chunked") && v11.contains("text/event-stream"))
        #expect(v11.hasSuffix("0\r\n\r\n") && v11.contains("data: [DONE]\n\n"))
        let v10 = rawExchange(ServeFixture.server.port, String(format: head, 0) + body)
        #expect(!v10.contains("Transfer-Encoding") && v10.hasSuffix("data: [DONE]\n\n"))
        // The same events either way (ids and timestamps aside).
        func texts(_ s: String) -> [String] {
            s.components(separatedBy: "\n\n").compactMap { e in
                guard let r = e.range(of: "data: {") else { return nil }
                let json = try? JSONSerialization.jsonObject(with: Data(e[e.index(r.upperBound, offsetBy: -1)...].utf8)) as? [String: Any]
                return ((json?["choices"] as? [[String: Any]])?.first?["text"] as? String)
            }
        }
        #expect(texts(v11) == texts(v10) && texts(v11).count >= 2)
    }

    @Test func aStreamingHandlerNoticesTheClientLeaving() throws {
        let ended = DispatchSemaphore(value: 0)
        let server = HTTPServer(port: 0) { _ in
            .streaming(contentType: "text/plain") { w in
                var n = 0
                while w.write(Array("tick \(n)\n".utf8)) && !w.clientGone { n += 1; usleep(1000) }
                ended.signal()
            }
        }
        try server.start()
        defer { server.stop() }
        let got = rawExchange(server.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", readLimit: 200)
        #expect(got.contains("tick 0"))
        // rawExchange closed the socket after 200 bytes; the writer must see it.
        #expect(ended.wait(timeout: .now() + 30) == .success)
    }
}
