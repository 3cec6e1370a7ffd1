// The JSON shapes that the CLI (`--json`) and the C ABI both print. Field names
// are part of the public interface (README.md documents them): change them
// only together with the README.

import Foundation

/// One catalogue row.
public struct TaskSummary: Encodable {
    public let id, title, source, category, split, description: String
    public let knobs: [Knob]
    public let levels: [LevelJSON]
    public let defaultLevel: Int

    public struct LevelJSON: Encodable {
        public let name: String
        public let knobs: [String: Int]
    }

    public init(_ task: any ReasoningTask) {
        let info = task.info
        id = info.id
        title = info.title
        source = info.source.rawValue
        category = info.category
        split = Splits.defaultSplit(of: info.id).rawValue
        description = info.description
        knobs = info.knobs
        levels = info.levels.map { LevelJSON(name: $0.name, knobs: $0.values) }
        defaultLevel = info.defaultLevel
    }

    enum CodingKeys: String, CodingKey {
        case id, title, source, category, split, description, knobs, levels
        case defaultLevel = "default_level"
    }
}

/// A generated item, with the oracle program that solves it.
public struct ItemWithOracle: Encodable {
    public let item: TaskItem
    public let oracle: String
    public init(item: TaskItem, oracle: String) {
        self.item = item
        self.oracle = oracle
    }

    enum CodingKeys: String, CodingKey {
        case task, seed, index, level, levelName = "level_name", difficulty, question, gold, metadata, oracle
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item.task, forKey: .task)
        try c.encode(item.seed, forKey: .seed)
        try c.encode(item.index, forKey: .index)
        try c.encode(item.level, forKey: .level)
        try c.encode(item.levelName, forKey: .levelName)
        try c.encode(item.difficulty, forKey: .difficulty)
        try c.encode(item.question, forKey: .question)
        try c.encode(item.gold, forKey: .gold)
        try c.encode(item.metadata, forKey: .metadata)
        try c.encode(oracle, forKey: .oracle)
    }
}

/// The verdict on a typed answer.
public struct CheckResult: Encodable {
    public let score: Double
    public let correct: Bool
    public let reason: String
    public let answer: String

    public init(task: any ReasoningTask, typed: String, metadata: JSONValue) {
        answer = AnswerExtraction.lastAnswer(in: typed) ?? AnswerExtraction.normalise(typed)
        let verdict = task.verify(answer: answer, metadata: metadata)
        score = verdict.score
        correct = verdict.isCorrect
        reason = verdict.reason
    }
}

/// Compact JSON with sorted keys, one line.
public func encodeJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
