// Runs (training, evaluation, synthesis) and their metrics: the queries the
// studio's Training page and `r1ci runs` make.

import Foundation

public struct RunRecord: Equatable, Sendable, Codable {
    public let id: Int64
    public let name: String
    public let kind: String
    public let state: String
    public let configJSON: String
    public let createdAt: Double
    public let updatedAt: Double
}

public struct MetricPoint: Equatable, Sendable, Codable {
    public let step: Int64
    public let value: Double
    public let wallTime: Double
}

extension Workspace {
    public func createRun(name: String, kind: String, configJSON: String = "{}", state: String = "queued") throws -> Int64 {
        let now = Date().timeIntervalSince1970
        try db.query("INSERT INTO runs(name, kind, state, config_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                     [.text(name), .text(kind), .text(state), .text(configJSON), .double(now), .double(now)])
        return db.lastInsertRowID
    }

    public func setRunState(_ id: Int64, state: String) throws {
        try db.query("UPDATE runs SET state = ?, updated_at = ? WHERE id = ?",
                     [.text(state), .double(Date().timeIntervalSince1970), .int(id)])
    }

    public func runs() throws -> [RunRecord] {
        try db.query("SELECT id, name, kind, state, config_json, created_at, updated_at FROM runs ORDER BY id").map {
            RunRecord(id: $0[0].int ?? 0, name: $0[1].text ?? "", kind: $0[2].text ?? "", state: $0[3].text ?? "",
                      configJSON: $0[4].text ?? "{}", createdAt: $0[5].double ?? 0, updatedAt: $0[6].double ?? 0)
        }
    }

    /// Appends metric values for one step, in one transaction.
    public func addMetrics(run: Int64, step: Int64, values: [String: Double], wallTime: Double = Date().timeIntervalSince1970) throws {
        try db.transaction {
            let insert = try db.prepare("INSERT INTO metrics(run_id, step, name, value, wall_time) VALUES (?, ?, ?, ?, ?)")
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                try insert.bind([.int(run), .int(step), .text(name), .double(value), .double(wallTime)])
                _ = try insert.step()
            }
        }
    }

    public func metric(run: Int64, name: String, afterStep: Int64 = -1) throws -> [MetricPoint] {
        try db.query("SELECT step, value, wall_time FROM metrics WHERE run_id = ? AND name = ? AND step > ? ORDER BY step",
                     [.int(run), .text(name), .int(afterStep)]).map {
            MetricPoint(step: $0[0].int ?? 0, value: $0[1].double ?? .nan, wallTime: $0[2].double ?? 0)
        }
    }

    public func metricNames(run: Int64) throws -> [String] {
        try db.query("SELECT DISTINCT name FROM metrics WHERE run_id = ? ORDER BY name", [.int(run)]).compactMap { $0[0].text }
    }
}
