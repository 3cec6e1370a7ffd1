// Background training runs in the store: a run's process, folder, checkpoint
// and state changes, and reading its metrics as they arrive.

import Foundation

/// A run with what `r1ci runs` shows and controls.
public struct RunDetail: Equatable, Sendable, Codable {
    public let id: Int64
    public let name: String
    public let kind: String              // sft | grpo | ppo | import …
    public let state: String             // queued | running | stopped | finished | failed
    public let configJSON: String
    public let pid: Int64?
    public let directory: String?
    public let checkpointPath: String?
    public let checkpointStep: Int64?
    public let message: String?
    public let createdAt: Double
    public let updatedAt: Double
    /// The last step with a metric, nil before the first.
    public let lastStep: Int64?

    public var isActive: Bool { state == "queued" || state == "running" }
}

/// One metric value of a run.
public struct RunMetric: Equatable, Sendable, Codable {
    public let step: Int64
    public let name: String
    public let value: Double
    public let wallTime: Double
}

extension Workspace {
    static let runDetailColumns = """
        id, name, kind, state, config_json, pid, directory, checkpoint_path, checkpoint_step, message, created_at, updated_at,
        (SELECT MAX(step) FROM metrics WHERE run_id = runs.id)
        """

    static func runDetail(_ r: [SQLValue]) -> RunDetail {
        RunDetail(id: r[0].int ?? 0, name: r[1].text ?? "", kind: r[2].text ?? "", state: r[3].text ?? "",
                  configJSON: r[4].text ?? "{}", pid: r[5].int, directory: r[6].text, checkpointPath: r[7].text,
                  checkpointStep: r[8].int, message: r[9].text, createdAt: r[10].double ?? 0, updatedAt: r[11].double ?? 0,
                  lastStep: r[12].int)
    }

    public func runDetails() throws -> [RunDetail] {
        try db.query("SELECT \(Workspace.runDetailColumns) FROM runs ORDER BY id").map(Workspace.runDetail)
    }

    public func runDetail(_ id: Int64) throws -> RunDetail {
        guard let row = try db.query("SELECT \(Workspace.runDetailColumns) FROM runs WHERE id = ?", [.int(id)]).first else {
            throw StoreError("no run \(id) in this workspace")
        }
        return Workspace.runDetail(row)
    }

    /// Sets the state and, when given, the process id and message (nil leaves them).
    public func updateRun(_ id: Int64, state: String, pid: Int64? = nil, clearPID: Bool = false, message: String? = nil) throws {
        let now = Date().timeIntervalSince1970
        try db.query("UPDATE runs SET state = ?, updated_at = ? WHERE id = ?", [.text(state), .double(now), .int(id)])
        if let pid { try db.query("UPDATE runs SET pid = ? WHERE id = ?", [.int(pid), .int(id)]) }
        if clearPID { try db.query("UPDATE runs SET pid = NULL WHERE id = ?", [.int(id)]) }
        if let message { try db.query("UPDATE runs SET message = ? WHERE id = ?", [.text(message), .int(id)]) }
    }

    public func setRunPID(_ id: Int64, _ pid: Int64) throws {
        try db.query("UPDATE runs SET pid = ? WHERE id = ?", [.int(pid), .int(id)])
    }

    public func setRunDirectory(_ id: Int64, _ directory: String) throws {
        try db.query("UPDATE runs SET directory = ? WHERE id = ?", [.text(directory), .int(id)])
    }

    public func setRunCheckpoint(_ id: Int64, path: String, step: Int64) throws {
        try db.query("UPDATE runs SET checkpoint_path = ?, checkpoint_step = ?, updated_at = ? WHERE id = ?",
                     [.text(path), .int(step), .double(Date().timeIntervalSince1970), .int(id)])
    }

    /// Every metric of the run with step > afterStep, by step then name.
    public func runMetrics(_ id: Int64, afterStep: Int64 = -1) throws -> [RunMetric] {
        try db.query("SELECT step, name, value, wall_time FROM metrics WHERE run_id = ? AND step > ? ORDER BY step, name",
                     [.int(id), .int(afterStep)]).map {
            RunMetric(step: $0[0].int ?? 0, name: $0[1].text ?? "", value: $0[2].double ?? .nan, wallTime: $0[3].double ?? 0)
        }
    }

    /// Removes metrics past `step` (a resume from the checkpoint at `step` writes them again).
    public func deleteMetrics(_ id: Int64, afterStep step: Int64) throws {
        try db.query("DELETE FROM metrics WHERE run_id = ? AND step > ?", [.int(id), .int(step)])
    }
}
