// r1ci tasks import | split | mixture, run as a user would, in a private workspace.

import Foundation
import Testing
import R1Tasks

@Suite(.serialized) struct TaskLibraryCLITests {
    /// A fresh workspace and scratch folder; removed by the caller.
    func scratch() throws -> (dir: URL, env: [String: String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-lib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir, ["R1CI_WORKSPACE": dir.appendingPathComponent("ws").path])
    }

    func bbhFile(_ dir: URL) throws -> String {
        let examples: [[String: String]] = [
            ["input": "Is the following sentence plausible? Options:\n(A) yes\n(B) no", "target": "(B)"],
            ["input": "Which is sarcastic?\nOptions:\n(A) Great, more rain\n(B) It rained", "target": "(A)"],
            ["input": "Answer Yes or No: is 7 prime?", "target": "Yes"],
        ]
        let url = dir.appendingPathComponent("snarks.json")
        try JSONSerialization.data(withJSONObject: ["examples": examples]).write(to: url)
        return url.path
    }

    @Test func importedTaskIsListedGeneratedCheckedAndEvaluatedByIndex() throws {
        let (dir, env) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try bbhFile(dir)
        var run = try r1ci(["tasks", "import", "bbh", path, "--json"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try jsonObject(run.stdout.split(separator: "\n")[0])
        #expect(summary["id"] as? String == "bbh_snarks" && summary["items"] as? Int == 3)
        #expect(summary["scoring"] as? [String: Int] == ["choice": 2, "exact": 1])
        // The source can go away: the items live in the workspace.
        try FileManager.default.removeItem(atPath: path)
        run = try r1ci(["tasks", "list", "--json", "--split", "extra"], environment: env)
        let rows = try run.stdout.split(separator: "\n").map { try jsonObject($0) }
        let row = try #require(rows.first { $0["id"] as? String == "bbh_snarks" })
        #expect(row["source"] as? String == "imported:bbh" && row["split"] as? String == "extra")
        // Evaluation question i = stored item i.
        run = try r1ci(["tasks", "gen", "bbh_snarks", "--seed", "1000000001", "--json"], environment: env)
        let item = try jsonObject(run.stdout.split(separator: "\n")[0])
        #expect((item["question"] as? String)?.hasPrefix("Which is sarcastic?") == true && item["gold"] as? String == "(A)")
        for (answer, correct) in [("<<<A>>>", true), ("<<<(A) Great, more rain>>>", true), ("<<<B>>>", false)] {
            run = try r1ci(["tasks", "check", "bbh_snarks", "--seed", "1000000001", "--answer", answer, "--json"], environment: env)
            #expect(try jsonObject(run.stdout.split(separator: "\n")[0])["correct"] as? Bool == correct, "\(answer)")
        }
        // Same name again: refused, exit 2.
        let again = try bbhFile(dir)
        run = try r1ci(["tasks", "import", "bbh", again], environment: env)
        #expect(run.status == 2 && run.stderr.contains("already imported"))
    }

    @Test func badFilesExitTwoWithTheLineAndRegisterNothing() throws {
        let (dir, env) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("items.jsonl")
        try "{\"question\": \"q\", \"answer\": \"a\"}\n{\"question\": 3, \"answer\": \"b\"}\n".write(to: bad, atomically: true, encoding: .utf8)
        var run = try r1ci(["tasks", "import", "jsonl", bad.path], environment: env)
        #expect(run.status == 2)
        #expect(run.stderr == "r1ci: \(bad.path):2: \"question\" is missing or not a string\n")
        run = try r1ci(["tasks", "import", "xml", bad.path], environment: env)
        #expect(run.status == 2 && run.stderr.contains("unknown import kind"))
        run = try r1ci(["tasks", "list", "--json"], environment: env)
        #expect(!run.stdout.contains("jsonl_items"))
    }

    @Test func userSplitsWorkWhereverSplitDoes() throws {
        let (dir, env) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var run = try r1ci(["tasks", "split", "create", "mine", "--train", "gcd,lcm", "--test", "maze"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        run = try r1ci(["tasks", "list", "--json", "--split", "mine:train"], environment: env)
        #expect(try run.stdout.split(separator: "\n").map { try jsonObject($0)["id"] as? String } == ["gcd", "lcm"])
        let out = dir.appendingPathComponent("mine.jsonl")
        run = try r1ci(["tasks", "export", "--split", "mine:test", "--count", "2", "--out", out.path], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map { try jsonObject($0) }
        #expect(lines.map { $0["task"] as? String } == ["maze", "maze"] && lines[0]["split"] as? String == "mine:test")
        run = try r1ci(["tasks", "split", "create", "bad", "--train", "gcd", "--test", "gcd"], environment: env)
        #expect(run.status == 2 && run.stderr.contains("on both sides"))
        run = try r1ci(["tasks", "list", "--split", "nosuch"], environment: env)
        #expect(run.status == 2 && run.stderr.contains("unknown split"))
    }

    @Test func proposeDrawsTheDefaultProportions() throws {
        let run = try r1ci(["tasks", "split", "propose"])
        #expect(run.status == 0)
        let split = try SplitDefinition.parse(run.stdout, origin: "stdout")
        let n = TaskRegistry.all.count
        let test = n >= 144 ? 37 : Int((Double(n) * 37 / 144).rounded())
        #expect(split.test.count == test && split.train.count == min(n, 144) - test)
        #expect(split.extra.count == max(0, n - 144))
    }

    @Test func mixtureCreateShowSampleAndLevelHistory() throws {
        let (dir, env) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var run = try r1ci(["tasks", "mixture", "create", "arith", "--entry", "gcd:0:1", "--entry", "lcm:1:3", "--seed", "4"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        run = try r1ci(["tasks", "mixture", "sample", "arith", "--count", "20", "--json"], environment: env)
        let items = try run.stdout.split(separator: "\n").map { try jsonObject($0) }
        #expect(items.count == 20)
        // The library's stream is the oracle for what the CLI prints.
        let stream = try MixtureStream(MixtureDefinition(name: "arith", seed: 4, entries: [
            MixtureEntry(task: "gcd", level: 0, weight: 1), MixtureEntry(task: "lcm", level: 1, weight: 3)]))
        for (i, row) in items.enumerated() {
            let expected = try stream.item(UInt64(i))
            #expect(row["task"] as? String == expected.task && row["question"] as? String == expected.question)
        }
        run = try r1ci(["tasks", "mixture", "level", "arith", "gcd", "2", "--step", "100", "--reason", "too easy"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        run = try r1ci(["tasks", "mixture", "show", "arith", "--json"], environment: env)
        let shown = try jsonObject(run.stdout.split(separator: "\n")[0])
        #expect(shown["levels"] as? [String: Int] == ["gcd": 2, "lcm": 1])
        let history = try #require(shown["history"] as? [[String: Any]])
        #expect(history.count == 1 && history[0]["old_level"] as? Int == 0 && history[0]["new_level"] as? Int == 2
                && history[0]["step"] as? Int == 100 && history[0]["reason"] as? String == "too easy")
        run = try r1ci(["tasks", "mixture", "sample", "arith", "--count", "20", "--json"], environment: env)
        let after = try run.stdout.split(separator: "\n").map { try jsonObject($0) }
        #expect(after.filter { $0["task"] as? String == "gcd" }.allSatisfy { $0["level"] as? Int == 2 })
        // A file form with a bad entry names the JSON path; nothing is stored.
        let file = dir.appendingPathComponent("mix.json")
        try #"{"seed": 1, "entries": [{"task": "gcd", "level": 0, "weight": 1}, {"task": "gcd", "level": 0}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        run = try r1ci(["tasks", "mixture", "create", "fromfile", "--file", file.path], environment: env)
        #expect(run.status == 2 && run.stderr.contains("$.entries[1].weight is missing"))
        run = try r1ci(["tasks", "mixture", "create", "x", "--entry", "gcd:9:1"], environment: env)
        #expect(run.status == 2 && run.stderr.contains("out of range"))
    }
}
