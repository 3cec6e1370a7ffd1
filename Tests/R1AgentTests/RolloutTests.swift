// Batched rollouts on the real SmolLM2: each trace of a group equals the trace
// the one-at-a-time loop makes with the same seed (same tokens, same cells, same
// end), although the group shares one prefill, decodes in one batch, and runs
// code while the other traces go on generating.

import Foundation
import Testing
import R1Agent
import R1Engine
import R1Tasks

@Suite(.serialized, .enabled(if: Shared.engine != nil, "SmolLM2-135M is not installed"))
struct RolloutTests {
    @Test func batchedTracesEqualSequentialTraces() async throws {
        let engine = try #require(Shared.engine)
        var limits = AgentLimits()
        limits.maxTurnTokens = 48
        limits.maxTraceTokens = 110
        let agent = CodeInterpreterAgent(runner: Shared.sandbox, limits: limits, style: .code)
        let prompts = [
            RolloutPrompt(question: "Write a Python program that prints 2**10."),
            RolloutPrompt(question: try TaskRegistry.task("lcm").item(seed: 1_000_000_000, level: 0).question),
        ]
        let sampling = SamplingParams(temperature: 0.9, seed: 100)
        let (batched, timings) = await Rollouts(engine: engine, agent: agent).run(prompts, groupSize: 3, sampling: sampling,
                                                                                  maxLiveTraces: 4)
        #expect(batched.count == 2 && batched.allSatisfy { $0.count == 3 })
        #expect(timings.traces == 6)
        #expect(timings.generatedTokens == batched.flatMap { $0 }.reduce(0) { $0 + $1.generatedTokens })
        for (p, prompt) in prompts.enumerated() {
            for i in 0..<3 {
                var s = sampling; s.seed += UInt64(i)
                let session = EngineSession(engine: engine, sampling: s)
                let one = await agent.run(question: prompt.question, source: session)
                let b = batched[p][i]
                #expect(b.tokenIDs == one.tokenIDs, "prompt \(p) sample \(i)")
                #expect(b.logprobs == one.logprobs)
                #expect(b.end == one.end && b.cells.map(\.code) == one.cells.map(\.code))
                #expect(b.segments.map(\.kind) == one.segments.map(\.kind))
            }
        }
        // Samples of a group differ (own seeds), and they share the prompt tokens.
        #expect(Set(batched[0].map(\.tokenIDs)).count > 1)
        #expect(Set(batched[0].map { $0.segments[0].tokens }).count == 1)
    }
}
