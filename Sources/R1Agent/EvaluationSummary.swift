// The numbers an evaluation reports, per task and overall: accuracy (mean@K:
// the mean score over all samples), maj@K (the most common answer of a
// question's samples is right), code use, calls, turns, tokens, sandbox time,
// failures and how traces ended. Pure arithmetic over stored items.

import Foundation
import R1Store

/// What the summary needs of one stored sample.
public struct SampleOutcome: Sendable {
    public var key: EvaluationItemKey
    public var score: Double
    public var answer: String?
    public var codeCalls: Int
    public var turns: Int
    public var generatedTokens: Int
    public var sandboxSeconds: Double
    public var end: String
    public init(key: EvaluationItemKey, score: Double, answer: String?, codeCalls: Int, turns: Int,
                generatedTokens: Int, sandboxSeconds: Double, end: String) {
        self.key = key; self.score = score; self.answer = answer; self.codeCalls = codeCalls; self.turns = turns
        self.generatedTokens = generatedTokens; self.sandboxSeconds = sandboxSeconds; self.end = end
    }
}

public struct TaskScore: Sendable, Codable, Equatable {
    public var task: String
    public var questions: Int
    public var samples: Int
    /// mean@K: mean score over every sample.
    public var accuracy: Double
    /// maj@K: share of questions whose most common answer scored 1.
    public var majority: Double
    /// Share of samples that ran at least one code block.
    public var codeUse: Double
    public var meanCodeCalls: Double
    public var meanTurns: Double
    public var meanTokens: Double
    public var sandboxSeconds: Double
    /// Samples that ended because the sandbox or the engine failed.
    public var failures: Int
    public var ends: [String: Int]

    enum CodingKeys: String, CodingKey {
        case task, questions, samples, accuracy, failures, ends
        case majority = "maj_at_k", codeUse = "code_use_rate", meanCodeCalls = "mean_code_calls"
        case meanTurns = "mean_turns", meanTokens = "mean_tokens", sandboxSeconds = "sandbox_seconds"
    }
}

public struct EvaluationSummary: Sendable, Codable, Equatable {
    public var tasks: [TaskScore]
    /// Every sample pooled (micro average).
    public var all: TaskScore
    /// Mean of the per-task accuracies (the paper's headline metric).
    public var meanTaskAccuracy: Double

    enum CodingKeys: String, CodingKey { case tasks, all, meanTaskAccuracy = "mean_task_accuracy" }

    public init(_ outcomes: [SampleOutcome]) {
        let byTask = Dictionary(grouping: outcomes, by: \.key.task)
        tasks = byTask.keys.sorted().map { EvaluationSummary.score(task: $0, byTask[$0]!) }
        all = EvaluationSummary.score(task: "all", outcomes)
        meanTaskAccuracy = tasks.isEmpty ? 0 : tasks.map(\.accuracy).reduce(0, +) / Double(tasks.count)
    }

    static func score(task: String, _ xs: [SampleOutcome]) -> TaskScore {
        let n = Double(max(xs.count, 1))
        func mean(_ f: (SampleOutcome) -> Double) -> Double { xs.map(f).reduce(0, +) / n }
        let questions = Dictionary(grouping: xs) { QuestionKey($0.key) }
        let majorityRight = questions.values.filter(majorityIsRight).count
        var ends: [String: Int] = [:]
        for x in xs { ends[x.end, default: 0] += 1 }
        return TaskScore(task: task, questions: questions.count, samples: xs.count, accuracy: mean(\.score),
                         majority: questions.isEmpty ? 0 : Double(majorityRight) / Double(questions.count),
                         codeUse: mean { $0.codeCalls > 0 ? 1 : 0 }, meanCodeCalls: mean { Double($0.codeCalls) },
                         meanTurns: mean { Double($0.turns) }, meanTokens: mean { Double($0.generatedTokens) },
                         sandboxSeconds: xs.map(\.sandboxSeconds).reduce(0, +),
                         failures: xs.filter { TraceEnd(rawValue: $0.end)?.isFailure ?? false }.count, ends: ends)
    }

    /// The most common answer among a question's samples (ties: the one seen first
    /// in sample order; no answer counts as an answer of its own) scored 1.
    static func majorityIsRight(_ samples: [SampleOutcome]) -> Bool {
        let ordered = samples.sorted { $0.key.sample < $1.key.sample }
        var counts: [String?: Int] = [:]
        var firstSeen: [String?: Int] = [:]
        for (i, s) in ordered.enumerated() {
            counts[s.answer, default: 0] += 1
            if firstSeen[s.answer] == nil { firstSeen[s.answer] = i }
        }
        guard let winner = counts.keys.max(by: { a, b in
            counts[a]! != counts[b]! ? counts[a]! < counts[b]! : firstSeen[a]! > firstSeen[b]!
        }) else { return false }
        return ordered.contains { $0.answer == winner && $0.score >= 1 }
    }
}

/// A question regardless of sample.
public struct QuestionKey: Hashable, Sendable, Codable, Comparable {
    public var task: String
    public var seed: UInt64
    public var index: UInt64
    public var level: Int
    public init(_ k: EvaluationItemKey) { task = k.task; seed = k.seed; index = k.index; level = k.level }
    public static func < (a: QuestionKey, b: QuestionKey) -> Bool {
        (a.task, a.seed, a.index, a.level) < (b.task, b.seed, b.index, b.level)
    }
}
