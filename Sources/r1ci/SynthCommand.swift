// r1ci synth: build SFT traces through the real code-interpreter loop, from the
// tasks' oracle programs or from a teacher model with rejection sampling, store
// them in the workspace as a set, and write them as chat-messages JSONL.
//   r1ci synth --source oracle --tasks game24,navigate --count 20 --out sft.jsonl
//   r1ci synth --source teacher --model openai:http://HOST:8000/v1#Qwen2.5-7B-Instruct --tokenizer qwen.gguf …
//   r1ci synth export SET --out sft.jsonl
//   r1ci synth list

import ArgumentParser
import Foundation
import R1Agent
import R1Engine
import R1Sandbox
import R1Store
import R1Tasks

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth", abstract: "Synthesise SFT traces (oracle programs or a teacher model) and export them as JSONL.",
        subcommands: [SynthRun.self, SynthExportCommand.self, SynthList.self], defaultSubcommand: SynthRun.self)
}

struct SynthRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Make a synthesis set (the default subcommand).",
        discussion: """
        Item i of a task is its item at seed --seed + i (training seeds) and, without --level, at level \
        i mod the task's level count. Every trace runs through the loop and the sandbox and is kept only \
        when the task's verifier accepts its answer; at most --cap traces are kept per task.
        """)

    @Option(help: "Where traces come from: oracle or teacher.") var source: String
    @Option(help: "Teacher: a known name, a GGUF path or openai:URL#NAME. Oracle: the model whose tokenizer encodes the traces.")
    var model = "smollm2-135m"
    @Option(help: "Remote teacher: the served model's tokenizer (a known name or a GGUF path; default NAME when known).") var tokenizer: String?
    @Option(help: "Comma-separated task ids (default: every task of the training split).") var tasks: String?
    @Option(help: "Items per task.") var count = 10
    @Option(help: "Seed of item 0 (items use consecutive seeds).") var seed: UInt64 = 0
    @Option(help: "Difficulty level (index or name) for every item; default: cycle through each task's levels.") var level: String?
    @Option(help: "Teacher: samples per item (rejection sampling).") var samples = 4
    @Option(help: "Teacher: sampling temperature.") var temperature: Float = 0.7
    @Option(help: "Kept traces per task, at most.") var cap = 70
    @Option(help: "Teacher: prompt style (free, code or text).") var style = "free"
    @Option(name: .customLong("check-share"), help: "Oracle: share of traces that check the answer with a second program.") var checkShare = 0.25
    @Option(name: .customLong("text-share"), help: "Oracle: share of easy items (short gold answer) answered in text alone.") var textShare = 0.15
    @Option(name: .customLong("max-code-calls"), help: "Code blocks run per trace.") var maxCodeCalls = 8
    @Option(name: .customLong("max-turn-tokens"), help: "New tokens per turn.") var maxTurnTokens = 2048
    @Option(name: .customLong("max-trace-tokens"), help: "Generated plus appended tokens per trace.") var maxTraceTokens = 6144
    @Option(name: .customLong("code-timeout-ms"), help: "Sandbox wall time per code call.") var codeTimeoutMs = 10_000
    @Option(help: "Set name (default: source, model and date).") var name: String?
    @Option(help: "Also write the kept traces as JSONL here.") var out: String?
    @Option(help: "JSONL shape: tool (assistant/tool messages) or inline (one assistant message).") var shape = "tool"
    @Option(help: "Teacher on the embedded engine: traces decoded together.") var batch = 8
    @Option(help: "Engine threads (default: $R1CI_THREADS or all cores).") var threads: Int?
    @Flag(help: "Print one JSON object instead of text.") var json = false
    @OptionGroup var workspaceOption: WorkspaceOption

    func validate() throws {
        guard let s = SynthSource(rawValue: source) else { throw InputError("--source must be oracle or teacher") }
        guard count >= 1 else { throw InputError("--count must be ≥ 1") }
        guard samples >= 1 else { throw InputError("--samples must be ≥ 1") }
        guard cap >= 1 else { throw InputError("--cap must be ≥ 1") }
        guard temperature >= 0 else { throw InputError("--temperature must be ≥ 0") }
        guard (0...1).contains(checkShare), (0...1).contains(textShare) else { throw InputError("--check-share and --text-share must be in [0, 1]") }
        guard maxCodeCalls >= 0, maxTurnTokens >= 1, maxTraceTokens >= 1 else { throw InputError("limits must be ≥ 1 (code calls ≥ 0)") }
        guard (1...3_600_000).contains(codeTimeoutMs) else { throw InputError("--code-timeout-ms must be 1…3600000") }
        guard PromptStyle(rawValue: style) != nil else { throw InputError("--style must be free, code or text") }
        guard SynthExportShape(rawValue: shape) != nil else { throw InputError("--shape must be tool or inline") }
        guard batch >= 1 else { throw InputError("--batch must be ≥ 1") }
        if let t = threads, t < 1 { throw InputError("--threads must be ≥ 1") }
        if s == .oracle, model.hasPrefix("openai:") { throw InputError("--source oracle needs a local model for its tokenizer, not \(model)") }
    }

    func makeConfig() throws -> SynthConfig {
        let named = tasks.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
        let ids = try EvaluationPlan.tasks(split: .train, named: named)
        guard !ids.isEmpty else { throw InputError("no tasks to synthesise") }
        var config = SynthConfig(source: SynthSource(rawValue: source)!, tasks: ids, count: count, seed: seed)
        config.level = level; config.samples = samples; config.temperature = temperature; config.cap = cap
        config.style = PromptStyle(rawValue: style)!; config.checkShare = checkShare; config.textShare = textShare
        config.limits.maxCodeCalls = maxCodeCalls; config.limits.maxTurnTokens = maxTurnTokens
        config.limits.maxTraceTokens = maxTraceTokens; config.limits.codeWallMs = codeTimeoutMs
        config.model = model
        config.modelPath = model.hasPrefix("openai:") ? try remoteSpec(model).spec : try wrap { try ModelCatalog.resolve(model) }
        try agentCall { try config.validate() }
        return config
    }

    func run() throws {
        let config = try makeConfig()
        if let out { try agentCall { try SynthExport.checkWritable(out) } }
        let workspace = try workspaceOption.open()
        let threadCount = threads ?? Engine.defaultThreads
        // Everything that can fail on bad input fails here, before a set is created.
        let teacher: EvaluationModel?, engine: Engine?
        if config.source == .teacher, let spec = config.modelPath, spec.hasPrefix("openai:") {
            let (_, backend) = try remoteSpec(spec)
            let tok = try remoteTokenizer(spec: spec, named: tokenizer, backend: backend)
            teacher = .sources { s in
                RemoteSource(backend: backend, tokenizer: tok.tokenizer, template: tok.template,
                             temperature: s.temperature, seed: s.seed, capacity: 1 << 30)
            }
            engine = nil
        } else {
            let local = try wrap { try Engine(path: config.modelPath!, threads: threadCount) }
            teacher = config.source == .teacher ? .engine(local) : nil
            engine = local
        }
        let set = try workspace.createSynthSet(name: name ?? defaultName(config), config: config)
        if !json { note("synthesis set \(set): \(config.source.rawValue), \(config.tasks.count) tasks × \(config.count) items") }
        let dbPath = workspace.directory, batchSize = batch, quiet = json
        let counts: SynthCounts
        do {
            counts = try runBlocking {
                let sandbox = try Sandbox(config: SandboxConfig(slots: 2))
                do {
                    let store = try Workspace(directory: dbPath)
                    var number = 0
                    let keep: (SynthTrace) throws -> Void = { kept in
                        number += 1
                        try store.storeSynthTrace(set: set, kept, number: number)
                        if !quiet, let item = kept.trace.item {
                            note("kept \(number): \(item.task) seed \(item.seed) level \(item.level) (\(kept.variant.rawValue), "
                                 + "\(kept.trace.codeCalls) calls, \(kept.trace.generatedTokens) tokens)")
                        }
                    }
                    let runner = SynthRunner(config: config, runner: sandbox)
                    let counts: SynthCounts
                    if let teacher {
                        counts = try await runner.runTeacher(teacher, batch: batchSize, keep: keep)
                    } else {
                        let engine = engine!
                        counts = try await runner.runOracle(tokenizer: engine.tokenizer, template: engine.template,
                                                            capacity: engine.model.config.contextLength, keep: keep)
                    }
                    await sandbox.shutdown()
                    return counts
                } catch {
                    await sandbox.shutdown()
                    throw error
                }
            }
        } catch let e as SandboxError {
            try? workspace.setRunState(set, state: "failed")
            throw InputError("sandbox: \(e.description)")
        } catch let e as AgentError {
            try? workspace.setRunState(set, state: "failed")
            throw InputError(e.description)
        } catch {
            try? workspace.setRunState(set, state: "failed")
            throw error
        }
        try workspace.finishSynthSet(set, counts: counts)
        if let out { try agentCall { try SynthExport.write(try workspace.synthTraces(set: set), to: out, shape: SynthExportShape(rawValue: shape)!) } }
        report(set: set, counts: counts)
    }

    func report(set: Int64, counts: SynthCounts) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            emit(String(decoding: (try? encoder.encode(SynthReport(set: set, counts: counts, out: out))) ?? Data("{}".utf8), as: UTF8.self))
            return
        }
        emit("set \(set): kept \(counts.kept) of \(counts.attempted) traces from \(counts.items) items")
        for (variant, n) in counts.variants.sorted(by: { $0.key < $1.key }) { emit("  \(variant): \(n)") }
        for (reason, n) in counts.dropped.sorted(by: { $0.key < $1.key }) { emit("  dropped \(reason): \(n)") }
        if let out { emit("wrote \(out)") }
    }

    func defaultName(_ c: SynthConfig) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return "\(c.source.rawValue) \(c.model ?? "") \(f.string(from: Date()))"
    }
}

struct SynthReport: Encodable {
    let set: Int64
    let counts: SynthCounts
    let out: String?
}

struct SynthExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write a stored synthesis set as chat-messages JSONL.")

    @Argument(help: "The set id (r1ci synth list).") var set: Int64
    @Option(help: "Output file (written whole or not at all).") var out: String
    @Option(help: "JSONL shape: tool (assistant/tool messages) or inline (one assistant message).") var shape = "tool"
    @OptionGroup var workspaceOption: WorkspaceOption

    func validate() throws {
        guard SynthExportShape(rawValue: shape) != nil else { throw InputError("--shape must be tool or inline") }
    }

    func run() throws {
        try agentCall { try SynthExport.checkWritable(out) }
        let workspace = try workspaceOption.open()
        guard try workspace.synthSet(set) != nil else { throw InputError("no synthesis set \(set) in the workspace") }
        let traces = try agentCall { try workspace.synthTraces(set: set) }
        try agentCall { try SynthExport.write(traces, to: out, shape: SynthExportShape(rawValue: shape)!) }
        emit("wrote \(traces.count) traces to \(out)")
    }
}

struct SynthList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the synthesis sets of the workspace.")
    @OptionGroup var workspaceOption: WorkspaceOption

    func run() throws {
        let workspace = try workspaceOption.open()
        for s in try workspace.synthSets() {
            emit("\(s.run.id)\t\(s.run.state)\t\(s.traces) traces\t\(s.run.name)")
        }
    }
}
