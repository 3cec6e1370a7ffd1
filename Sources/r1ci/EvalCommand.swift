// r1ci eval: run a model through the code-interpreter loop on fixed task items,
// store every trace, and print per-task accuracy, maj@K, code use and costs.
// Running the same command again (or --resume ID) continues an evaluation
// that was stopped, without redoing stored items. A remote model
// (openai:URL#NAME) runs the same loop over HTTP.

import ArgumentParser
import Foundation
import R1Agent
import R1Engine
import R1Sandbox
import R1Store
import R1Tasks

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a model on task items through the code-interpreter loop.",
        discussion: """
        Question i of each task is its item at seed 1000000000 + i. Every trace is stored in the \
        workspace; an evaluation that was killed resumes where it stopped when the same command runs \
        again (or with --resume ID). --show ID prints a stored evaluation without running anything.
        """)

    @Option(help: "Model: a known name (smollm2-135m), a GGUF path, or a server openai:http://HOST:PORT/v1#NAME.") var model = "smollm2-135m"
    @Option(help: "Remote models: the served model's tokenizer (a known name or a GGUF path; default: NAME when it is a known model).") var tokenizer: String?
    @Option(help: "Task split: test, train, extra, or a user split NAME[:test|train].") var split = "test"
    @Option(help: "Comma-separated task ids (default: every task of the split).") var tasks: String?
    @Option(help: "Questions per task.") var count = 20
    @Option(help: "Samples per question (mean@K, maj@K).") var samples = 1
    @Option(help: "Sampling temperature; 0 = greedy.") var temperature: Float = 0.6
    @Option(help: "Sampling seed.") var seed: UInt64 = 0
    @Option(help: "Difficulty level (index or name) for every task; default: each task's default.") var level: String?
    @Option(help: "Prompt style: free, code or text.") var style = "free"
    @Option(name: .customLong("max-code-calls"), help: "Code blocks run per trace.") var maxCodeCalls = 8
    @Option(name: .customLong("max-turn-tokens"), help: "New tokens per turn.") var maxTurnTokens = 1024
    @Option(name: .customLong("max-trace-tokens"), help: "Generated plus appended tokens per trace.") var maxTraceTokens = 3072
    @Option(name: .customLong("code-timeout-ms"), help: "Sandbox wall time per code call.") var codeTimeoutMs = 10_000
    @Option(help: "Evaluation name (default: model, split and date).") var name: String?
    @Option(help: "Resume the stored evaluation with this id (its own settings are used).") var resume: Int64?
    @Option(help: "Print the stored evaluation with this id and exit.") var show: Int64?
    @Option(help: "Traces decoded together (the samples of a question share its prefill).") var batch = 8
    @Option(help: "Engine threads (default: $R1CI_THREADS or all cores).") var threads: Int?
    @Flag(help: "Print one JSON object instead of the table.") var json = false
    @OptionGroup var workspaceOption: WorkspaceOption

    func validate() throws {
        guard count >= 1 else { throw InputError("--count must be ≥ 1") }
        guard samples >= 1 else { throw InputError("--samples must be ≥ 1") }
        guard temperature >= 0 else { throw InputError("--temperature must be ≥ 0") }
        guard maxCodeCalls >= 0 else { throw InputError("--max-code-calls must be ≥ 0") }
        guard maxTurnTokens >= 1 else { throw InputError("--max-turn-tokens must be ≥ 1") }
        guard maxTraceTokens >= 1 else { throw InputError("--max-trace-tokens must be ≥ 1") }
        guard (1...3_600_000).contains(codeTimeoutMs) else { throw InputError("--code-timeout-ms must be 1…3600000") }
        guard PromptStyle(rawValue: style) != nil else { throw InputError("--style must be free, code or text") }
        if let t = threads, t < 1 { throw InputError("--threads must be ≥ 1") }
        guard batch >= 1 else { throw InputError("--batch must be ≥ 1") }
    }

    func run() throws {
        let workspace = try workspaceOption.open()
        if let show {
            guard let record = try workspace.evaluation(id: show) else { throw InputError("no evaluation \(show) in the workspace") }
            try report(record, workspace: workspace)
            return
        }
        let id: Int64
        var opened: EvaluationModel?
        if let resume {
            guard let record = try workspace.evaluation(id: resume) else { throw InputError("no evaluation \(resume) in the workspace") }
            id = record.id
        } else {
            let config = try makeConfig()
            opened = try openModel(config)   // a model that cannot open fails before anything is stored
            if let old = try EvaluationRunner.unfinished(matching: config, in: workspace) {
                note("resuming evaluation \(old.id) (\(old.name)): same settings, not finished")
                id = old.id
            } else {
                id = try workspace.createEvaluation(name: name ?? defaultName(config), split: config.split, configJSON: config.json())
            }
        }
        guard let record = try workspace.evaluation(id: id) else { throw InputError("no evaluation \(id)") }
        let config = try agentCall { try EvaluationConfig.decode(record.configJSON) }
        let model = try opened ?? openModel(config)
        let dbPath = workspace.directory
        try workspace.setEvaluationState(id, state: "running")
        note("evaluation \(id): \(config.tasks.count) tasks × \(config.count) questions × \(config.samples) samples")
        let quiet = json, traces = batch
        do {
            try runBlocking {
                let sandbox = try Sandbox(config: SandboxConfig(slots: 2))
                do {
                    let store = try Workspace(directory: dbPath)
                    let runner = EvaluationRunner(workspace: store, model: model, runner: sandbox)
                    try await runner.run(evaluation: id, batch: traces) { p in
                        if quiet { return }
                        let t = p.trace, verdict = t.verdict?.isCorrect == true ? "right" : "wrong"
                        note("[\(p.done)/\(p.total)] \(p.key.task) q\(p.key.seed - Splits.defaultEvalSeedBase) s\(p.key.sample): "
                             + "\(verdict), \(t.end.rawValue), \(t.codeCalls) calls, \(t.generatedTokens) tokens")
                    }
                    await sandbox.shutdown()
                } catch {
                    await sandbox.shutdown()
                    throw error
                }
            }
        } catch let e as SandboxError {
            throw InputError("sandbox: \(e.description)")
        } catch let e as AgentError {
            throw InputError(e.description)
        }
        try report(try workspace.evaluation(id: id)!, workspace: workspace)
    }

    func makeConfig() throws -> EvaluationConfig {
        let named = tasks.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
        let selection = try SplitSelection.resolve(split, defaultSide: .test, workspace: try workspaceOption.openIfPresent())
        let ids = named.isEmpty ? selection.taskIDs : try EvaluationPlan.tasks(split: nil, named: named)
        guard !ids.isEmpty else { throw InputError("no tasks to evaluate") }
        let path = model.hasPrefix("openai:") ? try remoteSpec(model).spec : try wrap { try ModelCatalog.resolve(model) }
        var limits = AgentLimits()
        limits.maxCodeCalls = maxCodeCalls
        limits.maxTurnTokens = maxTurnTokens
        limits.maxTraceTokens = maxTraceTokens
        limits.codeWallMs = codeTimeoutMs
        let config = EvaluationConfig(model: model, modelPath: path, split: tasks == nil ? selection.label : nil, tasks: ids,
                                      count: count, samples: samples, temperature: temperature, seed: seed,
                                      level: level, style: PromptStyle(rawValue: style)!, limits: limits)
        _ = try EvaluationPlan.items(config)   // bad levels fail here, before anything is stored
        return config
    }

    /// The embedded engine, or for a remote model a fresh source per sample.
    func openModel(_ config: EvaluationConfig) throws -> EvaluationModel {
        guard config.modelPath.hasPrefix("openai:") else {
            let modelPath = try wrap { try ModelCatalog.resolve(config.modelPath) }
            return .engine(try wrap { try Engine(path: modelPath, threads: threads ?? Engine.defaultThreads) })
        }
        let (spec, backend) = try remoteSpec(config.modelPath)
        let local = try remoteTokenizer(spec: spec, named: tokenizer, backend: backend)
        return .sources { sampling in
            RemoteSource(backend: backend, tokenizer: local.tokenizer, template: local.template,
                         temperature: sampling.temperature, seed: sampling.seed, capacity: 1 << 30)
        }
    }

    func defaultName(_ c: EvaluationConfig) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return "\(c.model) \(c.split ?? "tasks") \(f.string(from: Date()))"
    }

    func report(_ record: EvaluationRecord, workspace: Workspace) throws {
        let summary = EvaluationSummary(try workspace.evaluationOutcomes(record.id))
        if json {
            let obj = EvaluationReport(id: record.id, name: record.name, state: record.state,
                                       config: try? EvaluationConfig.decode(record.configJSON), summary: summary)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            emit(String(decoding: try encoder.encode(obj), as: UTF8.self))
            return
        }
        emit("evaluation \(record.id): \(record.name) [\(record.state)]")
        emit(pad(["task", "q", "n", "acc", "maj@k", "code%", "calls", "turns", "tokens", "sbx s", "fail"]))
        for t in summary.tasks + [summary.all] {
            emit(pad([t.task, "\(t.questions)", "\(t.samples)", pct(t.accuracy), pct(t.majority), pct(t.codeUse),
                      String(format: "%.2f", t.meanCodeCalls), String(format: "%.2f", t.meanTurns),
                      String(format: "%.0f", t.meanTokens), String(format: "%.1f", t.sandboxSeconds), "\(t.failures)"]))
        }
        emit("mean of per-task accuracy: \(pct(summary.meanTaskAccuracy))")
    }
}

struct EvaluationReport: Encodable {
    let id: Int64
    let name: String
    let state: String
    let config: EvaluationConfig?
    let summary: EvaluationSummary
}

/// Fixed-width columns: the first left-aligned (28), the rest right-aligned (7).
func pad(_ cells: [String]) -> String {
    guard let first = cells.first else { return "" }
    let head = first.count >= 28 ? String(first.prefix(27)) + " " : first.padding(toLength: 28, withPad: " ", startingAt: 0)
    return head + cells.dropFirst().map { String(repeating: " ", count: max(1, 7 - $0.count)) + $0 }.joined()
}

func pct(_ x: Double) -> String { String(format: "%.1f", 100 * x) }

/// One line on stderr (progress and notes).
func note(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Maps agent errors to the CLI's one-line input errors.
func agentCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as AgentError { throw InputError(e.description) }
}
