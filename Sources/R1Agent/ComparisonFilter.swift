// Picking questions out of a comparison: by bucket (any of several), by task,
// and by whether each side got the question right. The filter arrives as JSON
// (from the C ABI); unknown fields and bucket names are refused by name.

import Foundation
import R1Store
import R1Tasks

public struct ComparisonFilter: Sendable, Equatable {
    /// Keep questions in any of these buckets; nil keeps every bucket.
    public var buckets: Set<Bucket>?
    public var task: String?
    /// Keep questions A (or B) got right (true) or wrong (false); nil keeps both.
    public var aCorrect: Bool?
    public var bCorrect: Bool?

    public static let fields = ["buckets", "task", "a_correct", "b_correct"]

    public init(buckets: Set<Bucket>? = nil, task: String? = nil, aCorrect: Bool? = nil, bCorrect: Bool? = nil) {
        self.buckets = buckets; self.task = task; self.aCorrect = aCorrect; self.bCorrect = bCorrect
    }

    /// Parses `{"buckets": [str], "task": str, "a_correct": bool, "b_correct": bool}`, every field optional.
    public init(json: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw AgentError("filter must be a JSON object")
        }
        if let unknown = object.keys.sorted().first(where: { !Self.fields.contains($0) }) {
            throw AgentError("filter has an unknown field '\(unknown)' (known: \(Self.fields.joined(separator: ", ")))")
        }
        func field<T>(_ name: String, _ type: T.Type) throws -> T? {
            guard let value = object[name], !(value is NSNull) else { return nil }
            guard let typed = value as? T else { throw AgentError("filter field '\(name)' has the wrong type") }
            return typed
        }
        if let names = try field("buckets", [String].self) {
            buckets = Set(try names.map { name in
                guard let bucket = Bucket(rawValue: name) else {
                    throw AgentError("unknown bucket '\(name)' (buckets: \(Bucket.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return bucket
            })
        }
        task = try field("task", String.self)
        aCorrect = try field("a_correct", Bool.self)
        bCorrect = try field("b_correct", Bool.self)
    }

    public func keeps(_ q: QuestionComparison) -> Bool {
        (buckets?.contains(q.bucket) ?? true) && (task.map { $0 == q.question.task } ?? true)
            && (aCorrect.map { $0 == q.bucket.aRight } ?? true) && (bCorrect.map { $0 == q.bucket.bRight } ?? true)
    }
}

extension Bucket {
    /// Whether A (the baseline) got the question right.
    public var aRight: Bool { self == .regressed || self == .bothRight }
    /// Whether B got the question right.
    public var bRight: Bool { self == .fixed || self == .bothRight }
}

/// A compared question with what a list shows of it: its number within the
/// evaluation (question i is the task's item at seed 10^9 + i) and each side's
/// first-sample answer.
public struct ComparedQuestion: Sendable, Encodable, Equatable {
    public var comparison: QuestionComparison
    public var number: UInt64
    public var answerA: String?
    public var answerB: String?

    enum CodingKeys: String, CodingKey {
        case task, seed, index, level, number, bucket
        case scoreA = "score_a", scoreB = "score_b", traceA = "trace_a", traceB = "trace_b"
        case answerA = "answer_a", answerB = "answer_b"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let q = comparison.question
        try c.encode(q.task, forKey: .task)
        try c.encode(q.seed, forKey: .seed)
        try c.encode(q.index, forKey: .index)
        try c.encode(q.level, forKey: .level)
        try c.encode(number, forKey: .number)
        try c.encode(comparison.bucket, forKey: .bucket)
        try c.encode(comparison.scoreA, forKey: .scoreA)
        try c.encode(comparison.scoreB, forKey: .scoreB)
        try c.encode(comparison.traceA, forKey: .traceA)
        try c.encode(comparison.traceB, forKey: .traceB)
        try c.encode(answerA, forKey: .answerA)
        try c.encode(answerB, forKey: .answerB)
    }
}

extension Workspace {
    /// The questions of the comparison of `a` and `b` that `filter` keeps, in question order.
    public func comparedQuestions(_ a: Int64, _ b: Int64, filter: ComparisonFilter) throws -> [ComparedQuestion] {
        let comparison = try comparison(a, b)
        func firstAnswers(_ id: Int64) throws -> [QuestionKey: String?] {
            var out: [QuestionKey: String?] = [:]
            for row in try evaluationItems(id) where row.key.sample == 0 { out[QuestionKey(row.key)] = row.answer }
            return out
        }
        let answersA = try firstAnswers(a), answersB = try firstAnswers(b)
        return comparison.questions.filter(filter.keeps).map { q in
            ComparedQuestion(comparison: q,
                             number: q.question.seed &- Splits.defaultEvalSeedBase,
                             answerA: answersA[q.question] ?? nil, answerB: answersB[q.question] ?? nil)
        }
    }
}
