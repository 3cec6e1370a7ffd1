// A weighted mixture of (task, level) entries read as one seeded dataset.
// Item i of the stream is drawn statelessly: an entry is chosen by weight from
// a generator hashed from (seed, i), then that entry's task gives its item at
// (seed, index i) and the entry's level — or the level a curriculum has set for
// the task since (MixtureCurriculum.swift). Same seed, same curriculum state,
// same items, in any order and on any thread.
//
// File form (`r1ci tasks mixture create NAME --file F`, and what `show --json` prints):
//   {"name": "arith", "seed": 0, "entries": [{"task": "gcd", "level": 1, "weight": 2.0}, ...]}

import Foundation

public struct MixtureEntry: Sendable, Codable, Equatable {
    public var task: String
    public var level: Int
    public var weight: Double
    public init(task: String, level: Int, weight: Double) {
        self.task = task
        self.level = level
        self.weight = weight
    }

    /// Parses "task:level:weight" (level an index or a name; weight > 0).
    public static func parse(_ text: String) throws -> MixtureEntry {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { throw MixtureError("entry '\(text)' is not task:level:weight") }
        let task = try TaskRegistry.task(parts[0])
        let level = try task.level(named: parts[1])
        guard let weight = Double(parts[2]), weight > 0, weight.isFinite else {
            throw MixtureError("entry '\(text)': weight '\(parts[2])' is not a number > 0")
        }
        return MixtureEntry(task: parts[0], level: level, weight: weight)
    }
}

public struct MixtureError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public struct MixtureDefinition: Sendable, Codable, Equatable {
    public var name: String
    public var seed: UInt64
    public var entries: [MixtureEntry]

    public init(name: String, seed: UInt64 = 0, entries: [MixtureEntry]) {
        self.name = name
        self.seed = seed
        self.entries = entries
    }

    enum CodingKeys: String, CodingKey { case name, seed, entries }

    /// "name" and "seed" may be left out of a file (the CLI names the mixture; seed 0).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
        entries = try c.decode([MixtureEntry].self, forKey: .entries)
    }

    /// Checks every entry's task and level, and that there is weight to draw from.
    public func validate() throws {
        guard !name.isEmpty, name.count <= 64, !name.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw MixtureError("mixture name '\(name)' must be 1–64 characters without spaces or '/'")
        }
        guard !entries.isEmpty else { throw MixtureError("mixture \(name) has no entries") }
        for (i, e) in entries.enumerated() {
            let task = try TaskRegistry.task(e.task)
            guard task.info.levels.indices.contains(e.level) else {
                throw MixtureError("$.entries[\(i)]: level \(e.level) is out of range for \(e.task) (0…\(task.info.levels.count - 1))")
            }
            guard e.weight > 0, e.weight.isFinite else { throw MixtureError("$.entries[\(i)]: weight must be > 0") }
        }
    }

    public func json() throws -> String { try encodeJSON(self) }

    /// Reads the file form; `origin` names the file in errors.
    public static func decode(_ text: String, origin: String) throws -> MixtureDefinition {
        do { return try JSONDecoder().decode(MixtureDefinition.self, from: Data(text.utf8)) } catch let error as DecodingError {
            switch error {
            case .keyNotFound(let key, let context):
                throw MixtureError("\(origin): \(path(context.codingPath + [key])) is missing")
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                throw MixtureError("\(origin): \(path(context.codingPath)) has the wrong type")
            case .dataCorrupted(let context):
                throw MixtureError("\(origin): not valid JSON at \(path(context.codingPath))")
            @unknown default:
                throw MixtureError("\(origin): \(error)")
            }
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        "$" + keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}

/// The mixture as a stream of items.
public struct MixtureStream: Sendable {
    public let definition: MixtureDefinition
    public let curriculum: MixtureCurriculum
    private let tasks: [any ReasoningTask]
    /// Running sums of the weights, for the weighted draw.
    private let cumulative: [Double]

    public init(_ definition: MixtureDefinition, curriculum: MixtureCurriculum? = nil) throws {
        try definition.validate()
        self.definition = definition
        self.curriculum = curriculum ?? MixtureCurriculum(definition)
        self.tasks = try definition.entries.map { try TaskRegistry.task($0.task) }
        var sum = 0.0
        self.cumulative = definition.entries.map { sum += $0.weight; return sum }
    }

    /// The entry item `i` draws.
    public func entryIndex(_ i: UInt64) -> Int {
        var rng = ItemRandom.generator(taskID: "mixture:\(definition.name)", seed: definition.seed, index: i)
        let x = rng.unit() * cumulative.last!
        return cumulative.firstIndex { x < $0 } ?? cumulative.count - 1
    }

    /// Item `i` of the stream, at the level the curriculum holds for its task now.
    public func item(_ i: UInt64) throws -> TaskItem {
        let e = entryIndex(i)
        let entry = definition.entries[e]
        let level = curriculum.level(of: entry.task) ?? entry.level
        return try tasks[e].item(seed: definition.seed, level: level, index: i)
    }

    /// Items `start ..< start + count`.
    public func items(from start: UInt64 = 0, count: Int) throws -> [TaskItem] {
        try (0..<UInt64(count)).map { try item(start + $0) }
    }
}
