// What a task is: a seeded generator of questions, a verifier that reads only
// an item's metadata, and an oracle program that solves an item in Python.

/// Where a task comes from (the paper's three sources, plus R1CI's own).
public enum TaskSource: String, Sendable, Codable, CaseIterable {
    case symbench = "SymBench"
    case bbh = "BIG-Bench-Hard"
    case reasoningGym = "Reasoning Gym"
    case r1ci = "R1CI"
    // Fixed datasets a user imported into a workspace (ImportedTask.swift).
    case importedBBH = "imported:bbh"
    case importedSymBench = "imported:symbench"
    case importedRG = "imported:rg"
    case importedJSONL = "imported:jsonl"
}

/// One difficulty knob: a named quantity the generator reads at every level.
public struct Knob: Sendable, Codable, Equatable {
    public let name: String
    public let description: String
    public init(_ name: String, _ description: String) {
        self.name = name
        self.description = description
    }
}

/// A named difficulty level: a value for every knob of the task.
public struct Level: Sendable, Codable, Equatable {
    public let name: String
    /// Knob values in the order of `TaskInfo.knobs`.
    public let values: [String: Int]
    /// The same knobs as two parallel arrays sorted by name. Generators read a
    /// knob on every item and a level has two or three, so a scan comparing
    /// short strings is cheaper than hashing the name into `values`.
    private let knobNames: [String]
    private let knobValues: [Int]

    enum CodingKeys: String, CodingKey { case name, values }

    public init(_ name: String, _ values: [String: Int]) {
        self.name = name
        self.values = values
        let sorted = values.sorted { $0.key < $1.key }
        self.knobNames = sorted.map(\.key)
        self.knobValues = sorted.map(\.value)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(String.self, forKey: .name), try c.decode([String: Int].self, forKey: .values))
    }

    public static func == (a: Level, b: Level) -> Bool { a.name == b.name && a.values == b.values }

    /// The value of a knob; a task asking for a knob it did not declare is a programming error.
    public subscript(knob: String) -> Int {
        for i in knobNames.indices where knobNames[i] == knob { return knobValues[i] }
        preconditionFailure("level \(name) has no knob \(knob)")
    }
}

/// What the catalogue shows about a task.
public struct TaskInfo: Sendable, Codable, Equatable {
    public let id: String
    public let title: String
    public let source: TaskSource
    public let category: String
    public let description: String
    public let knobs: [Knob]
    /// Levels from easiest to hardest; level index i has scalar difficulty i / (count − 1).
    public let levels: [Level]
    /// The level used when none is asked for.
    public let defaultLevel: Int
    /// Each level's `difficulty` metadata record, built once (every item carries one).
    let difficultyRecords: [JSONValue]

    enum CodingKeys: String, CodingKey {
        case id, title, source, category, description, knobs, levels, defaultLevel
    }

    public init(id: String, title: String, source: TaskSource, category: String,
                description: String, knobs: [Knob], levels: [Level], defaultLevel: Int = 0) {
        precondition(!levels.isEmpty, "task \(id) has no levels")
        for level in levels {
            precondition(Set(level.values.keys) == Set(knobs.map(\.name)),
                         "task \(id) level \(level.name) does not set exactly its knobs")
        }
        self.id = id
        self.title = title
        self.source = source
        self.category = category
        self.description = description
        self.knobs = knobs
        self.levels = levels
        self.defaultLevel = defaultLevel
        let last = Double(max(levels.count - 1, 1))
        self.difficultyRecords = levels.enumerated().map { i, spec in
            .object([
                "level": .int(i),
                "level_name": .string(spec.name),
                "scalar": .double(levels.count == 1 ? 0 : Double(i) / last),
                "knobs": .object(spec.values.mapValues { .int($0) }),
            ])
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), title: try c.decode(String.self, forKey: .title),
                  source: try c.decode(TaskSource.self, forKey: .source),
                  category: try c.decode(String.self, forKey: .category),
                  description: try c.decode(String.self, forKey: .description),
                  knobs: try c.decode([Knob].self, forKey: .knobs), levels: try c.decode([Level].self, forKey: .levels),
                  defaultLevel: try c.decode(Int.self, forKey: .defaultLevel))
    }

    public func scalarDifficulty(level: Int) -> Double {
        levels.count == 1 ? 0 : Double(level) / Double(levels.count - 1)
    }
}

/// What a generator returns for one item.
public struct GeneratedItem: Sendable {
    public var question: String
    public var gold: String
    /// Everything the verifier and the oracle need; R1CI adds the difficulty record.
    public var metadata: [String: JSONValue]
    public init(question: String, gold: String, metadata: [String: JSONValue]) {
        self.question = question
        self.gold = gold
        self.metadata = metadata
    }
}

/// A verifier's judgement: a score in [0, 1] and a reason a person can read.
public struct Verdict: Sendable, Codable, Equatable {
    public let score: Double
    public let reason: String
    public init(score: Double, reason: String) {
        self.score = min(1, max(0, score))
        self.reason = reason
    }
    public static func correct(_ reason: String = "correct") -> Verdict { Verdict(score: 1, reason: reason) }
    public static func wrong(_ reason: String) -> Verdict { Verdict(score: 0, reason: reason) }
    public var isCorrect: Bool { score >= 1 }
}

/// A task family. Implementations hold no state: `generate` reads only the level
/// and the generator, `verify` and `oracle` read only the metadata.
public protocol ReasoningTask: Sendable {
    var info: TaskInfo { get }
    /// Builds one item. Every random choice comes from `rng`.
    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem
    /// Scores an extracted answer against an item's metadata, without executing it.
    func verify(answer: String, metadata: JSONValue) -> Verdict
    /// A short Python program that solves the item from its data and prints the answer.
    func oracle(metadata: JSONValue) -> String
    /// Item `index` at `seed` and `level`; generated tasks use the default below,
    /// imported ones (ImportedTask) look the item up instead.
    func item(seed: UInt64, level: Int, index: UInt64) throws -> TaskItem
}

/// A generated item with everything needed to show, check and store it.
public struct TaskItem: Sendable, Codable, Equatable {
    public let task: String
    public let seed: UInt64
    public let index: UInt64
    public let level: Int
    public let levelName: String
    public let difficulty: Double
    public let question: String
    public let gold: String
    public let metadata: JSONValue

    /// SHA-like identity of the item's content, stable across machines: FNV-1a of
    /// the question, gold answer and canonical metadata.
    public var contentHash: UInt64 {
        fnv1a64(question + "\u{1}" + gold + "\u{1}" + metadata.canonicalJSON())
    }
}

public enum TaskError: Error, Equatable, CustomStringConvertible {
    case unknownTask(String)
    case levelOutOfRange(task: String, level: String, count: Int)

    public var description: String {
        switch self {
        case .unknownTask(let id): return "unknown task '\(id)' (r1ci tasks list shows the ids)"
        case .levelOutOfRange(let task, let level, let count):
            return "level '\(level)' is out of range for \(task): use 0…\(count - 1) or a level name"
        }
    }
}

extension ReasoningTask {
    /// Item `index` of this task at `seed` and `level`.
    public func item(seed: UInt64, level: Int, index: UInt64) throws -> TaskItem {
        try generatedItem(seed: seed, level: level, index: index)
    }

    /// Item 0 at `seed` and `level` (through the protocol, so imported tasks answer too).
    public func item(seed: UInt64, level: Int) throws -> TaskItem {
        try item(seed: seed, level: level, index: 0)
    }

    /// The generated item: what `item` does for every task with a generator.
    public func generatedItem(seed: UInt64, level: Int, index: UInt64) throws -> TaskItem {
        // `info` is a protocol requirement: every read returns a fresh copy of the
        // whole record (a dozen reference counts), so it is read once per item.
        let info = self.info
        guard info.levels.indices.contains(level) else {
            throw TaskError.levelOutOfRange(task: info.id, level: String(level), count: info.levels.count)
        }
        let spec = info.levels[level]
        var rng = ItemRandom.generator(taskID: info.id, seed: seed, index: index)
        var made = generate(level: spec, rng: &rng)
        made.metadata["difficulty"] = info.difficultyRecords[level]
        return TaskItem(task: info.id, seed: seed, index: index, level: level, levelName: spec.name,
                        difficulty: info.scalarDifficulty(level: level), question: made.question,
                        gold: made.gold, metadata: .object(made.metadata))
    }

    /// Resolves a level given as an index or a name.
    public func level(named text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return info.defaultLevel }
        if let index = Int(text) {
            guard info.levels.indices.contains(index) else {
                throw TaskError.levelOutOfRange(task: info.id, level: text, count: info.levels.count)
            }
            return index
        }
        if let index = info.levels.firstIndex(where: { $0.name.lowercased() == text.lowercased() }) {
            return index
        }
        throw TaskError.levelOutOfRange(task: info.id, level: text, count: info.levels.count)
    }

    /// Scores a model's full response: the last `<<<…>>>` is the answer.
    public func score(response: String, metadata: JSONValue) -> Verdict {
        guard let answer = AnswerExtraction.lastAnswer(in: response) else {
            return .wrong("no <<<answer>>> found")
        }
        return verify(answer: answer, metadata: metadata)
    }

    /// Scores what a person typed: the last `<<<…>>>` when present, else the whole text.
    public func check(typed: String, metadata: JSONValue) -> Verdict {
        let answer = AnswerExtraction.lastAnswer(in: typed) ?? AnswerExtraction.normalise(typed)
        return verify(answer: answer, metadata: metadata)
    }
}
