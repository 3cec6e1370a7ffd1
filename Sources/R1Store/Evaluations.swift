// Evaluations: a named run of a model over fixed task items, and one item row
// per (question, sample) pointing at its trace. An item row exists only once its
// trace is stored (both in one transaction), so the rows present are exactly the
// finished work: a killed evaluation resumes by skipping them.

import Foundation

public struct EvaluationRecord: Equatable, Sendable {
    public let id: Int64
    public let name: String
    public let split: String?
    public let configJSON: String
    /// running | finished | failed
    public let state: String
    public let createdAt: Double
    public let finishedAt: Double?
}

/// Which question and sample an item row answers.
public struct EvaluationItemKey: Hashable, Sendable, Codable {
    public var task: String
    public var seed: UInt64
    public var index: UInt64
    public var level: Int
    public var sample: Int
    public init(task: String, seed: UInt64, index: UInt64, level: Int, sample: Int) {
        self.task = task; self.seed = seed; self.index = index; self.level = level; self.sample = sample
    }
}

/// An item row joined with the summary columns of its trace.
public struct EvaluationItemRow: Equatable, Sendable {
    public let key: EvaluationItemKey
    public let traceID: Int64?
    public let score: Double
    public let answer: String?
    public let reward: Double?
    public let numTurns: Int
    public let numCodeCalls: Int
    public let endReason: String?
}

extension Workspace {
    public func createEvaluation(name: String, split: String?, configJSON: String) throws -> Int64 {
        try db.query("INSERT INTO evaluations(name, split, config_json, state, created_at) VALUES (?, ?, ?, 'running', ?)",
                     [.text(name), .optional(split), .text(configJSON), .double(Date().timeIntervalSince1970)])
        return db.lastInsertRowID
    }

    public func setEvaluationState(_ id: Int64, state: String) throws {
        let finished: SQLValue = state == "running" ? .null : .double(Date().timeIntervalSince1970)
        try db.query("UPDATE evaluations SET state = ?, finished_at = ? WHERE id = ?", [.text(state), finished, .int(id)])
    }

    public func evaluations() throws -> [EvaluationRecord] {
        try db.query("SELECT id, name, split, config_json, state, created_at, finished_at FROM evaluations ORDER BY id")
            .map(Workspace.evaluationRecord)
    }

    public func evaluation(id: Int64) throws -> EvaluationRecord? {
        try db.query("SELECT id, name, split, config_json, state, created_at, finished_at FROM evaluations WHERE id = ?",
                     [.int(id)]).first.map(Workspace.evaluationRecord)
    }

    static func evaluationRecord(_ r: [SQLValue]) -> EvaluationRecord {
        EvaluationRecord(id: r[0].int ?? 0, name: r[1].text ?? "", split: r[2].text, configJSON: r[3].text ?? "{}",
                         state: r[4].text ?? "", createdAt: r[5].double ?? 0, finishedAt: r[6].double)
    }

    /// Stores a finished item: its trace and the item row, atomically. Returns the trace id.
    @discardableResult
    public func recordEvaluationItem(evaluation: Int64, key: EvaluationItemKey, trace: TraceRow) throws -> Int64 {
        try db.transaction {
            let traceID = try insertTrace(trace)
            try db.query("""
                INSERT INTO evaluation_items(evaluation_id, task, seed, item_index, level, sample, trace_id, score)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [.int(evaluation), .text(key.task), .seed(key.seed), .seed(key.index), .int(Int64(key.level)),
                      .int(Int64(key.sample)), .int(traceID), .double(trace.score ?? 0)])
            return traceID
        }
    }

    /// Every stored item of an evaluation, in task, question, sample order.
    public func evaluationItems(_ evaluation: Int64) throws -> [EvaluationItemRow] {
        try db.query("""
            SELECT e.task, e.seed, e.item_index, e.level, e.sample, e.trace_id, e.score,
                   t.answer, t.reward, t.num_turns, t.num_code_calls, t.end_reason
            FROM evaluation_items e LEFT JOIN traces t ON t.id = e.trace_id
            WHERE e.evaluation_id = ? ORDER BY e.task, e.seed, e.item_index, e.level, e.sample
            """, [.int(evaluation)]).map { r in
            EvaluationItemRow(key: EvaluationItemKey(task: r[0].text ?? "", seed: r[1].seed, index: r[2].seed,
                                                     level: Int(r[3].int ?? 0), sample: Int(r[4].int ?? 0)),
                              traceID: r[5].int, score: r[6].double ?? 0, answer: r[7].text, reward: r[8].double,
                              numTurns: Int(r[9].int ?? 0), numCodeCalls: Int(r[10].int ?? 0), endReason: r[11].text)
        }
    }
}
