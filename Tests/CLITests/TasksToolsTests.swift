// r1ci tasks selftest | export | leakage, run as a user would.

import Foundation
import Testing
import R1Tasks

@Suite(.serialized) struct TasksToolsTests {
    @Test func selftestOnTwoSmallTasksPasses() throws {
        let run = try r1ci(["tasks", "selftest", "game24", "lcm", "--seeds", "3"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("ok game24 ") })
        #expect(lines.contains { $0.hasPrefix("ok lcm ") })
        #expect(lines.last == "selftest: 2 passed, 0 failed")
    }

    @Test func selftestBadInputExitsTwo() throws {
        #expect(try r1ci(["tasks", "selftest", "no_such_task"]).status == 2)
        #expect(try r1ci(["tasks", "selftest", "game24", "--seeds", "0"]).status == 2)
    }

    @Test func benchReportsEveryTaskAsked() throws {
        let run = try r1ci(["tasks", "bench", "gcd", "maze", "--count", "20", "--level", "0", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try run.stdout.split(separator: "\n").map { try jsonObject($0) }
        #expect(rows.map { $0["task"] as? String } == ["gcd", "maze"])
        for row in rows {
            #expect(row["items"] as? Int == 20)
            #expect(row["level"] as? String == "easy")
            let gen = try #require(row["gen_median_us"] as? Double), rate = try #require(row["gen_per_second"] as? Double)
            #expect(gen > 0 && abs(rate * gen - 1e6) < 1)
        }
        #expect(try r1ci(["tasks", "bench", "gcd", "--count", "0"]).status == 2)
        #expect(try r1ci(["tasks", "bench", "nope"]).status == 2)
    }

    @Test func exportWritesJSONLAndNoTempFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("test.jsonl")
        let run = try r1ci(["tasks", "export", "--split", "test", "--count", "3", "--seed", "7", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let testTasks = TaskRegistry.all.filter { Splits.defaultSplit(of: $0.info.id) == .test }
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3 * testTasks.count)
        for line in lines {
            let row = try jsonObject(line)
            #expect(Set(row.keys) == ["task", "seed", "index", "level", "level_name", "question", "gold",
                                      "metadata", "oracle", "verifier", "split"])
            #expect(row["split"] as? String == "test")
            #expect(row["verifier"] as? String == row["task"] as? String)
            #expect(row["seed"] as? Int == 7)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["test.jsonl"])
    }

    @Test func exportToUnwritablePathExitsTwoAndWritesNothing() throws {
        let path = "/nonexistent-r1ci-dir/\(UUID().uuidString)/out.jsonl"
        let run = try r1ci(["tasks", "export", "--split", "train", "--count", "2", "--out", path])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: path))
        let bad = try r1ci(["tasks", "export", "--split", "dev", "--count", "2", "--out", "/tmp/x.jsonl"])
        #expect(bad.status == 2)
    }

    @Test func leakageFindsNone() throws {
        let run = try r1ci(["tasks", "leakage", "--count", "50"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("leakage: none"))
    }
}
