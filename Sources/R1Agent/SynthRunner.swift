// A synthesis run: task by task, item by item, traces from the oracle or a
// teacher, each verified by the task's verifier. A trace is kept only when it
// ended at its answer and the verifier accepts that answer (oracle traces must
// also have run exactly the planned programs); the rest are dropped and counted
// by reason. At most `cap` traces are kept per task; a task stops drawing items
// once it has that many.

import Foundation
import R1Engine
import R1Tasks

/// A kept trace, scored, with how it was made.
public struct SynthTrace: Sendable {
    public var trace: Trace
    public var variant: SynthVariant
}

/// What happened to every trace a run made.
public struct SynthCounts: Sendable, Codable, Equatable {
    public var items = 0
    public var attempted = 0
    public var kept = 0
    /// Dropped traces by reason: "rejected" (the verifier said no), "end:<reason>" (no answer), "oracle_failed".
    public var dropped: [String: Int] = [:]
    /// Kept traces per variant.
    public var variants: [String: Int] = [:]
    /// Kept traces per task.
    public var perTask: [String: Int] = [:]
    public init() {}

    public var droppedTotal: Int { dropped.values.reduce(0, +) }

    enum CodingKeys: String, CodingKey {
        case items, attempted, kept, dropped, variants
        case perTask = "per_task"
    }

    mutating func drop(_ reason: String) { dropped[reason, default: 0] += 1 }
}

public struct SynthRunner: Sendable {
    public let config: SynthConfig
    public let runner: any CodeRunner

    public init(config: SynthConfig, runner: any CodeRunner) { self.config = config; self.runner = runner }

    /// Verifies a finished trace: scores it and says why it is dropped, or nil to keep it.
    static func rejection(_ trace: inout Trace, task: any ReasoningTask, item: TaskItem) -> String? {
        Scoring.score(&trace, task: task, metadata: item.metadata, config: RewardConfig())
        guard trace.end == .answer else { return "end:\(trace.end.rawValue)" }
        return trace.verdict?.isCorrect == true ? nil : "rejected"
    }

    /// Oracle synthesis; `keep` stores each kept trace as soon as it is verified.
    public func runOracle(tokenizer: Tokenizer, template: ChatTemplate, capacity: Int,
                          keep: (SynthTrace) throws -> Void) async throws -> SynthCounts {
        var counts = SynthCounts()
        let synth = OracleSynthesizer(tokenizer: tokenizer, template: template, capacity: capacity, runner: runner, config: config)
        for id in config.tasks {
            let task = try TaskRegistry.task(id)
            var kept = 0
            for i in 0..<config.count where kept < config.cap {
                let item = try config.item(task, i)
                let program = task.oracle(metadata: item.metadata)
                counts.items += 1; counts.attempted += 1
                var (trace, variant) = await synth.trace(for: item, program: program)
                if var reason = Self.rejection(&trace, task: task, item: item) {
                    if variant != .text, trace.cells.first.map({ OracleSynthesizer.printed($0) == nil }) ?? false { reason = "oracle_failed" }
                    counts.drop(reason); continue
                }
                guard variant == .text || trace.cells.first?.code == program else { counts.drop("script_cut"); continue }
                try keep(SynthTrace(trace: trace, variant: variant))
                kept += 1
                counts.kept += 1; counts.variants[variant.rawValue, default: 0] += 1; counts.perTask[id, default: 0] += 1
            }
        }
        return counts
    }

    /// Teacher synthesis: K samples per item, kept when verified, at most `cap` per task.
    /// `batch` traces decode together on the embedded engine.
    public func runTeacher(_ model: EvaluationModel, batch: Int = 8,
                           keep: (SynthTrace) throws -> Void) async throws -> SynthCounts {
        var counts = SynthCounts()
        let agent = CodeInterpreterAgent(runner: runner, limits: config.limits, style: config.style)
        for id in config.tasks {
            let task = try TaskRegistry.task(id)
            var kept = 0, next = 0
            while next < config.count && kept < config.cap {
                // A handful of items at a time, so a task that reaches its cap stops early.
                let items = try (next..<min(config.count, next + max(1, batch / config.samples))).map { try config.item(task, $0) }
                next += items.count
                counts.items += items.count
                let samplings = items.map { item in (0..<config.samples).map { k in sampling(item, k) } }
                var traces: [[Trace]]
                switch model {
                case .engine(let engine):
                    let groups = zip(items, samplings).map { item, s in
                        RolloutGroup(prompt: RolloutPrompt(question: item.question, item: traceItem(item)), samplings: s)
                    }
                    traces = await Rollouts(engine: engine, agent: agent).run(groups, maxLiveTraces: batch).traces
                case .sources(let open):
                    traces = []
                    for (item, s) in zip(items, samplings) {
                        var group: [Trace] = []
                        for sampling in s {
                            let source = try open(sampling)
                            group.append(await agent.run(question: item.question, item: traceItem(item), source: source))
                        }
                        traces.append(group)
                    }
                }
                for (item, group) in zip(items, traces) {
                    for var trace in group {
                        counts.attempted += 1
                        if let reason = Self.rejection(&trace, task: task, item: item) { counts.drop(reason); continue }
                        guard kept < config.cap else { counts.drop("over_cap"); continue }
                        try keep(SynthTrace(trace: trace, variant: .teacher))
                        kept += 1
                        counts.kept += 1; counts.variants[SynthVariant.teacher.rawValue, default: 0] += 1
                        counts.perTask[id, default: 0] += 1
                    }
                }
            }
        }
        return counts
    }

    func traceItem(_ item: TaskItem) -> TraceItem {
        TraceItem(task: item.task, seed: item.seed, index: item.index, level: item.level)
    }

    /// Sample `k` of an item: the configured temperature and a seed of its own.
    func sampling(_ item: TaskItem, _ k: Int) -> SamplingParams {
        SamplingParams(temperature: config.temperature,
                       seed: fnv1a64("teacher|\(config.seed)|\(item.task)|\(item.seed)|\(item.level)|\(k)"))
    }
}
