// Two evaluations side by side on the questions they share: per-task accuracy
// and its change, and per question whether B fixed, regressed, or matched A.
// A question counts as right when its mean score over samples is at least 1/2.
// Significance: the exact two-sided sign (McNemar) test on the discordant
// questions — under "no difference" each one is fixed or regressed with
// probability 1/2.

import Foundation
import R1Store

public enum Bucket: String, Sendable, Codable, CaseIterable {
    case fixed, regressed
    case bothRight = "both_right"
    case bothWrong = "both_wrong"
}

public struct TaskComparison: Sendable, Codable, Equatable {
    public var task: String
    public var questions: Int
    public var accuracyA: Double
    public var accuracyB: Double
    /// accuracyB − accuracyA.
    public var delta: Double
    /// Questions per bucket (Bucket raw values; every bucket present).
    public var buckets: [String: Int]
    /// Exact two-sided McNemar p-value (1 when there is no discordant question).
    public var pValue: Double

    enum CodingKeys: String, CodingKey {
        case task, questions, delta, buckets
        case accuracyA = "accuracy_a", accuracyB = "accuracy_b", pValue = "p_value"
    }

    public func count(_ bucket: Bucket) -> Int { buckets[bucket.rawValue] ?? 0 }
}

public struct QuestionComparison: Sendable, Codable, Equatable {
    public var question: QuestionKey
    public var bucket: Bucket
    public var scoreA: Double
    public var scoreB: Double
    /// Trace of sample 0 on each side (for showing the two side by side).
    public var traceA: Int64?
    public var traceB: Int64?
    enum CodingKeys: String, CodingKey {
        case question, bucket
        case scoreA = "score_a", scoreB = "score_b", traceA = "trace_a", traceB = "trace_b"
    }
}

public struct Comparison: Sendable, Codable, Equatable {
    public var tasks: [TaskComparison]
    public var all: TaskComparison
    public var questions: [QuestionComparison]
    /// Questions only one side has (not compared).
    public var unpaired: Int

    public init(a: [EvaluationItemRow], b: [EvaluationItemRow]) {
        func perQuestion(_ rows: [EvaluationItemRow]) -> [QuestionKey: (score: Double, trace: Int64?)] {
            Dictionary(grouping: rows) { QuestionKey($0.key) }.mapValues { xs in
                (xs.map(\.score).reduce(0, +) / Double(xs.count), xs.min { $0.key.sample < $1.key.sample }?.traceID)
            }
        }
        let qa = perQuestion(a), qb = perQuestion(b)
        let shared = Set(qa.keys).intersection(qb.keys).sorted()
        unpaired = Set(qa.keys).symmetricDifference(qb.keys).count
        questions = shared.map { q in
            let (sa, ta) = qa[q]!, (sb, tb) = qb[q]!
            let rightA = sa >= 0.5, rightB = sb >= 0.5
            let bucket: Bucket = rightA ? (rightB ? .bothRight : .regressed) : (rightB ? .fixed : .bothWrong)
            return QuestionComparison(question: q, bucket: bucket, scoreA: sa, scoreB: sb, traceA: ta, traceB: tb)
        }
        let byTask = Dictionary(grouping: questions, by: \.question.task)
        tasks = byTask.keys.sorted().map { Comparison.summarise(task: $0, byTask[$0]!) }
        all = Comparison.summarise(task: "all", questions)
    }

    static func summarise(task: String, _ qs: [QuestionComparison]) -> TaskComparison {
        var buckets = Dictionary(uniqueKeysWithValues: Bucket.allCases.map { ($0.rawValue, 0) })
        for q in qs { buckets[q.bucket.rawValue, default: 0] += 1 }
        let n = Double(max(qs.count, 1))
        let accuracyA = qs.map(\.scoreA).reduce(0, +) / n, accuracyB = qs.map(\.scoreB).reduce(0, +) / n
        return TaskComparison(task: task, questions: qs.count, accuracyA: accuracyA, accuracyB: accuracyB,
                              delta: accuracyB - accuracyA, buckets: buckets,
                              pValue: exactMcNemar(fixed: buckets[Bucket.fixed.rawValue]!, regressed: buckets[Bucket.regressed.rawValue]!))
    }

    /// Two-sided exact binomial test of `fixed` vs `regressed` with p = 1/2:
    /// min(1, 2 · P(X ≤ min(b, c))), X ~ Binomial(b + c, 1/2).
    public static func exactMcNemar(fixed b: Int, regressed c: Int) -> Double {
        let n = b + c
        guard n > 0 else { return 1 }
        // log C(n, k) - n log 2, summed in probability space
        var tail = 0.0
        for k in 0...min(b, c) {
            tail += exp(lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1)) - Double(n) * log(2))
        }
        return min(1, 2 * tail)
    }
}
