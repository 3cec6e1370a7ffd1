// Synthesis sets in the store: migration 2 adds the trace label to a version-1
// workspace without touching its rows; a set's kept traces come back in order
// with their labels, and only runs of kind synth are sets.

import Foundation
import Testing
@testable import R1Store

@Suite struct SynthSetTests {
    func row(_ task: String) -> TraceRow {
        TraceRow(task: task, seed: 1, itemIndex: 0, level: 0, answer: "a", score: 1, reward: 1.1, numTurns: 2,
                 numCodeCalls: 1, endReason: "answer", traceJSON: "{}", tokensBlob: nil)
    }

    @Test func setsKeepLabelledTracesInOrder() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir)
        let set = try ws.createRun(name: "s", kind: Workspace.synthRunKind, state: "running")
        _ = try ws.createRun(name: "not a set", kind: "sft")
        let a = try ws.recordSynthTrace(set: set, trace: row("x"), label: "code")
        let b = try ws.recordSynthTrace(set: set, trace: row("y"), label: "text")
        _ = try ws.insertTrace(row("z"))   // a trace of no set
        #expect(try ws.synthTraceIDs(set: set).map(\.id) == [a, b])
        #expect(try ws.synthTraceIDs(set: set).map(\.label) == ["code", "text"])
        #expect(try ws.trace(id: a)?.runID == set)
        #expect(try ws.synthSets().map { [$0.run.id, Int64($0.traces)] } == [[set, 2]])
        #expect(try ws.synthSet(set + 1) == nil)
    }

    @Test func migrationTwoUpgradesAVersionOneWorkspace() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var ws: Workspace? = try Workspace(directory: dir)
        let old = try ws!.insertTrace(row("kept"))
        // Back to version 1: undo migration 5 (rollouts), 4 (run control columns), 3 (the task
        // library's tables), then 2.
        try ws!.db.execute("""
            DROP TABLE rollouts;
            ALTER TABLE runs DROP COLUMN directory; ALTER TABLE runs DROP COLUMN checkpoint_path;
            ALTER TABLE runs DROP COLUMN checkpoint_step; ALTER TABLE runs DROP COLUMN message;
            DROP TABLE difficulty_changes; DROP TABLE task_mixtures; DROP TABLE task_splits; DROP TABLE imported_tasks;
            DROP INDEX traces_by_run_label; ALTER TABLE traces DROP COLUMN label; PRAGMA user_version = 1
            """)
        ws = nil
        let upgraded = try Workspace(directory: dir)
        #expect(upgraded.schemaVersion == Workspace.latestSchemaVersion)
        #expect(try upgraded.trace(id: old)?.task == "kept")
        let columns = try upgraded.db.query("PRAGMA table_info(traces)").compactMap { $0[1].text }
        #expect(columns.last == "label")
    }
}
