// The workspace store: schema migrations, refusal of files it must not touch,
// and one writer with concurrent readers.

import Foundation
import Testing
@testable import R1Store

/// A fresh directory under the system temporary folder, removed by the caller.
func temporaryDirectory(_ name: String = #function) -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("r1ci-store-\(name.filter(\.isLetter))-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct WorkspaceTests {
    @Test func createsSchemaInWALMode() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir.appendingPathComponent("nested/ws"))
        #expect(ws.schemaVersion == Workspace.latestSchemaVersion)
        #expect(try ws.db.scalar("PRAGMA journal_mode").text == "wal")
        let tables = try ws.db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0[0].text }
        #expect(tables == ["difficulty_changes", "evaluation_items", "evaluations", "imported_tasks", "metrics", "models",
                           "rollouts", "runs", "task_mixtures", "task_splits", "traces"])
        let indices = try ws.db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").compactMap { $0[0].text }
        #expect(indices.contains("metrics_by_run_name_step"))
        #expect(FileManager.default.fileExists(atPath: ws.blobsDirectory.path))
    }

    @Test func reopeningKeepsData() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run: Int64
        do {
            let ws = try Workspace(directory: dir)
            run = try ws.createRun(name: "sft-1", kind: "sft")
            try ws.addMetrics(run: run, step: 1, values: ["loss": 2.5, "lr": 1e-5])
        }
        let again = try Workspace(directory: dir)
        #expect(try again.runs().map(\.name) == ["sft-1"])
        #expect(try again.metric(run: run, name: "loss").map(\.value) == [2.5])
        #expect(try again.metricNames(run: run) == ["loss", "lr"])
    }

    @Test func refusesNewerSchemaWithoutTouchingIt() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let ws = try Workspace(directory: dir)
            try ws.db.execute("PRAGMA user_version = \(Workspace.latestSchemaVersion + 5)")
            try ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let file = dir.appendingPathComponent(Workspace.databaseName)
        let before = try Data(contentsOf: file)
        #expect {
            _ = try Workspace(directory: dir)
        } throws: { error in
            "\(error)".contains("newer than this R1CI knows")
        }
        #expect(try Data(contentsOf: file) == before)
    }

    @Test func refusesCorruptDatabaseWithoutTouchingIt() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(Workspace.databaseName)
        let junk = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
        try junk.write(to: file)
        #expect {
            _ = try Workspace(directory: dir)
        } throws: { error in
            "\(error)".contains("not a usable R1CI database")
        }
        #expect(try Data(contentsOf: file) == junk)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(leftovers == [Workspace.databaseName])
    }

    @Test func refusesUncreatableDirectory() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        #expect {
            _ = try Workspace(directory: file.appendingPathComponent("ws"))
        } throws: { error in
            "\(error)".contains("Not a directory")
        }
        #expect {
            _ = try Workspace(directory: file)
        } throws: { error in
            "\(error)".contains("not a directory")
        }
    }

    @Test func blobsAreWrittenWhole() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir)
        let payload = Data((0..<100_000).map { UInt8($0 % 251) })
        try ws.writeBlob(payload, name: "trace-1.bin")
        #expect(try ws.readBlob(name: "trace-1.bin") == payload)
        #expect(throws: StoreError.self) { try ws.writeBlob(payload, name: "../escape") }
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.blobsDirectory.path)
        #expect(names == ["trace-1.bin"])
    }

    /// One writer appends metrics step by step while a reader on its own
    /// connection polls: every read sees a consistent prefix, and nothing blocks.
    /// Plain threads, not tasks: the writer waits for the reader's first read.
    @Test func readersSeeConsistentPrefixesWhileOneWriterWrites() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Workspace(directory: dir).createRun(name: "grpo", kind: "grpo", state: "running")
        let steps: Int64 = 200
        let readerStarted = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var reads = 0
        nonisolated(unsafe) var inconsistent = 0
        nonisolated(unsafe) var failures: [String] = []

        let reader = Thread {
            defer { done.signal() }
            do {
                let db = try Database(path: dir.appendingPathComponent(Workspace.databaseName).path, mode: .readOnly)
                var last: Int64 = 0
                let deadline = Date().addingTimeInterval(120)  // a failed writer must not hang the reader
                while last < steps && Date() < deadline {
                    // Both metrics of a step land in one transaction: counts always match.
                    let rows = try db.query("SELECT name, COUNT(*), MAX(step) FROM metrics WHERE run_id = ? GROUP BY name ORDER BY name", [.int(run)])
                    if rows.count == 2 {
                        if rows[0][1] != rows[1][1] { inconsistent += 1 }
                        last = rows[0][2].int ?? 0
                    } else if !rows.isEmpty {
                        inconsistent += 1
                    }
                    reads += 1
                    if reads == 1 { readerStarted.signal() }
                    usleep(500)
                }
            } catch {
                failures.append("reader: \(error)")
                readerStarted.signal()
            }
        }
        let writer = Thread {
            defer { done.signal() }
            readerStarted.wait()
            do {
                let ws = try Workspace(directory: dir)
                for step in 1...steps {
                    try ws.addMetrics(run: run, step: step, values: ["a": Double(step), "b": Double(-step)])
                }
            } catch {
                failures.append("writer: \(error)")
            }
        }
        reader.start()
        writer.start()
        done.wait()
        done.wait()
        #expect(failures.isEmpty, "\(failures)")
        #expect(inconsistent == 0)
        #expect(reads >= 2)
        #expect(try Workspace(directory: dir).metric(run: run, name: "b").count == Int(steps))
    }

    @Test func defaultDirectoryFollowsEnvironment() {
        #expect(Workspace.defaultDirectory(environment: ["R1CI_WORKSPACE": "/w", "XDG_DATA_HOME": "/x"]).path == "/w")
        #expect(Workspace.defaultDirectory(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]).path == "/x/r1ci")
        #expect(Workspace.defaultDirectory(environment: ["HOME": "/h"]).path == "/h/.local/share/r1ci")
    }
}
