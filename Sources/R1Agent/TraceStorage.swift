// A trace in the workspace: the summary JSON in the traces row, the token
// arrays in a blob (written first, atomically, so a row never names a blob
// that is not there), and the way back to a whole Trace.

import Foundation
import R1Store

extension Trace {
    /// The summary JSON (no token arrays), sorted keys.
    public func summaryJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The row for the traces table (the blob is written by `Workspace.writeTraceTokens`).
    public func row(tokensBlob: String?) -> TraceRow {
        TraceRow(task: item?.task ?? "", seed: item?.seed ?? 0, itemIndex: item?.index ?? 0, level: item?.level ?? 0,
                 answer: answer, score: verdict?.score, reward: reward?.total, numTurns: turns,
                 numCodeCalls: codeCalls, endReason: end.rawValue, traceJSON: summaryJSON(), tokensBlob: tokensBlob)
    }

    public static func decodeSummary(_ json: String) throws -> Trace {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try decoder.decode(Trace.self, from: Data(json.utf8)) }
        catch { throw AgentError("stored trace is unreadable: \(error)") }
    }
}

extension Workspace {
    /// Writes the token arrays of a trace under `name` and returns the name.
    public func writeTraceTokens(_ trace: Trace, name: String) throws -> String {
        try writeBlob(try JSONEncoder().encode(TraceTokens(trace)), name: name)
    }

    /// A stored trace with its tokens (when its blob is there).
    public func loadTrace(id: Int64, withTokens: Bool = true) throws -> Trace? {
        guard let row = try trace(id: id) else { return nil }
        var trace = try Trace.decodeSummary(row.traceJSON)
        if withTokens, let blob = row.tokensBlob {
            let tokens: TraceTokens
            do { tokens = try JSONDecoder().decode(TraceTokens.self, from: try readBlob(name: blob)) }
            catch let e as StoreError { throw e }
            catch { throw AgentError("token blob \(blob) is unreadable: \(error)") }
            try tokens.restore(into: &trace)
        }
        return trace
    }
}
