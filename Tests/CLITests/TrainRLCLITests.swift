// r1ci train grpo / ppo: impossible values are one line on stderr, exit status 2,
// and no checkpoint folder.

import Foundation
import Testing

@Suite struct TrainRLCLITests {
    /// Runs `r1ci train <method> --steps 1 --out DIR` plus `extra`; returns the run and whether DIR exists.
    func rl(_ method: String, _ extra: [String]) throws -> (Run, Bool) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-rl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ckpt")
        let run = try r1ci(["train", method, "--tasks", "lcm", "--out", out.path] + (extra.contains("--steps") ? [] : ["--steps", "1"]) + extra)
        return (run, FileManager.default.fileExists(atPath: out.path))
    }

    @Test(arguments: [
        ("grpo", ["--steps", "0"], "--steps"),
        ("grpo", ["--group-size", "0"], "--group-size"),
        ("grpo", ["--clip-low", "1.5"], "--clip-low"),
        ("grpo", ["--clip-high", "-0.1"], "--clip-high"),
        ("grpo", ["--kl-coef", "nan"], "--kl-coef"),
        ("grpo", ["--loss-agg", "sum"], "--loss-agg"),
        ("grpo", ["--temperature", "0"], "--temperature"),
        ("grpo", ["--rollout-weights", "q2"], "--rollout-weights"),
        ("grpo", ["--lora-rank", "0"], "--lora-rank"),
        ("grpo", ["--curriculum", "fast"], "--curriculum"),
        ("ppo", ["--gamma", "1.5"], "--gamma"),
        ("ppo", ["--value-clip", "0"], "--value-clip"),
        ("ppo", ["--ppo-epochs", "0"], "--ppo-epochs"),
    ])
    func badOptionsExitTwo(method: String, extra: [String], named: String) throws {
        let (run, wrote) = try rl(method, extra)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("r1ci: ") && run.stderr.contains(named), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!wrote)
    }

    @Test func unknownTaskAndOutOfRangeLevelWriteNothing() throws {
        let (unknown, wrote1) = try rl("grpo", ["--tasks", "no_such_task"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no_such_task"), "\(unknown.stderr)")
        #expect(!wrote1)
        let (level, wrote2) = try rl("grpo", ["--level", "99"])
        #expect(level.status == 2 && level.stderr.contains("level"), "\(level.stderr)")
        #expect(level.stderr.split(separator: "\n").count == 1)
        #expect(!wrote2)
    }
}
