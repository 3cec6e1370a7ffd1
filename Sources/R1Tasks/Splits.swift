// Train/test splits of task families. The default split lives in
// data/splits/default.json (written by `r1ci tasks split propose`, see
// SplitProposal.swift); SplitsDefaultData.swift embeds that file's bytes so the
// library and the C ABI need no resource bundle at run time, and a test keeps
// the two the same (`make splits` rewrites both). Tasks named on neither side
// are `extra`: usable in user splits and mixtures, never in the default ones.

import Foundation

public enum Split: String, Sendable, Codable, CaseIterable {
    case train, test, extra
}

/// A named split: the task ids on each side. The default one also lists its
/// extra tasks; a user split's extra side is every task it does not name.
public struct SplitDefinition: Sendable, Codable, Equatable {
    public var name: String
    public var train: [String]
    public var test: [String]
    public var extra: [String]

    public init(name: String, train: [String], test: [String], extra: [String] = []) {
        self.name = name
        self.train = train
        self.test = test
        self.extra = extra
    }

    /// The side a task is on: train, test, else extra.
    public func side(of taskID: String) -> Split {
        if train.contains(taskID) { return .train }
        if test.contains(taskID) { return .test }
        return .extra
    }

    public func tasks(_ side: Split) -> [String] {
        switch side {
        case .train: return train
        case .test: return test
        case .extra: return extra
        }
    }

    /// Problems that make the split unusable: a task on both sides, twice on one, or empty sides.
    public func problems() -> [String] {
        var out: [String] = []
        let both = Set(train).intersection(test)
        if !both.isEmpty { out.append("on both sides: \(both.sorted().joined(separator: ", "))") }
        for (side, ids) in [("train", train), ("test", test)] where Set(ids).count != ids.count {
            out.append("a task is listed twice on the \(side) side")
        }
        if test.isEmpty { out.append("the test side is empty") }
        if train.isEmpty { out.append("the train side is empty") }
        return out
    }

    /// Pretty JSON with sorted keys and a final newline: the form of data/splits/*.json.
    public func fileJSON(extraFields: [String: JSONValue] = [:]) -> String {
        var fields: [String: JSONValue] = extraFields
        fields["name"] = .string(name)
        fields["train"] = JSONValue(train)
        fields["test"] = JSONValue(test)
        fields["extra"] = JSONValue(extra)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(JSONValue.object(fields))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads the file form; `origin` names the file in errors.
    public static func parse(_ text: String, origin: String) throws -> SplitDefinition {
        guard let value = JSONValue.parse(text), case .object(let fields) = value else {
            throw SplitError("\(origin): not a JSON object")
        }
        func ids(_ key: String) throws -> [String] {
            guard let v = fields[key] else { return [] }
            guard let list = v.stringArray else { throw SplitError("\(origin): $.\(key) is not a list of task ids") }
            return list
        }
        return SplitDefinition(name: fields["name"]?.stringValue ?? "default",
                               train: try ids("train"), test: try ids("test"), extra: try ids("extra"))
    }
}

public struct SplitError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public enum Splits {
    /// The default split, read once from the embedded copy of data/splits/default.json.
    public static let `default`: SplitDefinition = {
        do { return try SplitDefinition.parse(DefaultSplitData.json, origin: "data/splits/default.json") }
        catch { preconditionFailure("the embedded default split is unreadable: \(error)") }
    }()

    /// data/splits/default.json as embedded, byte for byte.
    public static var defaultFileText: String { DefaultSplitData.json + "\n" }

    private static let defaultSides: [String: Split] = {
        var map: [String: Split] = [:]
        for id in Splits.default.train { map[id] = .train }
        for id in Splits.default.test { map[id] = .test }
        return map
    }()

    /// The test side of the default split (the name code written before data/splits kept).
    public static var defaultTest: Set<String> { Set(Splits.default.test) }

    /// The side of the default split a task is on; tasks it does not name are extra.
    public static func defaultSplit(of taskID: String) -> Split {
        defaultSides[taskID] ?? .extra
    }
}

extension Splits {
    /// Seeds used for training items by default: 0..<1_000_000.
    public static let defaultTrainSeedRange: Range<UInt64> = 0..<1_000_000
    /// Evaluation item i uses seed `defaultEvalSeedBase + i` (10^9 + i), far outside
    /// the training range; `r1ci tasks leakage` checks the two never share a question.
    public static let defaultEvalSeedBase: UInt64 = 1_000_000_000

    /// Question text normalised for leakage checks: lowercased, whitespace collapsed.
    public static func normalisedQuestionHash(_ question: String) -> UInt64 {
        let words = question.lowercased().split(whereSeparator: { $0.isWhitespace })
        return fnv1a64(words.joined(separator: " "))
    }
}
