// scripts/demo.py (make demo) at toy size: every stage runs through the real r1ci
// binary on the tiny llama fixture (its context made long enough for a task
// question), the table's numbers agree with the stored evaluations and with an
// independent Wilson interval, a second run skips every stage, a removed stage
// output is redone alone, and other settings in the same folder are refused.

import Foundation
import Testing
import R1Tasks

@Suite(.serialized) struct DemoCLITests {
    /// Runs `python3 arguments…` from the package root.
    func python(_ arguments: [String]) throws -> Run {
        try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments, directory: packageRoot)
    }

    func json(_ path: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// The 95 % Wilson score interval, written out again as the oracle for the script's.
    func wilson(_ k: Int, _ n: Int) -> (Double, Double) {
        let z = 1.959963984540054, p = Double(k) / Double(n), nn = Double(n)
        let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
        let half = z / (1 + z * z / nn) * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }

    @Test func smokeDemoRunsEveryStageSkipsDoneOnesAndRefusesOtherSettings() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("tiny-long.gguf").path
        let fixture = packageRoot.appendingPathComponent("Tests/R1EngineTests/Fixtures/tiny-llama.gguf").path
        let made = try python(["Tests/CLITests/tiny_long_context.py", fixture, model, "4096"])
        try #require(made.status == 0, "\(made.stderr)")
        let demo = dir.appendingPathComponent("demo").path
        let args = ["scripts/demo.py", "--r1ci", ".build/debug/r1ci", "--dir", demo, "--size", "smoke", "--model", model]

        let first = try python(args)
        try #require(first.status == 0, "\(first.stderr)\n\(first.stdout)")
        let result = try json(demo + "/results.json")
        let rows = try #require(result["rows"] as? [[String: Any]])
        #expect(rows.map { $0["stage"] as? String } == ["base", "base", "after SFT", "after SFT", "after GRPO", "after GRPO"])
        let trainTasks = try #require(result["train_tasks"] as? [String]), testTasks = try #require(result["test_tasks"] as? [String])
        #expect(trainTasks.count == 1 && testTasks.count == 1)
        #expect(trainTasks.allSatisfy { Splits.defaultSplit(of: $0) == .train })
        #expect(testTasks.allSatisfy { Splits.defaultSplit(of: $0) == .test })
        for (i, row) in rows.enumerated() {
            let n = try #require(row["n"] as? Int), k = try #require(row["correct"] as? Int)
            #expect(n == 2, "one task × 2 questions")
            let ci = try #require(row["ci95"] as? [Double])
            let (lo, hi) = wilson(k, n)
            #expect(abs(ci[0] - lo) < 1e-9 && abs(ci[1] - hi) < 1e-9)
            // The row's accuracy is the stored evaluation's accuracy of that task.
            let stage = ["eval-base", "eval-sft", "eval-grpo"][i / 2], task = (i % 2 == 0 ? trainTasks : testTasks)[0]
            let summary = try #require(try json("\(demo)/\(stage).json")["summary"] as? [String: Any])
            let scores = try #require(summary["tasks"] as? [[String: Any]]).first { $0["task"] as? String == task }
            #expect((scores?["accuracy"] as? Double) == (row["mean_score"] as? Double))
            #expect((scores?["code_use_rate"] as? Double) == (row["code_use"] as? Double))
        }
        let held = try #require(result["held_out"] as? [String: Any])
        #expect(held["shared_question_texts"] as? Int == 0)
        for folder in ["models/sft/model.safetensors", "models/grpo/model.safetensors", "models/grpo.q8_0.gguf", "results.md"] {
            #expect(FileManager.default.fileExists(atPath: "\(demo)/\(folder)"), "\(folder)")
        }
        let stages = try json(demo + "/stages.json")
        #expect(Set(stages.keys) == ["plan", "synth", "base", "eval-base", "sft", "quantize-sft", "eval-sft", "grpo",
                                     "quantize-grpo", "eval-grpo"])

        // Again: nothing is redone; then only a removed stage is.
        let second = try python(args)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.components(separatedBy: "done already").count - 1 == stages.count)
        try FileManager.default.removeItem(atPath: demo + "/eval-grpo.json")
        let third = try python(args)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("demo: eval-grpo …"))
        #expect(third.stdout.components(separatedBy: "done already").count - 1 == stages.count - 1)

        // Other settings in the same folder: one line, exit 2, the folder's results untouched.
        let before = try String(contentsOfFile: demo + "/results.json", encoding: .utf8)
        let other = try python(args.map { $0 == "smoke" ? "full" : $0 })
        #expect(other.status == 2)
        #expect(other.stderr.hasPrefix("r1ci demo: ") && other.stderr.contains("other settings"), "\(other.stderr)")
        #expect(other.stderr.split(separator: "\n").count == 1)
        #expect(try String(contentsOfFile: demo + "/results.json", encoding: .utf8) == before)
    }
}
