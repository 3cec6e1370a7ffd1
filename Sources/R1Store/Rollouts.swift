// The rollouts a GRPO or PPO run trained on, by step: each sample's trace row
// (written with its token blob by the caller) and its place, reward and
// advantage; read back per step, and dropped past a step when a run resumes
// from an earlier checkpoint.

import Foundation

/// One sample of one step's group.
public struct RolloutRecord: Equatable, Sendable {
    public var group: Int
    public var sample: Int
    /// The trace row (its run and step are set when recorded; its id when read back).
    public var trace: TraceRow
    public var reward: Double
    public var advantage: Double
    public var correct: Bool
    public var generatedTokens: Int

    public init(group: Int, sample: Int, trace: TraceRow, reward: Double, advantage: Double, correct: Bool, generatedTokens: Int) {
        self.group = group; self.sample = sample; self.trace = trace
        self.reward = reward; self.advantage = advantage; self.correct = correct; self.generatedTokens = generatedTokens
    }
}

extension Workspace {
    /// Stores one step's samples (trace rows and rollout rows in one transaction); returns the trace ids.
    @discardableResult
    public func recordRollouts(run: Int64, step: Int64, _ records: [RolloutRecord]) throws -> [Int64] {
        try db.transaction {
            try records.map { r in
                var row = r.trace
                row.runID = run; row.step = step
                let id = try insertTrace(row)
                try db.query("""
                    INSERT INTO rollouts(run_id, step, group_index, sample, trace_id, reward, advantage, correct, generated_tokens)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.int(run), .int(step), .int(Int64(r.group)), .int(Int64(r.sample)), .int(id), .double(r.reward),
                          .double(r.advantage), .int(r.correct ? 1 : 0), .int(Int64(r.generatedTokens))])
                return id
            }
        }
    }

    /// Every step of the run that has rollouts, ascending.
    public func rolloutSteps(run: Int64) throws -> [Int64] {
        try db.query("SELECT DISTINCT step FROM rollouts WHERE run_id = ? ORDER BY step", [.int(run)]).compactMap { $0[0].int }
    }

    /// The samples of one step, by group then sample, with their trace rows.
    public func rollouts(run: Int64, step: Int64) throws -> [RolloutRecord] {
        let columns = Workspace.traceColumns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }
        return try db.query("""
            SELECT r.group_index, r.sample, r.reward, r.advantage, r.correct, r.generated_tokens, \(columns.joined(separator: ", "))
            FROM rollouts r JOIN traces t ON t.id = r.trace_id
            WHERE r.run_id = ? AND r.step = ? ORDER BY r.group_index, r.sample
            """, [.int(run), .int(step)]).map { r in
            RolloutRecord(group: Int(r[0].int ?? 0), sample: Int(r[1].int ?? 0), trace: Workspace.traceRow(Array(r[6...])),
                          reward: r[2].double ?? .nan, advantage: r[3].double ?? .nan, correct: r[4].int == 1,
                          generatedTokens: Int(r[5].int ?? 0))
        }
    }

    /// Removes the rollouts (and their traces) of steps past `step`: a resume from the checkpoint
    /// at `step` records them again.
    public func deleteRollouts(run: Int64, afterStep step: Int64) throws {
        try db.transaction {
            try db.query("""
                DELETE FROM traces WHERE id IN (SELECT trace_id FROM rollouts WHERE run_id = ? AND step > ?)
                """, [.int(run), .int(step)])
            try db.query("DELETE FROM rollouts WHERE run_id = ? AND step > ?", [.int(run), .int(step)])
        }
    }
}
