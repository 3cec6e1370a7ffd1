// Runs an evaluation item by item through the loop, storing each finished item
// (trace, token blob, item row) before starting the next. Items already stored
// are skipped, so running the same evaluation again resumes it.

import Foundation
import R1Engine
import R1Store
import R1Tasks

public struct EvaluationProgress: Sendable {
    public let done: Int
    public let total: Int
    public let key: EvaluationItemKey
    public let trace: Trace
}

public final class EvaluationRunner {
    public let workspace: Workspace
    public let engine: Engine
    public let runner: any CodeRunner

    public init(workspace: Workspace, engine: Engine, runner: any CodeRunner) {
        self.workspace = workspace; self.engine = engine; self.runner = runner
    }

    /// Runs every item of evaluation `id` that is not stored yet, then marks it finished.
    /// The samples of a question share its prefill, and up to `batch` traces decode together
    /// (Rollouts); each trace is stored the moment it finishes.
    public func run(evaluation id: Int64, batch: Int = 8, onItem: ((EvaluationProgress) -> Void)? = nil) async throws {
        guard let record = try workspace.evaluation(id: id) else { throw AgentError("no evaluation \(id)") }
        let config = try EvaluationConfig.decode(record.configJSON)
        let plan = try EvaluationPlan.items(config)
        let done = Set(try workspace.evaluationItems(id).map(\.key))
        // The missing samples, grouped by question in plan order.
        var members: [[PlannedItem]] = []
        for planned in plan where !done.contains(planned.key) {
            if let first = members.last?.first, QuestionKey(first.key) == QuestionKey(planned.key) {
                members[members.count - 1].append(planned)
            } else {
                members.append([planned])
            }
        }
        let groups = members.map { m in
            RolloutGroup(prompt: RolloutPrompt(question: m[0].item.question,
                                               item: TraceItem(task: m[0].key.task, seed: m[0].key.seed,
                                                               index: m[0].key.index, level: m[0].key.level)),
                         samplings: m.map { config.sampling(for: $0.key) })
        }
        let agent = CodeInterpreterAgent(runner: runner, limits: config.limits, style: config.style)
        var finished = done.count
        var storeError: Error?
        _ = await Rollouts(engine: engine, agent: agent).run(groups, maxLiveTraces: batch) { g, i, finishedTrace in
            guard storeError == nil else { return }
            let planned = members[g][i], k = planned.key
            var trace = finishedTrace
            do {
                let task = try TaskRegistry.task(k.task)
                Scoring.score(&trace, task: task, metadata: planned.item.metadata, config: config.reward)
                let blob = try self.workspace.writeTraceTokens(trace, name: "eval\(id)-\(k.task)-\(k.seed)-\(k.index)-\(k.level)-\(k.sample).tokens.json")
                try self.workspace.recordEvaluationItem(evaluation: id, key: k, trace: trace.row(tokensBlob: blob))
            } catch {
                storeError = error
                return
            }
            finished += 1
            onItem?(EvaluationProgress(done: finished, total: plan.count, key: k, trace: trace))
        }
        if let storeError { throw storeError }
        try workspace.setEvaluationState(id, state: "finished")
    }

    /// The newest unfinished evaluation with exactly these settings, if any.
    public static func unfinished(matching config: EvaluationConfig, in workspace: Workspace) throws -> EvaluationRecord? {
        let json = config.json()
        return try workspace.evaluations().last { $0.state != "finished" && $0.configJSON == json }
    }
}

extension Workspace {
    /// What the summary needs of every stored sample of an evaluation.
    public func evaluationOutcomes(_ id: Int64) throws -> [SampleOutcome] {
        try evaluationItems(id).map { row in
            let trace = try row.traceID.flatMap { try loadTrace(id: $0, withTokens: false) }
            return SampleOutcome(key: row.key, score: row.score, answer: row.answer, codeCalls: row.numCodeCalls,
                                 turns: row.numTurns, generatedTokens: trace?.generatedTokens ?? 0,
                                 sandboxSeconds: trace?.sandboxSeconds ?? 0, end: row.endReason ?? "")
        }
    }
}
