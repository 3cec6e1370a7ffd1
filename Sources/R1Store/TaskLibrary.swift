// The task library's workspace rows: imported tasks, user splits, mixtures and
// the difficulty history. Values cross as JSON text; R1Tasks owns their shape.

import Foundation

public struct ImportedTaskRecord: Equatable, Sendable {
    public let id: String
    public let kind: String
    public let sourcePath: String
    public let itemCount: Int
    public let taskJSON: String
}

public struct DifficultyChangeRecord: Equatable, Sendable, Codable {
    public let mixture: String
    public let task: String
    public let oldLevel: Int
    public let newLevel: Int
    public let step: Int64?
    public let reason: String
    public let at: Double

    public init(mixture: String, task: String, oldLevel: Int, newLevel: Int, step: Int64?, reason: String, at: Double) {
        self.mixture = mixture; self.task = task; self.oldLevel = oldLevel; self.newLevel = newLevel
        self.step = step; self.reason = reason; self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case mixture, task, step, reason, at
        case oldLevel = "old_level", newLevel = "new_level"
    }
}

extension Workspace {
    // MARK: imported tasks

    /// Stores an imported task; an existing one with the same id is an error unless `replace`.
    public func saveImportedTask(id: String, kind: String, sourcePath: String, itemCount: Int,
                                 taskJSON: String, replace: Bool = false) throws {
        if !replace, try importedTask(id: id) != nil {
            throw StoreError("a task named '\(id)' is already imported (pick another --name)")
        }
        try db.query("INSERT OR REPLACE INTO imported_tasks(id, kind, source_path, item_count, task_json, created_at) "
                     + "VALUES (?, ?, ?, ?, ?, ?)",
                     [.text(id), .text(kind), .text(sourcePath), .int(Int64(itemCount)), .text(taskJSON),
                      .double(Date().timeIntervalSince1970)])
    }

    public func importedTasks() throws -> [ImportedTaskRecord] {
        try db.query("SELECT id, kind, source_path, item_count, task_json FROM imported_tasks ORDER BY id").map(Self.importedRow)
    }

    public func importedTask(id: String) throws -> ImportedTaskRecord? {
        try db.query("SELECT id, kind, source_path, item_count, task_json FROM imported_tasks WHERE id = ?",
                     [.text(id)]).first.map(Self.importedRow)
    }

    @discardableResult
    public func deleteImportedTask(id: String) throws -> Bool {
        guard try importedTask(id: id) != nil else { return false }
        try db.query("DELETE FROM imported_tasks WHERE id = ?", [.text(id)])
        return true
    }

    private static func importedRow(_ r: [SQLValue]) -> ImportedTaskRecord {
        ImportedTaskRecord(id: r[0].text ?? "", kind: r[1].text ?? "", sourcePath: r[2].text ?? "",
                           itemCount: Int(r[3].int ?? 0), taskJSON: r[4].text ?? "{}")
    }

    // MARK: user splits

    public func saveSplit(name: String, json: String) throws {
        try db.query("INSERT OR REPLACE INTO task_splits(name, split_json, created_at) VALUES (?, ?, ?)",
                     [.text(name), .text(json), .double(Date().timeIntervalSince1970)])
    }

    /// (name, JSON) of every stored split, by name.
    public func splits() throws -> [(name: String, json: String)] {
        try db.query("SELECT name, split_json FROM task_splits ORDER BY name").map { ($0[0].text ?? "", $0[1].text ?? "{}") }
    }

    public func split(name: String) throws -> String? {
        try db.query("SELECT split_json FROM task_splits WHERE name = ?", [.text(name)]).first?[0].text
    }

    // MARK: mixtures

    public func saveMixture(name: String, json: String) throws {
        let now = Date().timeIntervalSince1970
        try db.query("INSERT INTO task_mixtures(name, mixture_json, created_at, updated_at) VALUES (?, ?, ?, ?) "
                     + "ON CONFLICT(name) DO UPDATE SET mixture_json = excluded.mixture_json, updated_at = excluded.updated_at",
                     [.text(name), .text(json), .double(now), .double(now)])
    }

    public func mixtures() throws -> [(name: String, json: String)] {
        try db.query("SELECT name, mixture_json FROM task_mixtures ORDER BY name").map { ($0[0].text ?? "", $0[1].text ?? "{}") }
    }

    public func mixture(name: String) throws -> String? {
        try db.query("SELECT mixture_json FROM task_mixtures WHERE name = ?", [.text(name)]).first?[0].text
    }

    // MARK: difficulty history

    public func recordDifficultyChange(_ change: DifficultyChangeRecord) throws {
        try db.query("INSERT INTO difficulty_changes(mixture, task, old_level, new_level, step, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [.text(change.mixture), .text(change.task), .int(Int64(change.oldLevel)), .int(Int64(change.newLevel)),
                      change.step.map { .int($0) } ?? .null, .text(change.reason), .double(change.at)])
    }

    public func difficultyChanges(mixture: String) throws -> [DifficultyChangeRecord] {
        try db.query("SELECT mixture, task, old_level, new_level, step, reason, at FROM difficulty_changes "
                     + "WHERE mixture = ? ORDER BY id", [.text(mixture)]).map {
            DifficultyChangeRecord(mixture: $0[0].text ?? "", task: $0[1].text ?? "", oldLevel: Int($0[2].int ?? 0),
                                   newLevel: Int($0[3].int ?? 0), step: $0[4].int, reason: $0[5].text ?? "",
                                   at: $0[6].double ?? 0)
        }
    }
}
