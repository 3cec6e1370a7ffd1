// `r1ci synth` and `r1ci eval --model openai:…` run as a user runs them: a
// synthesis set is stored and exported, export gives the same file again,
// `r1ci train sft` reads it, bad input gives one line, exit 2 and no file; an
// evaluation through our own `r1ci serve` (a real HTTP server on a free port)
// stores the same traces the embedded engine gives at temperature 0.

import Foundation
import Testing
import R1Agent
import R1Store

@Suite(.serialized, .enabled(if: Shared.engine != nil, "SmolLM2-135M is not installed"))
struct SynthCLITests {
    let oracleRun = ["synth", "--source", "oracle", "--tasks", "chain_sum,navigate", "--count", "2", "--seed", "40"]

    @Test func synthStoresExportsAndTrainSFTReadsIt() throws {
        let dir = temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("sft.jsonl").path
        let run = try r1ci(oracleRun + ["--out", out, "--workspace", dir.path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let counts = try #require(report["counts"] as? [String: Any])
        #expect(counts["kept"] as? Int == 4 && counts["attempted"] as? Int == 4)
        let set = try #require(report["set"] as? Int)

        let ws = try Workspace(directory: dir)
        #expect(try ws.synthSets().map(\.traces) == [4])
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        for line in lines {
            let obj = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let roles = (obj["messages"] as? [[String: Any]] ?? []).compactMap { $0["role"] as? String }
            #expect(roles.prefix(3) == ["system", "user", "assistant"] && roles.last == "assistant")
        }

        let again = dir.appendingPathComponent("again.jsonl").path
        let export = try r1ci(["synth", "export", "\(set)", "--out", again, "--workspace", dir.path])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: out))

        let checkpoint = dir.appendingPathComponent("ckpt").path
        // The file is what is under test here (the masks are checked token for token in SynthTests):
        // the tiny fixture model reads it as well as SmolLM2 does, in a fraction of the time.
        let tiny = packageRoot.appendingPathComponent("Tests/R1EngineTests/Fixtures/tiny-llama.gguf").path
        let train = try r1ci(["train", "sft", "--model", tiny, "--data", out, "--steps", "1", "--seq", "4096",
                              "--eval-fraction", "0", "--threads", "2", "--out", checkpoint, "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        let start = try #require(train.stdout.split(separator: "\n").first)
        let event = try #require(JSONSerialization.jsonObject(with: Data(start.utf8)) as? [String: Any])
        #expect(event["train"] as? Int == 4 && event["truncated"] as? Int == 0 && (event["model_tokens"] as? Int ?? 0) > 0)
        #expect(FileManager.default.fileExists(atPath: checkpoint + "/model.safetensors"))
    }

    @Test func badInputIsOneLineExitTwoAndNoFile() throws {
        let dir = temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("never.jsonl").path
        let cases: [([String], String)] = [
            (["synth", "--source", "oracle", "--tasks", "no_such_task", "--out", out], "unknown task 'no_such_task'"),
            (["synth", "--source", "oracle", "--tasks", "chain_sum", "--out", "/nonexistent-dir/x.jsonl"], "cannot write /nonexistent-dir/x.jsonl"),
            (["synth", "--source", "teacher", "--model", "/nonexistent/m.gguf", "--tasks", "chain_sum", "--out", out], "/nonexistent/m.gguf"),
            (["synth", "--source", "teacher", "--model", "openai:http://127.0.0.1:1/v1", "--tasks", "chain_sum"], "needs a model name"),
            (["synth", "--source", "oracle", "--tasks", "chain_sum", "--level", "99", "--out", out], "out of range"),
            (["synth", "--source", "nothing"], "--source must be oracle or teacher"),
            (["synth", "export", "7", "--out", out], "no synthesis set 7"),
            (["eval", "--model", "openai:http://127.0.0.1:1/v1#x", "--tasks", "lcm", "--tokenizer", "/nonexistent/t.gguf"], "needs its tokenizer"),
        ]
        for (arguments, message) in cases {
            let run = try r1ci(arguments + ["--workspace", dir.path])
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.hasPrefix("r1ci: ") && run.stderr.contains(message) && run.stderr.split(separator: "\n").count == 1,
                    "\(arguments): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        #expect(try Workspace(directory: dir).synthSets().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func evalThroughServeMatchesTheEmbeddedEngine() throws {
        let dir = temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (server, out, _) = try launch(["serve", "--model", "smollm2-135m", "--port", "0", "--threads", "1"])
        defer { server.terminate(); server.waitUntilExit() }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let d = out.fileHandleForReading.availableData
            if d.isEmpty { break }
            line += d
        }
        let url = try #require(String(decoding: line, as: UTF8.self).split(separator: " ").last?
            .trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/v1"))

        let remote = try r1ci(smallEval + ["--model", "openai:\(url)#smollm2-135m", "--count", "1", "--workspace", dir.path, "--json"])
        #expect(remote.status == 0, "\(remote.stderr)")
        let local = try r1ci(smallEval + ["--count", "1", "--workspace", dir.path, "--json"])
        #expect(local.status == 0, "\(local.stderr)")
        let ws = try Workspace(directory: dir)
        let evaluations = try ws.evaluations()
        #expect(evaluations.count == 2 && evaluations.allSatisfy { $0.state == "finished" })
        #expect(evaluations[0].configJSON.contains("openai:http:"))
        let traces = try evaluations.map { e in try ws.evaluationItems(e.id).compactMap { try $0.traceID.flatMap { try ws.loadTrace(id: $0) } } }
        #expect(traces[0].count == 2 && traces[1].count == 2)
        for (r, l) in zip(traces[0], traces[1]) {
            #expect(r.item == l.item && r.end == l.end && r.answer == l.answer)
            #expect(r.segments.map(\.text) == l.segments.map(\.text))
            #expect(r.segments.map(\.kind) == l.segments.map(\.kind))
        }
    }
}
