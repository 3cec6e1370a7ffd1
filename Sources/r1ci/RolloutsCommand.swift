// r1ci rollouts: the GRPO rollout engine from the command line — G traces per
// task question, batched, with throughput and where the wall time went.
// --sequential runs the same traces one at a time, for comparison.

import ArgumentParser
import Foundation
import R1Agent
import R1Engine
import R1Sandbox
import R1Tasks

struct RolloutsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollouts", abstract: "Run batched rollouts (G samples per question) and report throughput.",
        discussion: """
        Question p is item p (seed 1000000000 + p) of the tasks taken in turn. Sample i of a question uses \
        seed --seed + i, so --sequential gives the same traces, one trace at a time.
        """)

    @Option(help: "Model: a known name (smollm2-135m) or a GGUF path.") var model = "smollm2-135m"
    @Option(help: "Comma-separated task ids (default: the test split).") var tasks: String?
    @Option(help: "Questions.") var prompts = 16
    @Option(help: "Samples per question (the GRPO group size).") var samples = 8
    @Option(help: "Sampling temperature.") var temperature: Float = 1.0
    @Option(help: "Sampling seed of sample 0.") var seed: UInt64 = 0
    @Option(help: "Prompt style: free, code or text.") var style = "free"
    @Option(name: .customLong("max-turn-tokens"), help: "New tokens per turn.") var maxTurnTokens = 256
    @Option(name: .customLong("max-trace-tokens"), help: "Generated plus appended tokens per trace.") var maxTraceTokens = 512
    @Option(name: .customLong("max-live"), help: "Traces in flight at once.") var maxLive = 32
    @Flag(help: "Run the traces one at a time instead.") var sequential = false
    @Option(help: "Engine threads (default: $R1CI_THREADS or all cores).") var threads: Int?
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        guard prompts >= 1 && samples >= 1 else { throw InputError("--prompts and --samples must be ≥ 1") }
        guard maxTurnTokens >= 1 && maxTraceTokens >= 1 else { throw InputError("token limits must be ≥ 1") }
        guard maxLive >= 1 else { throw InputError("--max-live must be ≥ 1") }
        guard PromptStyle(rawValue: style) != nil else { throw InputError("--style must be free, code or text") }
        if let t = threads, t < 1 { throw InputError("--threads must be ≥ 1") }
    }

    func run() throws {
        let named = tasks.map { $0.split(separator: ",").map(String.init) } ?? []
        let ids = try EvaluationPlan.tasks(split: .test, named: named)
        var questions: [RolloutPrompt] = []
        for p in 0..<prompts {
            let task = try TaskRegistry.task(ids[p % ids.count])
            let item = try task.item(seed: Splits.defaultEvalSeedBase + UInt64(p / ids.count), level: task.info.defaultLevel)
            questions.append(RolloutPrompt(question: item.question,
                                           item: TraceItem(task: item.task, seed: item.seed, index: item.index, level: item.level)))
        }
        let path = try wrap { try ModelCatalog.resolve(model) }
        let engine = try wrap { try Engine(path: path, threads: threads ?? Engine.defaultThreads) }
        var limits = AgentLimits()
        limits.maxTurnTokens = maxTurnTokens
        limits.maxTraceTokens = maxTraceTokens
        let (sampling, group, live, oneByOne, promptStyle) = (SamplingParams(temperature: temperature, seed: seed), samples,
                                                              maxLive, sequential, PromptStyle(rawValue: style)!)
        let timings: RolloutTimings
        let (qs, lim) = (questions, limits)
        do {
            timings = try runBlocking {
                let sandbox = try Sandbox(config: SandboxConfig(slots: 2))
                let agent = CodeInterpreterAgent(runner: sandbox, limits: lim, style: promptStyle)
                let t = oneByOne ? await Self.oneAtATime(qs, group: group, sampling: sampling, engine: engine, agent: agent)
                                 : await Rollouts(engine: engine, agent: agent).run(qs, groupSize: group, sampling: sampling,
                                                                                    maxLiveTraces: live).timings
                await sandbox.shutdown()
                return t
            }
        } catch let e as SandboxError {
            throw InputError("sandbox: \(e.description)")
        }
        if json {
            var obj = try JSONSerialization.jsonObject(with: JSONEncoder().encode(timings)) as! [String: Any]
            obj["mode"] = sequential ? "sequential" : "batched"
            obj["traces_per_minute"] = timings.tracesPerMinute
            obj["tokens_per_second"] = timings.tokensPerSecond
            obj["tokens_per_cpu_second"] = timings.cpuSeconds > 0 ? Double(timings.generatedTokens) / timings.cpuSeconds : 0
            emit(String(decoding: try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]), as: UTF8.self))
            return
        }
        let w = max(timings.wallSeconds, 1e-9)
        emit(String(format: "%@: %d traces, %d tokens, %d code calls in %.1f s: %.1f traces/min, %.1f tokens/s",
                    sequential ? "sequential" : "batched", timings.traces, timings.generatedTokens, timings.codeCalls,
                    timings.wallSeconds, timings.tracesPerMinute, timings.tokensPerSecond))
        emit(String(format: "CPU time of this process: %.1f s (%.1f tokens per CPU-second)", timings.cpuSeconds,
                    timings.cpuSeconds > 0 ? Double(timings.generatedTokens) / timings.cpuSeconds : 0))
        emit(String(format: "wall time: %.0f%% generation, %.0f%% waiting for the sandbox, %.0f%% other (programs ran %.1f s in all)",
                    100 * timings.generationSeconds / w, 100 * timings.sandboxWaitSeconds / w, 100 * timings.otherSeconds / w,
                    timings.sandboxRunSeconds))
    }

    /// The same traces through the one-trace loop, timed the same way: generation is every
    /// engine call (prompt and result prefill included), the sandbox wait every program run.
    static func oneAtATime(_ questions: [RolloutPrompt], group: Int, sampling: SamplingParams, engine: Engine,
                           agent: CodeInterpreterAgent) async -> RolloutTimings {
        var t = RolloutTimings()
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = RolloutTimings.processCPUSeconds()
        for q in questions {
            for i in 0..<group {
                var s = sampling; s.seed = sampling.seed &+ UInt64(i)
                let source = TimedSource(EngineSession(engine: engine, sampling: s))
                let trace = await agent.run(question: q.question, item: q.item, source: source)
                t.traces += 1
                t.generatedTokens += trace.generatedTokens
                t.codeCalls += trace.codeCalls
                t.generationSeconds += source.seconds
                t.sandboxWaitSeconds += trace.sandboxSeconds
                t.sandboxRunSeconds += trace.sandboxSeconds
            }
        }
        t.wallSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        t.cpuSeconds = RolloutTimings.processCPUSeconds() - cpuStart
        return t
    }
}

/// An engine session that adds up the wall time of every call into the engine.
private final class TimedSource: TokenSource {
    let session: EngineSession
    private(set) var seconds = 0.0
    init(_ session: EngineSession) { self.session = session }
    private func timed<T>(_ body: () throws -> T) rethrows -> T {
        let t0 = DispatchTime.now().uptimeNanoseconds
        defer { seconds += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9 }
        return try body()
    }
    func renderPrompt(system: String, user: String) -> (text: String, tokens: [Int32]) { session.renderPrompt(system: system, user: user) }
    func encodeAppended(_ text: String) -> [Int32] { session.encodeAppended(text) }
    var remaining: Int { session.remaining }
    func append(_ tokens: [Int32]) throws { try timed { try session.append(tokens) } }
    func generate(maxTokens: Int, stop: @escaping (String) -> Bool, onEvent: ((StreamEvent) -> Bool)?) throws -> SessionTurn {
        try timed { try session.generate(maxTokens: maxTokens, stop: stop, onEvent: onEvent) }
    }
    func closeTurn() throws -> (token: Int32, logprob: Float)? { try timed { try session.closeTurn() } }
}
