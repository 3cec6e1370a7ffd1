// A task made from a fixed dataset the user imported (BIG-Bench-Hard JSON,
// a SymBench folder, a Reasoning Gym export, plain JSONL). It has no generator:
// its items are stored in the workspace and looked up by position, and each
// item's metadata says how it is scored (ImportScoring.swift), so verifying
// still reads only the metadata.
//
// Addressing: item (seed, index) is stored item (seed mod 10^9 + index) mod n.
// Evaluation question i (seed 10^9 + i, index 0) is therefore stored item i,
// and a training stream at seed s walks the items from position s. Levels do
// not apply: an imported task has the single level "fixed".

import Foundation

public enum ImportKind: String, Sendable, Codable, CaseIterable {
    case bbh, symbench, rg, jsonl

    public var source: TaskSource {
        switch self {
        case .bbh: return .importedBBH
        case .symbench: return .importedSymBench
        case .rg: return .importedRG
        case .jsonl: return .importedJSONL
        }
    }
}

/// One stored item: what the model sees, the gold answer and the scoring record.
public struct ImportedItem: Sendable, Codable, Equatable {
    public let question: String
    public let gold: String
    public let metadata: JSONValue
    public init(question: String, gold: String, metadata: JSONValue) {
        self.question = question
        self.gold = gold
        self.metadata = metadata
    }
}

/// Everything the workspace keeps about an imported task.
public struct ImportedTaskDefinition: Sendable, Codable, Equatable {
    public let id: String
    public let kind: ImportKind
    public let sourcePath: String
    public let description: String
    public let items: [ImportedItem]

    enum CodingKeys: String, CodingKey {
        case id, kind, description, items
        case sourcePath = "source_path"
    }

    public init(id: String, kind: ImportKind, sourcePath: String, description: String, items: [ImportedItem]) {
        self.id = id
        self.kind = kind
        self.sourcePath = sourcePath
        self.description = description
        self.items = items
    }

    public func json() throws -> String { try encodeJSON(self) }

    public static func decode(_ json: String) throws -> ImportedTaskDefinition {
        try JSONDecoder().decode(ImportedTaskDefinition.self, from: Data(json.utf8))
    }

    /// How many items each scoring rule covers, e.g. ["choice": 250] or ["family:gcd": 3, "exact": 1].
    public var scoringCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for item in items {
            let rule = item.metadata["scoring"]?.stringValue ?? "exact"
            let key = rule == "family" ? "family:\(item.metadata["family"]?.stringValue ?? "?")" : rule
            counts[key, default: 0] += 1
        }
        return counts
    }
}

/// What an import reports: `r1ci tasks import --json` and r1ci_task_import print it.
public struct ImportSummary: Encodable {
    public let id, kind, source_path: String
    public let items: Int
    public let scoring: [String: Int]

    public init(_ d: ImportedTaskDefinition) {
        id = d.id
        kind = d.kind.rawValue
        source_path = d.sourcePath
        items = d.items.count
        scoring = d.scoringCounts
    }
}

public struct ImportedTask: ReasoningTask {
    public let definition: ImportedTaskDefinition
    public let info: TaskInfo

    public init(_ definition: ImportedTaskDefinition) {
        self.definition = definition
        self.info = TaskInfo(id: definition.id, title: "\(definition.id) (imported \(definition.kind.rawValue))",
                             source: definition.kind.source, category: "imported",
                             description: definition.description, knobs: [], levels: [Level("fixed", [:])])
    }

    /// The stored position that (seed, index) addresses.
    public func position(seed: UInt64, index: UInt64) -> Int {
        let n = UInt64(definition.items.count)
        return Int(((seed % Splits.defaultEvalSeedBase) % n + index % n) % n)
    }

    public func item(seed: UInt64, level: Int, index: UInt64) throws -> TaskItem {
        guard level == 0 else {
            throw TaskError.levelOutOfRange(task: info.id, level: String(level), count: 1)
        }
        let position = self.position(seed: seed, index: index)
        let stored = definition.items[position]
        var metadata = stored.metadata.objectValue ?? [:]
        metadata["position"] = .int(position)
        return TaskItem(task: info.id, seed: seed, index: index, level: 0, levelName: "fixed", difficulty: 0,
                        question: stored.question, gold: stored.gold, metadata: .object(metadata))
    }

    /// Imported items are not generated; this draws a stored one.
    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let stored = definition.items[rng.int(0..<definition.items.count)]
        return GeneratedItem(question: stored.question, gold: stored.gold, metadata: stored.metadata.objectValue ?? [:])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        ImportScoring.verify(answer: answer, metadata: metadata)
    }

    /// Prints the stored answer as the item's gold shows it ("(A)" for a choice): the
    /// dataset's own answer is all an imported task knows.
    public func oracle(metadata: JSONValue) -> String {
        var answer = metadata["answer"]?.stringValue ?? ""
        if metadata["scoring"]?.stringValue == "choice" { answer = "(\(answer))" }
        return "print(\(JSONValue.string(answer).canonicalJSON()))\n"
    }
}

/// The imported tasks this process knows: the CLI and the C ABI load a workspace's
/// tasks here, and TaskRegistry.task(_:) looks here after the generated ones.
public enum ImportedTasks {
    private final class Table: @unchecked Sendable {
        let lock = NSLock()
        var byID: [String: ImportedTask] = [:]
    }
    private static let table = Table()

    /// Adds or replaces tasks by id.
    public static func register(_ tasks: [ImportedTask]) {
        table.lock.lock()
        defer { table.lock.unlock() }
        for task in tasks { table.byID[task.info.id] = task }
    }

    /// Registers tasks from their stored JSON (ImportedTaskDefinition.json()).
    public static func load(definitions jsons: [String]) throws {
        register(try jsons.map { ImportedTask(try ImportedTaskDefinition.decode($0)) })
    }

    public static func unregister(_ id: String) {
        table.lock.lock()
        defer { table.lock.unlock() }
        table.byID[id] = nil
    }

    public static func task(_ id: String) -> ImportedTask? {
        table.lock.lock()
        defer { table.lock.unlock() }
        return table.byID[id]
    }

    /// Every registered imported task, by id.
    public static var all: [ImportedTask] {
        table.lock.lock()
        defer { table.lock.unlock() }
        return table.byID.values.sorted { $0.info.id < $1.info.id }
    }
}

extension TaskRegistry {
    /// The generated tasks, then the imported ones this process has loaded.
    public static var allWithImported: [any ReasoningTask] { all + ImportedTasks.all }

    /// Whether `id` names a generated task (imports must not take such a name).
    public static func isGenerated(_ id: String) -> Bool { all.contains { $0.info.id == id } }
}
