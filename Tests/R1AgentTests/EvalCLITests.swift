// `r1ci eval` and `r1ci compare` run as a user runs them, on the real SmolLM2
// with small limits: what is stored matches what is printed, a killed
// evaluation resumes without redoing stored items, and compare's buckets match
// buckets computed here from the stored item rows.

import Foundation
import Testing
import R1Agent
import R1Store

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let r1ciBinary = packageRoot.appendingPathComponent(".build/debug/r1ci")

struct CLIRun { let status: Int32; let stdout: String; let stderr: String }

func launch(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
    let process = Process()
    process.executableURL = r1ciBinary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["R1CI_THREADS"] = "2"
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    return (process, out, err)
}

func r1ci(_ arguments: [String]) throws -> CLIRun {
    let (process, out, err) = try launch(arguments)
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                  stderr: String(decoding: stderr, as: UTF8.self))
}

func temporaryWorkspace() -> URL {
    URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("r1ci-agent-\(UUID().uuidString)")
}

/// Small, fast settings: two test tasks, greedy, short turns.
let smallEval = ["eval", "--tasks", "lcm,base_conversion", "--temperature", "0", "--max-turn-tokens", "40",
                 "--max-trace-tokens", "80", "--code-timeout-ms", "2000"]

@Suite(.serialized, .enabled(if: Shared.engine != nil, "SmolLM2-135M is not installed"))
struct EvalCLITests {
    @Test func evalStoresEveryItemAndPrintsWhatItStored() throws {
        let dir = temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try r1ci(smallEval + ["--count", "2", "--workspace", dir.path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["state"] as? String == "finished")
        let ws = try Workspace(directory: dir)
        let id = try #require(report["id"] as? Int)
        let items = try ws.evaluationItems(Int64(id))
        #expect(items.count == 4)
        #expect(Set(items.map(\.key.task)) == ["lcm", "base_conversion"])
        // Each item's trace is there, with its tokens, and its stored score is the trace's verdict.
        for row in items {
            let traceID = try #require(row.traceID)
            let trace = try #require(try ws.loadTrace(id: traceID))
            #expect(trace.verdict?.score == row.score)
            #expect(trace.lossMask.count == trace.tokenIDs.count && trace.tokenIDs.count > 0)
            #expect(trace.item?.task == row.key.task)
        }
        // The printed summary agrees with the stored rows.
        let summary = try #require(report["summary"] as? [String: Any])
        let all = try #require(summary["all"] as? [String: Any])
        #expect(all["samples"] as? Int == 4)
        let meanScore = items.map(\.score).reduce(0, +) / 4
        #expect(abs((all["accuracy"] as? Double ?? -1) - meanScore) < 1e-12)
        let codeUse = Double(items.filter { $0.numCodeCalls > 0 }.count) / 4
        #expect(abs((all["code_use_rate"] as? Double ?? -1) - codeUse) < 1e-12)
        // The table form of the same evaluation.
        let table = try r1ci(["eval", "--show", "\(id)", "--workspace", dir.path])
        #expect(table.status == 0 && table.stdout.contains("lcm") && table.stdout.contains("mean of per-task accuracy"))
    }

    @Test func killedEvaluationResumesWithoutRedoingItems() throws {
        let dir = temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        // One trace at a time, so the kill lands between stored items.
        let args = smallEval + ["--count", "3", "--batch", "1", "--workspace", dir.path]
        let (process, _, _) = try launch(args)
        // Wait for the first stored item, then kill the process outright.
        var stored: [EvaluationItemRow] = []
        // Generous: on a loaded 2-core machine the first trace can take minutes.
        for _ in 0..<3000 where process.isRunning {
            Thread.sleep(forTimeInterval: 0.2)
            if let ws = try? Workspace(directory: dir, create: false), let e = try? ws.evaluations().first,
               let rows = try? ws.evaluationItems(e.id), !rows.isEmpty { stored = rows; break }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let ws = try Workspace(directory: dir)
        let before = try ws.evaluationItems(try #require(ws.evaluations().first).id)
        #expect(!stored.isEmpty && before.count >= 1 && before.count < 6)
        #expect(try ws.evaluations().first?.state == "running")

        let again = try r1ci(args)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("resuming evaluation"))
        let evaluations = try ws.evaluations()
        #expect(evaluations.count == 1 && evaluations[0].state == "finished")
        let after = try ws.evaluationItems(evaluations[0].id)
        #expect(after.count == 6)
        // Items stored before the kill keep their traces; nothing was run twice.
        for row in before { #expect(after.first { $0.key == row.key }?.traceID == row.traceID) }
        let traces = try ws.db.scalar("SELECT COUNT(*) FROM traces").int
        #expect(traces == 6)
    }

    @Test func compareBucketsMatchTheStoredItems() throws {
        let dir = temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir)
        // Two evaluations with hand-set scores: 2 samples per question on both sides.
        let a = try ws.createEvaluation(name: "A", split: "test", configJSON: "{}")
        let b = try ws.createEvaluation(name: "B", split: "test", configJSON: "{}")
        var rng = SystemRandomNumberGenerator()
        for eval in [a, b] {
            for task in ["lcm", "dice"] {
                for q in 0..<12 {
                    for sample in 0..<2 {
                        let score: Double = [0, 1].randomElement(using: &rng)!
                        let key = EvaluationItemKey(task: task, seed: 1_000_000_000 + UInt64(q), index: 0, level: 0, sample: sample)
                        let row = TraceRow(task: task, seed: key.seed, itemIndex: 0, level: 0, answer: "\(score)", score: score,
                                           reward: score, numTurns: 1, numCodeCalls: 0, endReason: "answer", traceJSON: "{}", tokensBlob: nil)
                        // B has one extra question A lacks (unpaired).
                        if eval == a && task == "dice" && q == 11 { continue }
                        try ws.recordEvaluationItem(evaluation: eval, key: key, trace: row)
                    }
                }
            }
        }
        let run = try r1ci(["compare", "\(a)", "\(b)", "--workspace", dir.path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let out = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])

        // Expected, from SQL over the stored rows: per question mean score ≥ 1/2 is right.
        let rows = try ws.db.query("""
            SELECT task, seed, evaluation_id, AVG(score) FROM evaluation_items GROUP BY task, seed, evaluation_id
            """)
        var right: [String: [Int64: Bool]] = [:]
        for r in rows { right["\(r[0].text!)#\(r[1].int!)", default: [:]][r[2].int!] = r[3].double! >= 0.5 }
        var expected: [String: [String: Int]] = [:]
        var unpaired = 0
        for (question, sides) in right {
            guard let ra = sides[a], let rb = sides[b] else { unpaired += 1; continue }
            let task = String(question.split(separator: "#")[0])
            let bucket = ra ? (rb ? "both_right" : "regressed") : (rb ? "fixed" : "both_wrong")
            expected[task, default: [:]][bucket, default: 0] += 1
            expected["all", default: [:]][bucket, default: 0] += 1
        }
        #expect(out["unpaired"] as? Int == unpaired && unpaired == 1)
        let tasks = try #require(out["tasks"] as? [[String: Any]]) + [try #require(out["all"] as? [String: Any])]
        for t in tasks {
            let name = t["task"] as! String
            let buckets = t["buckets"] as! [String: Int]
            for bucket in ["fixed", "regressed", "both_right", "both_wrong"] {
                #expect(buckets[bucket] == (expected[name]?[bucket] ?? 0), "\(name) \(bucket)")
            }
            // p-value against scipy's exact binomial test.
            let p = t["p_value"] as! Double
            let fixed = buckets["fixed"]!, regressed = buckets["regressed"]!
            #expect(abs(p - (try scipyBinomTest(fixed, fixed + regressed))) < 1e-9)
        }
        let questions = try #require(out["questions"] as? [[String: Any]])
        #expect(questions.count == 23)

        let table = try r1ci(["compare", "\(a)", "\(b)", "--workspace", dir.path])
        #expect(table.status == 0 && table.stdout.contains("lcm") && table.stdout.contains("1 questions are in only one"))
        let missing = try r1ci(["compare", "\(a)", "999", "--workspace", dir.path])
        #expect(missing.status == 2 && missing.stderr == "r1ci: no evaluation 999 in the workspace\n")
    }

    @Test func badInputIsOneLineAndStoresNothing() throws {
        let dir = temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (args, message) in [
            (["eval", "--tasks", "no_such_task"], "r1ci: unknown task 'no_such_task'"),
            (["eval", "--count", "0"], "r1ci: --count must be ≥ 1"),
            (["eval", "--style", "poetry"], "r1ci: --style must be free, code or text"),
            (["eval", "--tasks", "lcm", "--level", "99"], "r1ci: level '99' is out of range for lcm"),
        ] {
            let run = try r1ci(args + ["--workspace", dir.path])
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix(message) && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        let ws = try Workspace(directory: dir)
        #expect(try ws.evaluations().isEmpty)
    }
}

/// scipy.stats.binomtest(k, n, 0.5).pvalue (two-sided), via python3.
func scipyBinomTest(_ k: Int, _ n: Int) throws -> Double {
    if n == 0 { return 1 }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "from scipy.stats import binomtest; print(repr(float(binomtest(\(k), \(n), 0.5).pvalue)))"]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
}
