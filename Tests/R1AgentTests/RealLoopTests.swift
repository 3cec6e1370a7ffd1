// One trace through the real loop: SmolLM2-135M, the real sandbox, the real
// tokenizer. Its accuracy is not the point; its bookkeeping is: the ids the
// trace keeps are the ids the session saw, masks are 0 on prompt and execution
// results and 1 on generated tokens, every model segment decodes to its text,
// and execution results are tokenised exactly as appended.

import Foundation
import Testing
import R1Agent
import R1Engine
import R1Tasks

@Suite(.serialized, .enabled(if: Shared.engine != nil, "SmolLM2-135M is not installed"))
struct RealLoopTests {
    @Test func traceBookkeepingOnTheRealModel() async throws {
        let engine = try #require(Shared.engine)
        var limits = AgentLimits()
        limits.maxTurnTokens = 120
        limits.maxTraceTokens = 320
        limits.maxCodeCalls = 2
        let agent = CodeInterpreterAgent(runner: Shared.sandbox, limits: limits, style: .code)
        let session = EngineSession(engine: engine, capacity: 2048)
        let task = try TaskRegistry.task("lcm")
        let item = try task.item(seed: 1_000_000_000, level: 0)
        var events = 0
        var trace = await agent.run(question: "Write a Python program that prints the least common multiple of 12 and 18.",
                                    source: session) { _ in events += 1; return true }
        Scoring.score(&trace, task: task, metadata: item.metadata, config: RewardConfig())

        #expect(trace.tokenIDs == session.tokens)
        #expect(trace.segments.first?.kind == .prompt)
        #expect(trace.end != .engineFailure && trace.end != .sandboxFailure, "\(trace.endDetail ?? "")")
        let eog = engine.tokenizer.endOfGeneration
        for seg in trace.segments {
            switch seg.kind {
            case .prompt:
                #expect(seg.logprobs.isEmpty)
            case .model:
                #expect(seg.logprobs.count == seg.tokens.count && seg.logprobs.allSatisfy { $0 <= 0 && $0.isFinite })
                #expect(engine.tokenizer.decode(seg.tokens.filter { !eog.contains($0) }) == seg.text)
            case .execution:
                #expect(seg.text.hasPrefix("\nCode Execution Results:\n"))
                #expect(seg.tokens == engine.tokenizer.encode(seg.text))
            }
        }
        let mask = trace.lossMask
        #expect(mask.count == session.tokens.count)
        #expect(mask.reduce(0) { $0 + Int($1) } == trace.generatedTokens)
        #expect(events >= trace.generatedTokens)
        #expect(trace.reward != nil && trace.verdict != nil)
        #expect(trace.generationSeconds > 0 && trace.segments.filter { $0.kind == .model }.allSatisfy { $0.seconds > 0 })
        // Every closed block ran, and the model's next turn saw its result.
        for cell in trace.cells {
            #expect(cell.result != nil)
            #expect(trace.segments[cell.segment].kind == .model && trace.segments[cell.segment].text.hasSuffix("```"))
        }
        print("real trace: end \(trace.end.rawValue), \(trace.turns) turns, \(trace.codeCalls) code calls, "
              + "\(trace.generatedTokens) generated, \(trace.appendedTokens) appended tokens")
    }
}
