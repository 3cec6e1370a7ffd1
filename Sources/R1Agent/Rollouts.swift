// Many traces at once, the rollout engine for GRPO: G samples of each prompt
// share one prefill (forked sessions), every generating trace advances one token
// per step through a single batched forward, and code runs in the sandbox pool
// while the others keep generating. A trace waiting for its program simply
// drops out of the batch until the result is appended.

import Foundation
import R1Engine

public struct RolloutPrompt: Sendable {
    public var question: String
    public var item: TraceItem?
    public init(question: String, item: TraceItem? = nil) { self.question = question; self.item = item }
}

/// Traces that share a prompt (and its prefill): one per sampling setting.
public struct RolloutGroup: Sendable {
    public var prompt: RolloutPrompt
    public var samplings: [SamplingParams]
    public init(prompt: RolloutPrompt, samplings: [SamplingParams]) { self.prompt = prompt; self.samplings = samplings }
}

/// Where the wall time of a rollout run went.
public struct RolloutTimings: Sendable, Codable, Equatable {
    public var wallSeconds = 0.0
    /// Engine work: prefill, batched decode steps, appending execution results.
    public var generationSeconds = 0.0
    /// Waiting with no trace able to generate while programs ran.
    public var sandboxWaitSeconds = 0.0
    /// Sum of every program's run time (runs overlap generation and each other).
    public var sandboxRunSeconds = 0.0
    public var traces = 0
    public var generatedTokens = 0
    public var codeCalls = 0
    /// CPU time of this process over the run, all threads (programs run in other processes).
    public var cpuSeconds = 0.0
    public init() {}

    /// User + system CPU seconds this process has used so far.
    public static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    public var tracesPerMinute: Double { wallSeconds > 0 ? Double(traces) * 60 / wallSeconds : 0 }
    public var tokensPerSecond: Double { wallSeconds > 0 ? Double(generatedTokens) / wallSeconds : 0 }
    /// Wall time neither generating nor waiting for the sandbox (bookkeeping, scheduling).
    public var otherSeconds: Double { max(0, wallSeconds - generationSeconds - sandboxWaitSeconds) }

    enum CodingKeys: String, CodingKey {
        case traces
        case wallSeconds = "wall_seconds", generationSeconds = "generation_seconds"
        case sandboxWaitSeconds = "sandbox_wait_seconds", sandboxRunSeconds = "sandbox_run_seconds"
        case generatedTokens = "generated_tokens", codeCalls = "code_calls", cpuSeconds = "cpu_seconds"
    }
}

/// Finished programs, handed from the sandbox tasks to the decode loop.
private final class RunInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var done: [(row: Int, cell: CodeCell, seconds: Double)] = []
    private var waiter: CheckedContinuation<Void, Never>?

    func put(_ row: Int, _ cell: CodeCell, _ seconds: Double) {
        lock.lock()
        done.append((row, cell, seconds))
        let w = waiter; waiter = nil
        lock.unlock()
        w?.resume()
    }

    func drain() -> [(row: Int, cell: CodeCell, seconds: Double)] {
        lock.withLock { defer { done = [] }; return done }
    }

    /// Returns once something is there (at once when it already is).
    func wait() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            lock.lock()
            if done.isEmpty { waiter = c; lock.unlock() } else { lock.unlock(); c.resume() }
        }
    }
}

/// One trace in flight.
private final class RolloutRow {
    let prompt: Int, sample: Int
    let session: EngineSession
    var builder: TraceBuilder
    var watcher: TurnWatcher
    var turn = SessionTurn()
    var budget = 0
    var turnStart = DispatchTime.now().uptimeNanoseconds
    var generating = false
    init(prompt: Int, sample: Int, session: EngineSession, builder: TraceBuilder) {
        self.prompt = prompt; self.sample = sample; self.session = session; self.builder = builder
        watcher = builder.newWatcher()
    }
}

public struct Rollouts: Sendable {
    public let engine: Engine
    public let agent: CodeInterpreterAgent

    public init(engine: Engine, agent: CodeInterpreterAgent) { self.engine = engine; self.agent = agent }

    /// `groupSize` traces per prompt; sample i of a prompt samples with seed `sampling.seed + i`.
    /// traces[p][i] is sample i of prompt p.
    public func run(_ prompts: [RolloutPrompt], groupSize: Int, sampling: SamplingParams,
                    maxLiveTraces: Int = 32) async -> (traces: [[Trace]], timings: RolloutTimings) {
        let groups = prompts.map { p in
            RolloutGroup(prompt: p, samplings: (0..<groupSize).map { i in
                var s = sampling; s.seed = sampling.seed &+ UInt64(i); return s
            })
        }
        return await run(groups, maxLiveTraces: maxLiveTraces)
    }

    /// Every sample of every group; sample i of a group is the trace `agent.run` makes with
    /// `samplings[i]`. At most `maxLiveTraces` (rounded up to a whole group) are in flight at
    /// once; `onTrace(group, sample, trace)` hears of each trace as soon as it is finished.
    /// traces[g][i] is sample i of group g.
    public func run(_ groups: [RolloutGroup], maxLiveTraces: Int = 32,
                    onTrace: ((Int, Int, Trace) -> Void)? = nil) async -> (traces: [[Trace]], timings: RolloutTimings) {
        let limits = agent.limits
        var results = groups.map { g in [Trace?](repeating: nil, count: g.samplings.count) }
        var timings = RolloutTimings()
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = RolloutTimings.processCPUSeconds()
        func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
        func seconds(since t: UInt64) -> Double { Double(now() - t) / 1e9 }

        var rows: [RolloutRow] = []
        var live = Set<Int>()       // indices into rows
        var next = 0                // next prompt to admit
        let inbox = RunInbox()

        func finish(_ r: Int) {
            let row = rows[r]
            live.remove(r)
            row.generating = false
            if row.builder.trace.end == .answer { row.builder.closeAnswerTurn(try? row.session.closeTurn()) }
            results[row.prompt][row.sample] = row.builder.trace
            onTrace?(row.prompt, row.sample, row.builder.trace)
        }
        func startTurn(_ r: Int) {
            let row = rows[r]
            guard let budget = row.builder.nextTurnBudget() else { finish(r); return }
            row.budget = budget
            row.watcher = row.builder.newWatcher()
            row.turn = SessionTurn()
            row.turnStart = now()
            row.generating = true
        }
        /// Prefills prompt p once and forks its group.
        func admit(_ p: Int) {
            let t0 = now()
            defer { timings.generationSeconds += seconds(since: t0) }
            let question = groups[p].prompt.question
            let groupSize = groups[p].samplings.count
            var builder = TraceBuilder(question: question, item: groups[p].prompt.item, style: agent.style, limits: limits)
            let probe = EngineSession(engine: engine, capacity: 1)
            let prompt = probe.renderPrompt(system: builder.systemPrompt, user: question)
            let capacity = min(engine.model.config.contextLength, prompt.tokens.count + limits.maxTraceTokens + 1)
            let parent = EngineSession(engine: engine, capacity: capacity, sampling: .greedy)
            var children: [EngineSession] = []
            if builder.begin(prompt: prompt, remaining: capacity) {
                do {
                    try parent.append(prompt.tokens)
                    for s in groups[p].samplings { children.append(try parent.fork(sampling: s)) }
                } catch {
                    builder.end(.engineFailure, "\(error)")
                }
            }
            for i in 0..<groupSize {
                let row = RolloutRow(prompt: p, sample: i, session: children.isEmpty ? parent : children[i], builder: builder)
                rows.append(row)
                live.insert(rows.count - 1)
                if builder.finished { finish(rows.count - 1) } else { startTurn(rows.count - 1) }
            }
        }
        /// A turn ended: run its code in the background or finish the trace.
        func endTurn(_ r: Int, reason: SessionStopReason) {
            let row = rows[r]
            row.generating = false
            row.turn.reason = reason
            row.turn.text += row.session.finishTurnText()
            row.turn.seconds = seconds(since: row.turnStart)
            guard let code = row.builder.finishTurn(row.turn, watcher: row.watcher) else { finish(r); return }
            let agent = self.agent
            Task.detached {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let cell = await agent.runCode(code)
                inbox.put(r, cell, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            }
        }

        while next < groups.count || !live.isEmpty {
            while next < groups.count
                    && (live.isEmpty || live.count + groups[next].samplings.count <= max(maxLiveTraces, groups[next].samplings.count)) {
                admit(next); next += 1
            }
            // Results that came back: append them and go on generating.
            for (r, cell, runSeconds) in inbox.drain() {
                let row = rows[r]
                timings.sandboxRunSeconds += runSeconds
                guard row.builder.recordRun(cell, seconds: runSeconds) else { finish(r); continue }
                let t0 = now()
                let feedback = row.builder.feedback(encode: row.session.encodeAppended)
                if row.builder.acceptFeedback(feedback, remaining: row.session.remaining) {
                    do { try row.session.append(feedback.tokens); startTurn(r) }
                    catch { row.builder.end(.engineFailure, "\(error)"); finish(r) }
                } else {
                    finish(r)
                }
                timings.generationSeconds += seconds(since: t0)
            }
            var generating = live.filter { rows[$0].generating }.sorted()
            for r in generating where rows[r].session.remaining == 0 { endTurn(r, reason: .context) }
            generating = generating.filter { rows[$0].generating }
            if generating.isEmpty {
                if live.isEmpty { continue }
                let t0 = now()
                await inbox.wait()
                timings.sandboxWaitSeconds += seconds(since: t0)
                continue
            }
            let t0 = now()
            let steps = EngineSession.sampleTogether(generating.map { rows[$0].session })
            timings.generationSeconds += seconds(since: t0)
            for (r, step) in zip(generating, steps) {
                let row = rows[r]
                row.turn.tokens.append(step.event.token); row.turn.logprobs.append(step.event.logprob)
                row.turn.text += step.event.text
                if step.endOfGeneration { endTurn(r, reason: .endOfGeneration) }
                else if row.watcher.feed(step.event.text) { endTurn(r, reason: .stopped) }
                else if row.turn.tokens.count >= row.budget { endTurn(r, reason: .length) }
                else if row.session.remaining == 0 { endTurn(r, reason: .context) }
            }
        }
        timings.wallSeconds = seconds(since: start)
        timings.cpuSeconds = RolloutTimings.processCPUSeconds() - cpuStart
        let traces = results.map { $0.map { $0! } }
        let flat = traces.flatMap { $0 }
        timings.traces = flat.count
        timings.generatedTokens = flat.reduce(0) { $0 + $1.generatedTokens }
        timings.codeCalls = flat.reduce(0) { $0 + $1.codeCalls }
        return (traces, timings)
    }
}
