// Runs an evaluation item by item through the loop, storing each finished item
// (trace, token blob, item row) before starting the next. Items already stored
// are skipped, so running the same evaluation again resumes it. The embedded
// engine decodes many traces together; a remote model runs them one by one.

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

/// The model an evaluation runs: the embedded engine (batched rollouts), or a
/// source per sample (a remote server), whose traces run one at a time.
public enum EvaluationModel: Sendable {
    case engine(Engine)
    case sources(@Sendable (SamplingParams) throws -> any TokenSource)
}

public final class EvaluationRunner {
    public let workspace: Workspace
    public let model: EvaluationModel
    public let runner: any CodeRunner

    public init(workspace: Workspace, model: EvaluationModel, runner: any CodeRunner) {
        self.workspace = workspace; self.model = model; self.runner = runner
    }

    public convenience init(workspace: Workspace, engine: Engine, runner: any CodeRunner) {
        self.init(workspace: workspace, model: .engine(engine), runner: runner)
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
        let store: (Int, Int, Trace) -> Void = { g, i, finishedTrace in
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
        switch model {
        case .engine(let engine):
            _ = await Rollouts(engine: engine, agent: agent).run(groups, maxLiveTraces: batch, onTrace: store)
        case .sources(let open):
            for (g, group) in groups.enumerated() where storeError == nil {
                for (i, sampling) in group.samplings.enumerated() where storeError == nil {
                    do {
                        let source = try open(sampling)
                        store(g, i, await agent.run(question: group.prompt.question, item: group.prompt.item, source: source))
                    } catch {
                        storeError = error
                    }
                }
            }
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
