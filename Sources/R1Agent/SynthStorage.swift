// A synthesis set in the workspace: created with its settings, each kept trace
// stored (token blob first, then the row) the moment it is verified, the counts
// recorded at the end, and the kept traces read back whole for export.

import Foundation
import R1Store

extension Workspace {
    /// A new set (state "running") for these settings; returns its id.
    public func createSynthSet(name: String, config: SynthConfig) throws -> Int64 {
        try createRun(name: name, kind: Workspace.synthRunKind, configJSON: config.json(), state: "running")
    }

    /// Stores one kept trace of `set`.
    public func storeSynthTrace(set: Int64, _ kept: SynthTrace, number: Int) throws {
        let blob = try writeTraceTokens(kept.trace, name: "synth\(set)-\(number).tokens.json")
        try recordSynthTrace(set: set, trace: kept.trace.row(tokensBlob: blob), label: kept.variant.rawValue)
    }

    /// Records the counts (metrics at step 0) and marks the set finished.
    public func finishSynthSet(_ set: Int64, counts: SynthCounts) throws {
        var values: [String: Double] = ["items": Double(counts.items), "attempted": Double(counts.attempted),
                                        "kept": Double(counts.kept), "dropped": Double(counts.droppedTotal)]
        for (reason, n) in counts.dropped { values["dropped/\(reason)"] = Double(n) }
        for (variant, n) in counts.variants { values["variant/\(variant)"] = Double(n) }
        try addMetrics(run: set, step: 0, values: values)
        try setRunState(set, state: "finished")
    }

    /// The kept traces of a set, whole (tokens included), in the order they were kept.
    public func synthTraces(set: Int64) throws -> [SynthTrace] {
        try synthTraceIDs(set: set).map { entry in
            guard let trace = try loadTrace(id: entry.id) else { throw AgentError("trace \(entry.id) of set \(set) is missing") }
            guard let variant = SynthVariant(rawValue: entry.label) else {
                throw AgentError("trace \(entry.id) of set \(set) has an unknown label '\(entry.label)'")
            }
            return SynthTrace(trace: trace, variant: variant)
        }
    }
}
