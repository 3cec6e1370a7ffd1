// Traces: one row per run of the code-interpreter loop. The row holds what lists
// and filters need; `trace_json` holds the whole record without token arrays,
// which live in the blob named by `tokens_blob`.

import Foundation

public struct TraceRow: Equatable, Sendable {
    public var id: Int64 = 0
    public var runID: Int64?
    public var step: Int64?
    public var task: String
    public var seed: UInt64
    public var itemIndex: UInt64
    public var level: Int
    public var answer: String?
    public var score: Double?
    public var reward: Double?
    public var numTurns: Int
    public var numCodeCalls: Int
    public var endReason: String?
    public var traceJSON: String
    public var tokensBlob: String?
    public var createdAt: Double = 0

    public init(task: String, seed: UInt64, itemIndex: UInt64, level: Int, answer: String?, score: Double?,
                reward: Double?, numTurns: Int, numCodeCalls: Int, endReason: String?, traceJSON: String,
                tokensBlob: String?, runID: Int64? = nil, step: Int64? = nil) {
        self.task = task; self.seed = seed; self.itemIndex = itemIndex; self.level = level
        self.answer = answer; self.score = score; self.reward = reward; self.numTurns = numTurns
        self.numCodeCalls = numCodeCalls; self.endReason = endReason; self.traceJSON = traceJSON
        self.tokensBlob = tokensBlob; self.runID = runID; self.step = step
    }
}

extension SQLValue {
    static func optional(_ v: String?) -> SQLValue { v.map { .text($0) } ?? .null }
    static func optional(_ v: Double?) -> SQLValue { v.map { .double($0) } ?? .null }
    static func optional(_ v: Int64?) -> SQLValue { v.map { .int($0) } ?? .null }
    /// Seeds are u64; SQLite integers are i64: stored by bit pattern.
    static func seed(_ v: UInt64) -> SQLValue { .int(Int64(bitPattern: v)) }
    var seed: UInt64 { UInt64(bitPattern: int ?? 0) }
}

extension Workspace {
    static let traceColumns = "id, run_id, step, task, seed, item_index, level, answer, score, reward, num_turns, "
        + "num_code_calls, end_reason, trace_json, tokens_blob, created_at"

    /// Inserts a trace row and returns its id (call inside a transaction to pair it with other rows).
    public func insertTrace(_ t: TraceRow) throws -> Int64 {
        try db.query("""
            INSERT INTO traces(run_id, step, task, seed, item_index, level, answer, score, reward, num_turns,
                               num_code_calls, end_reason, trace_json, tokens_blob, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.optional(t.runID), .optional(t.step), .text(t.task), .seed(t.seed), .seed(t.itemIndex),
                  .int(Int64(t.level)), .optional(t.answer), .optional(t.score), .optional(t.reward),
                  .int(Int64(t.numTurns)), .int(Int64(t.numCodeCalls)), .optional(t.endReason), .text(t.traceJSON),
                  .optional(t.tokensBlob), .double(Date().timeIntervalSince1970)])
        return db.lastInsertRowID
    }

    public func trace(id: Int64) throws -> TraceRow? {
        try db.query("SELECT \(Workspace.traceColumns) FROM traces WHERE id = ?", [.int(id)]).first.map(Workspace.traceRow)
    }

    static func traceRow(_ r: [SQLValue]) -> TraceRow {
        var t = TraceRow(task: r[3].text ?? "", seed: r[4].seed, itemIndex: r[5].seed, level: Int(r[6].int ?? 0),
                         answer: r[7].text, score: r[8].double, reward: r[9].double, numTurns: Int(r[10].int ?? 0),
                         numCodeCalls: Int(r[11].int ?? 0), endReason: r[12].text, traceJSON: r[13].text ?? "{}",
                         tokensBlob: r[14].text, runID: r[1].int, step: r[2].int)
        t.id = r[0].int ?? 0
        t.createdAt = r[15].double ?? 0
        return t
    }
}
