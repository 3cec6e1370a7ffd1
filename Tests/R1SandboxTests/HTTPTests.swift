// The SandboxFusion-compatible service, driven by a real HTTP client (URLSession).

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import R1HTTP
@testable import R1Sandbox

@Suite(.serialized, .enabled(if: Shared.hostSupported)) struct HTTPTests {
    static func post(_ port: UInt16, _ path: String, _ body: Data, method: String = "POST") async throws -> (Int, [String: Any], Data) {
        var req = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        req.httpMethod = method
        if method == "POST" {
            req.httpBody = body
            req.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        req.timeoutInterval = 30
        let (data, response) = try await URLSession.shared.data(for: req)
        let status = (response as? HTTPURLResponse)?.statusCode ?? -1
        let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (status, obj, data)
    }

    static func json(_ o: [String: Any]) -> Data { try! JSONSerialization.data(withJSONObject: o) }

    @Test func runCodeLikeSandboxFusion() async throws {
        let server = HTTPServer(port: 0, handler: SandboxFusionAPI.handler(sandbox: Shared.sandbox))
        try server.start()
        defer { server.stop() }
        let port = server.port

        let (s1, ok, _) = try await Self.post(port, "/run_code", Self.json(["code": "print(input()[::-1])", "language": "python",
                                                                           "stdin": "abc", "run_timeout": 5]))
        #expect(s1 == 200)
        #expect(ok["status"] as? String == "Success")
        let run = ok["run_result"] as? [String: Any]
        #expect(run?["status"] as? String == "Finished")
        #expect(run?["stdout"] as? String == "cba\n")
        #expect((run?["return_code"] as? NSNumber)?.intValue == 0)
        #expect((ok["r1ci"] as? [String: Any])?["status"] as? String == "ok")

        let (_, failed, _) = try await Self.post(port, "/run_code", Self.json(["code": "1/0", "language": "python"]))
        #expect(failed["status"] as? String == "Failed")
        #expect(((failed["run_result"] as? [String: Any])?["stderr"] as? String)?.contains("ZeroDivisionError") == true)

        let (_, tle, _) = try await Self.post(port, "/run_code", Self.json(["code": "while True: pass", "language": "python",
                                                                          "run_timeout": 0.3]))
        #expect(tle["status"] as? String == "Failed")
        #expect((tle["run_result"] as? [String: Any])?["status"] as? String == "TimeLimitExceeded")

        let (s4, _, _) = try await Self.post(port, "/run_code", Data("{not json".utf8))
        #expect(s4 == 422)
        let (s5, _, _) = try await Self.post(port, "/run_code", Self.json(["code": "x", "language": "cpp"]))
        #expect(s5 == 422)
        let (s6, _, pong) = try await Self.post(port, "/v1/ping", Data(), method: "GET")
        #expect(s6 == 200 && String(decoding: pong, as: UTF8.self) == "pong")
        let (s7, _, _) = try await Self.post(port, "/nope", Data(), method: "GET")
        #expect(s7 == 404)
    }

    @Test func parallelRequestsAndLimits() async throws {
        let server = HTTPServer(port: 0, maxBodyBytes: 64 << 10, handler: SandboxFusionAPI.handler(sandbox: Shared.sandbox))
        try server.start()
        defer { server.stop() }
        let port = server.port
        let outputs = try await withThrowingTaskGroup(of: String?.self) { group in
            for i in 0..<16 {
                group.addTask {
                    let (_, o, _) = try await Self.post(port, "/run_code", Self.json(["code": "print(\(i)**2)", "language": "python"]))
                    return (o["run_result"] as? [String: Any])?["stdout"] as? String
                }
            }
            var all: [String] = []
            for try await o in group { all.append(o ?? "nil") }
            return all
        }
        #expect(Set(outputs) == Set((0..<16).map { "\($0 * $0)\n" }))
        let huge = Self.json(["code": "#" + String(repeating: "x", count: 100 << 10), "language": "python"])
        let (s, _, _) = try await Self.post(port, "/run_code", huge)
        #expect(s == 413)
        // and the server still answers afterwards
        let (s2, again, _) = try await Self.post(port, "/run_code", Self.json(["code": "print('still here')", "language": "python"]))
        #expect(s2 == 200 && (again["run_result"] as? [String: Any])?["stdout"] as? String == "still here\n")
    }
}
