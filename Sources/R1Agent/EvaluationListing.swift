// One line per stored evaluation, for pickers: what ran (model, split, tasks,
// sizes, sampling), how far it got, and its accuracy — the same number
// `r1ci eval --show ID` reports as "all", computed by EvaluationSummary from
// the item rows alone (no trace is read, so listing a big workspace is quick).

import Foundation
import R1Store

public struct EvaluationListing: Sendable, Encodable, Equatable {
    public var id: Int64
    public var name: String
    /// running | finished | failed
    public var state: String
    public var model: String?
    public var split: String?
    public var tasks: [String]
    /// Questions per task, samples per question, as configured.
    public var count: Int?
    public var samples: Int?
    public var temperature: Float?
    public var seed: UInt64?
    /// Distinct questions and (question, sample) items stored so far, and items planned.
    public var questions: Int
    public var items: Int
    public var planned: Int?
    /// Mean score over the stored samples (mean@K), 0 when none is stored.
    public var accuracy: Double
    /// Unix seconds.
    public var createdAt: Double
    public var finishedAt: Double?

    enum CodingKeys: String, CodingKey {
        case id, name, state, model, split, tasks, count, samples, temperature, seed, questions, items, planned, accuracy
        case createdAt = "created_at", finishedAt = "finished_at"
    }
}

extension Workspace {
    /// Every evaluation, oldest first.
    public func evaluationListings() throws -> [EvaluationListing] {
        try evaluations().map { record in
            let config = try? EvaluationConfig.decode(record.configJSON)
            let rows = try evaluationItems(record.id)
            let summary = EvaluationSummary(rows.map { row in
                SampleOutcome(key: row.key, score: row.score, answer: row.answer, codeCalls: row.numCodeCalls,
                              turns: row.numTurns, generatedTokens: 0, sandboxSeconds: 0, end: row.endReason ?? "")
            })
            return EvaluationListing(
                id: record.id, name: record.name, state: record.state, model: config?.model,
                split: config?.split ?? record.split, tasks: config?.tasks ?? summary.tasks.map(\.task),
                count: config?.count, samples: config?.samples, temperature: config?.temperature, seed: config?.seed,
                questions: summary.all.questions, items: rows.count,
                planned: config.map { $0.tasks.count * $0.count * $0.samples },
                accuracy: summary.all.accuracy, createdAt: record.createdAt, finishedAt: record.finishedAt)
        }
    }
}
