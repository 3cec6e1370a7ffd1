// Synthesised SFT sets: a run of kind "synth" (its settings in config_json, its
// counts as step-0 metrics) whose kept traces are ordinary trace rows of the
// run with a label saying how each was made.

import Foundation

/// A stored synthesis set.
public struct SynthSetRecord: Equatable, Sendable {
    public let run: RunRecord
    public let traces: Int
}

extension Workspace {
    public static let synthRunKind = "synth"

    /// Stores a kept trace of set `set` with its label; returns the trace id.
    @discardableResult
    public func recordSynthTrace(set: Int64, trace: TraceRow, label: String) throws -> Int64 {
        try db.transaction {
            var row = trace
            row.runID = set
            let id = try insertTrace(row)
            try db.query("UPDATE traces SET label = ? WHERE id = ?", [.text(label), .int(id)])
            return id
        }
    }

    /// The trace ids and labels of a set, in the order they were kept.
    public func synthTraceIDs(set: Int64) throws -> [(id: Int64, label: String)] {
        try db.query("SELECT id, label FROM traces WHERE run_id = ? ORDER BY id", [.int(set)]).map {
            (id: $0[0].int ?? 0, label: $0[1].text ?? "")
        }
    }

    /// Every synthesis set with its number of kept traces.
    public func synthSets() throws -> [SynthSetRecord] {
        let counts = Dictionary(uniqueKeysWithValues: try db.query(
            "SELECT run_id, COUNT(*) FROM traces WHERE label IS NOT NULL AND run_id IS NOT NULL GROUP BY run_id").map {
            ($0[0].int ?? 0, Int($0[1].int ?? 0))
        })
        return try runs().filter { $0.kind == Workspace.synthRunKind }.map { SynthSetRecord(run: $0, traces: counts[$0.id] ?? 0) }
    }

    /// The synthesis set with this id, if there is one.
    public func synthSet(_ id: Int64) throws -> SynthSetRecord? {
        try synthSets().first { $0.run.id == id }
    }
}
