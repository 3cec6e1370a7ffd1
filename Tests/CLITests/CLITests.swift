// The r1ci binary, run as a user would: output shapes, exit statuses, and that
// bad input gets one clear line, status 2, and writes nothing.

import Foundation
import Testing
import R1Tasks

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the debug r1ci binary with `arguments` and a private environment.
func r1ci(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
    try runProcess(packageRoot.appendingPathComponent(".build/debug/r1ci"), arguments, environment: environment)
}

/// Runs `executable` with `arguments` (in `directory` when given) and collects its output.
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> Run {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
               stderr: String(decoding: stderr, as: UTF8.self))
}

func jsonObject(_ line: Substring) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
}

@Suite(.serialized) struct CLITests {
    @Test func version() throws {
        let run = try r1ci(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == R1CIVersion.string)
    }

    @Test func listJSONHasOneObjectPerTaskWithStableFields() throws {
        let run = try r1ci(["tasks", "list", "--json"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == TaskRegistry.all.count)
        for line in lines {
            let row = try jsonObject(line)
            #expect(Set(row.keys) == ["id", "title", "source", "category", "split", "description", "knobs", "levels", "default_level"])
        }
    }

    @Test func listFilters() throws {
        let categories = Set(TaskRegistry.all.map(\.info.category))
        for category in categories {
            let run = try r1ci(["tasks", "list", "--json", "--category", category])
            let rows = try run.stdout.split(separator: "\n").map(jsonObject)
            #expect(rows.count == TaskRegistry.all.filter { $0.info.category == category }.count)
            #expect(rows.allSatisfy { $0["category"] as? String == category })
        }
        var total = 0
        for split in ["train", "test", "extra"] {
            let run = try r1ci(["tasks", "list", "--json", "--split", split])
            let rows = try run.stdout.split(separator: "\n").map(jsonObject)
            #expect(rows.allSatisfy { $0["split"] as? String == split })
            total += rows.count
        }
        #expect(total == TaskRegistry.all.count)
    }

    @Test func genMatchesLibraryAndCheckAcceptsGold() throws {
        for task in TaskRegistry.all {
            let run = try r1ci(["tasks", "gen", task.info.id, "--seed", "42", "--count", "3", "--json"])
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n")
            #expect(lines.count == 3)
            for (i, line) in lines.enumerated() {
                let row = try jsonObject(line)
                let item = try task.item(seed: 42, level: task.info.defaultLevel, index: UInt64(i))
                #expect(row["question"] as? String == item.question)
                #expect(row["gold"] as? String == item.gold)
                #expect((row["oracle"] as? String)?.isEmpty == false)
                let check = try r1ci(["tasks", "check", task.info.id, "--seed", "42", "--index", String(i),
                                      "--answer", "<<<\(item.gold)>>>", "--json"])
                let verdict = try jsonObject(check.stdout.split(separator: "\n")[0])
                #expect(verdict["correct"] as? Bool == true, "\(task.info.id): \(verdict)")
            }
        }
    }

    @Test func checkRejectsWrongAnswerWithReason() throws {
        let run = try r1ci(["tasks", "check", "game24", "--seed", "7", "--answer", "6*4*1*1"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("score: 0.000  wrong"))
        #expect(run.stdout.contains("reason: uses [1, 1, 4, 6]"))
    }

    /// Each bad input: exit status 2 and exactly one line on stderr naming the problem.
    @Test(arguments: [
        (["tasks", "show", "no-such-task"], "unknown task 'no-such-task'"),
        (["tasks", "gen", "game24", "--seed", "abc"], "seed 'abc' is not a whole number"),
        (["tasks", "gen", "game24", "--seed=-1"], "seed '-1' is not a whole number"),
        (["tasks", "gen", "game24", "--seed", "18446744073709551616"], "is not a whole number"),
        (["tasks", "gen", "game24", "--seed", "1", "--level", "99"], "level '99' is out of range"),
        (["tasks", "gen", "game24", "--seed", "1", "--level", "impossible"], "level 'impossible' is out of range"),
        (["tasks", "gen", "game24", "--seed", "1", "--count", "0"], "count 0 is out of range"),
        (["tasks", "list", "--category", "cooking"], "unknown category 'cooking'"),
        (["tasks", "list", "--split", "dev"], "unknown split 'dev'"),
        (["tasks", "check", "game24", "--seed", "1"], "--answer"),
        (["tasks", "frobnicate"], "frobnicate"),
    ])
    func badInputGetsOneLineAndStatus2(arguments: [String], message: String) throws {
        let run = try r1ci(arguments)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.contains(message), "stderr: \(run.stderr)")
    }

    @Test func workspaceBadInputsWriteNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        // A plain file where a directory must go.
        let blocker = dir.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        var run = try r1ci(["workspace", "info", "--workspace", blocker.appendingPathComponent("ws").path])
        #expect(run.status == 2 && run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("Not a directory"))

        // A corrupt database stays byte for byte as it was.
        let corrupt = dir.appendingPathComponent("corrupt")
        try FileManager.default.createDirectory(at: corrupt, withIntermediateDirectories: true)
        let junk = Data(repeating: 0x5A, count: 4096)
        try junk.write(to: corrupt.appendingPathComponent("r1ci.sqlite"))
        run = try r1ci(["workspace", "info", "--workspace", corrupt.path])
        #expect(run.status == 2 && run.stderr.contains("not a usable R1CI database"))
        #expect(try Data(contentsOf: corrupt.appendingPathComponent("r1ci.sqlite")) == junk)
        #expect(try FileManager.default.contentsOfDirectory(atPath: corrupt.path) == ["r1ci.sqlite"])

        // The environment variable chooses the workspace; a good one opens.
        let good = dir.appendingPathComponent("good")
        run = try r1ci(["workspace", "info", "--json"], environment: ["R1CI_WORKSPACE": good.path])
        #expect(run.status == 0)
        let info = try jsonObject(run.stdout.split(separator: "\n")[0])
        #expect(info["directory"] as? String == good.path)
        #expect(info["schema_version"] as? Int == 5)
    }

    @Test func splitFileInDataMatchesTheLibrary() throws {
        let run = try r1ci(["tasks", "split"])
        let committed = try String(contentsOf: packageRoot.appendingPathComponent("data/splits/default.json"), encoding: .utf8)
        #expect(run.stdout == committed, "data/splits/default.json and the embedded copy differ: run `make splits`")
    }
}
