// r1ci train sft: bad input is one line on stderr, exit status 2, and no checkpoint folder.

import Foundation
import Testing

@Suite struct TrainCLITests {
    /// Runs `r1ci train sft` with `extra` on a data file holding `lines`; returns the run and
    /// whether the output folder exists afterwards.
    func sft(_ lines: [String], _ extra: [String]) throws -> (Run, Bool) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: data, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("ckpt")
        let run = try r1ci(["train", "sft", "--data", data.path, "--steps", "1", "--out", out.path] + extra)
        return (run, FileManager.default.fileExists(atPath: out.path))
    }

    let good = #"{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}"#

    @Test(arguments: [
        (["--lora-rank", "0"], "--lora-rank"),
        (["--lora-rank", "4", "--lora-targets", "q,mlp"], "mlp"),
        (["--lora-alpha", "8"], "--lora-rank"),
        (["--steps", "0"], "--steps"),
    ])
    func badOptionsExitTwo(extra: [String], named: String) throws {
        let (run, wrote) = try sft([good], extra)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("r1ci: ") && run.stderr.contains(named), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!wrote)
    }

    @Test func badDataNamesTheLineAndWritesNothing() throws {
        let (noModel, wrote1) = try sft([#"{"messages": [{"role": "user", "content": "hi"}]}"#], [])
        #expect(noModel.status == 2 && noModel.stderr.contains("data.jsonl:1"), "\(noModel.stderr)")
        #expect(!wrote1)
        let (notJSON, wrote2) = try sft([good, "not json"], [])
        #expect(notJSON.status == 2 && notJSON.stderr.contains("data.jsonl:2"), "\(notJSON.stderr)")
        #expect(!wrote2)
    }
}
