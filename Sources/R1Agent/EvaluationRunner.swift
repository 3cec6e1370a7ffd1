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
    public func run(evaluation id: Int64, onItem: ((EvaluationProgress) -> Void)? = nil) async throws {
        guard let record = try workspace.evaluation(id: id) else { throw AgentError("no evaluation \(id)") }
        let config = try EvaluationConfig.decode(record.configJSON)
        let plan = try EvaluationPlan.items(config)
        let done = Set(try workspace.evaluationItems(id).map(\.key))
        let agent = CodeInterpreterAgent(runner: runner, limits: config.limits, style: config.style)
        var finished = done.count
        for planned in plan where !done.contains(planned.key) {
            let task = try TaskRegistry.task(planned.key.task)
            let session = EngineSession(engine: engine, sampling: config.sampling(for: planned.key))
            let item = TraceItem(task: planned.key.task, seed: planned.key.seed, index: planned.key.index,
                                 level: planned.key.level)
            var trace = await agent.run(question: planned.item.question, item: item, source: session)
            Scoring.score(&trace, task: task, metadata: planned.item.metadata, config: config.reward)
            let k = planned.key
            let blob = try workspace.writeTraceTokens(trace, name: "eval\(id)-\(k.task)-\(k.seed)-\(k.index)-\(k.level)-\(k.sample).tokens.json")
            try workspace.recordEvaluationItem(evaluation: id, key: k, trace: trace.row(tokensBlob: blob))
            finished += 1
            onItem?(EvaluationProgress(done: finished, total: plan.count, key: k, trace: trace))
        }
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
