// Scoring a finished trace: the answer is the last <<<…>>> of the model's own
// text (AnswerExtraction, as the task library scores), the task's verifier
// judges it, and the paper's v2 reward adds a format term and a penalty for
// too many code calls. Every part is kept so a chart can show each one.

import Foundation
import R1Tasks

public struct RewardConfig: Sendable, Codable, Equatable {
    /// Added when the verifier accepts the answer.
    public var correct: Double = 1.0
    /// Added when every turn is well-formed.
    public var formatBonus: Double = 0.1
    /// Added (negative) when some turn is not.
    public var formatPenalty: Double = -0.1
    /// Added (negative) when the trace made more than `callsBeforePenalty` code calls.
    public var callPenalty: Double = -0.1
    public var callsBeforePenalty: Int = 6
    public init() {}

    enum CodingKeys: String, CodingKey {
        case correct
        case formatBonus = "format_bonus"
        case formatPenalty = "format_penalty"
        case callPenalty = "call_penalty"
        case callsBeforePenalty = "calls_before_penalty"
    }
}

public struct RewardParts: Sendable, Codable, Equatable {
    public var correctness: Double
    public var format: Double
    public var calls: Double
    /// correctness + format + calls.
    public var total: Double
    /// Whether every turn was well-formed (what decided `format`).
    public var wellFormed: Bool

    enum CodingKeys: String, CodingKey { case correctness, format, calls, total, wellFormed = "well_formed" }
    public init(correctness: Double, format: Double, calls: Double, wellFormed: Bool) {
        self.correctness = correctness; self.format = format; self.calls = calls; self.wellFormed = wellFormed
        total = correctness + format + calls
    }
}

public enum Scoring {
    /// Well-formed: the trace ended with a non-empty answer, and every code block
    /// it closed held code and was run (each turn but the last ends in a block).
    public static func isWellFormed(_ trace: Trace) -> Bool {
        guard trace.end == .answer, let answer = trace.answer, !answer.isEmpty else { return false }
        return trace.cells.allSatisfy { !$0.code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && $0.result != nil }
    }

    public static func reward(_ trace: Trace, verdict: Verdict, config: RewardConfig) -> RewardParts {
        let wellFormed = isWellFormed(trace)
        return RewardParts(correctness: verdict.isCorrect ? config.correct : 0,
                           format: wellFormed ? config.formatBonus : config.formatPenalty,
                           calls: trace.codeCalls > config.callsBeforePenalty ? config.callPenalty : 0,
                           wellFormed: wellFormed)
    }

    /// Extracts the answer, asks the verifier, and stores answer, verdict and reward in the trace.
    public static func score(_ trace: inout Trace, task: any ReasoningTask, metadata: JSONValue, config: RewardConfig) {
        trace.answer = AnswerExtraction.lastAnswer(in: trace.modelText)
        let verdict: Verdict
        if let answer = trace.answer {
            verdict = answer.isEmpty ? .wrong("empty <<<>>> answer") : task.verify(answer: answer, metadata: metadata)
        } else {
            verdict = .wrong("no <<<answer>>> found (trace ended: \(trace.end.rawValue))")
        }
        trace.verdict = verdict
        trace.reward = reward(trace, verdict: verdict, config: config)
    }
}
