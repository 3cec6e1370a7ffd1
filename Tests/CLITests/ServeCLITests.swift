// r1ci serve and r1ci generate --model openai:…, run as a user would, on the
// tiny fixture model: the remote path must print what the local path prints.

import Foundation
import Testing

@Suite struct ServeCLITests {
    let tiny = packageRoot.appendingPathComponent("Tests/R1EngineTests/Fixtures/tiny-llama.gguf").path

    /// Starts `r1ci serve` on a free port; returns the process and the URL it printed.
    func startServer(_ extra: [String] = []) throws -> (Process, String) {
        let process = Process()
        process.executableURL = packageRoot.appendingPathComponent(".build/debug/r1ci")
        process.arguments = ["serve", "--model", tiny, "--port", "0", "--threads", "1"] + extra
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let d = out.fileHandleForReading.availableData
            if d.isEmpty { break }
            line += d
        }
        let text = String(decoding: line, as: UTF8.self)
        let url = try #require(text.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(text.hasPrefix("r1ci serve: tiny-llama on http://127.0.0.1:") && url.hasSuffix("/v1"), "\(text)")
        return (process, url)
    }

    @Test func generateThroughServeEqualsLocal() throws {
        let (server, url) = try startServer()
        defer { server.terminate(); server.waitUntilExit() }
        for chat in [false, true] {
            let common = ["--prompt", "Hi", "--max-tokens", "6", "--temperature", "0.7", "--seed", "5", "--json"] + (chat ? ["--chat"] : [])
            let local = try r1ci(["generate", "--model", tiny] + common)
            let remote = try r1ci(["generate", "--model", "openai:\(url)#tiny-llama"] + common)
            #expect(local.status == 0 && remote.status == 0, "\(remote.stderr)")
            let l = try jsonObject(local.stdout.split(separator: "\n").first ?? "")
            let r = try jsonObject(remote.stdout.split(separator: "\n").first ?? "")
            #expect(r["text"] as? String == l["text"] as? String, "chat \(chat)")
            let lps = (r["logprobs"] as? [Double]) ?? []
            #expect(!lps.isEmpty && zip(lps, (l["logprobs"] as? [Double]) ?? []).allSatisfy { abs($0 - $1) < 1e-5 })
            // Streaming to stdout prints the same text.
            let streamed = try r1ci(["generate", "--model", "openai:\(url)#tiny-llama"] + common.dropLast(chat ? 2 : 1) + (chat ? ["--chat"] : []))
            #expect(streamed.status == 0 && streamed.stdout == (l["text"] as? String ?? "") + "\n")
        }
    }

    @Test func clearErrors() throws {
        let refused = try r1ci(["generate", "--model", "openai:http://127.0.0.1:1/v1#m", "--prompt", "x"])
        #expect(refused.status == 2 && refused.stderr.hasPrefix("r1ci: cannot connect to http://127.0.0.1:1"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        let noName = try r1ci(["generate", "--model", "openai:http://127.0.0.1:1/v1", "--prompt", "x"])
        #expect(noName.status == 2 && noName.stderr.contains("needs a model name"))
        let badPort = try r1ci(["serve", "--model", tiny, "--port", "70000"])
        #expect(badPort.status == 2 && badPort.stderr.split(separator: "\n").count == 1)
        let badHost = try r1ci(["serve", "--model", tiny, "--host", "not-an-ip", "--port", "0"])
        #expect(badHost.status == 2 && badHost.stderr.contains("not-an-ip"))
        let noModel = try r1ci(["serve", "--model", "/nonexistent/m.gguf"])
        #expect(noModel.status == 2 && noModel.stderr.contains("neither a known name"))
    }
}
