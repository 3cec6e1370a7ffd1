// The loop driven by a scripted token source and the real sandbox: the normal
// shape of a trace (segments, masks, tokens the model saw) and every bad input
// of issue 6 §11, each ending with its recorded reason.

import Foundation
import Testing
import R1Agent
import R1Engine
import R1Sandbox
import R1Tasks

@Suite(.serialized) struct LoopTests {
    func agent(_ limits: AgentLimits = AgentLimits(), style: PromptStyle = .free) -> CodeInterpreterAgent {
        CodeInterpreterAgent(runner: Shared.sandbox, limits: limits, style: style)
    }

    @Test func codeRunsAndTheResultIsAppendedWithMaskZero() async throws {
        let script = "Let me compute.\n```python\nprint(6 * 7)\n```\nThe program says 42, so <<<42>>> and more text"
        let source = ScriptedSource(script)
        let trace = await agent().run(question: "What is 6 times 7?", source: source)
        #expect(trace.end == .answer)
        #expect(trace.answer == "42")
        #expect(trace.segments.map(\.kind) == [.prompt, .model, .execution, .model])
        #expect(trace.segments[1].text == "Let me compute.\n```python\nprint(6 * 7)\n```")
        #expect(trace.cells.count == 1 && trace.cells[0].code == "print(6 * 7)")
        #expect(trace.cells[0].result?.status == .ok && trace.cells[0].result?.stdout == "42\n")
        #expect(trace.segments[2].text == "\nCode Execution Results:\n```\n42\n```\n")
        #expect(trace.segments[3].text == "\nThe program says 42, so <<<42>>>")
        // Token-in/token-out: the trace's ids are exactly what the source saw, in order.
        #expect(trace.tokenIDs == source.seen)
        let mask = trace.lossMask
        #expect(mask.count == trace.tokenIDs.count && trace.logprobs.count == mask.count)
        var offset = 0
        for (k, seg) in trace.segments.enumerated() {
            let want: Int32 = seg.kind == .model ? 1 : 0
            #expect(mask[offset..<(offset + seg.tokens.count)].allSatisfy { $0 == want })
            // The answer's turn ends with the end-of-turn token (0), trained on like the rest of the turn.
            let closing: [Int32] = k == trace.segments.count - 1 ? [0] : []
            #expect(seg.tokens == ScriptedSource.tokens(seg.text) + closing, "\(seg.kind) tokens are its text")
            offset += seg.tokens.count
        }
        #expect(trace.tokenIDs.last == 0 && mask.last == 1 && trace.logprobs.last == -0.125)
        #expect(trace.turns == 2 && trace.codeCalls == 1)
    }

    @Test func tenThousandCodeBlocksStopAtTheCallLimit() async throws {
        let script = String(repeating: "```python\nprint(1)\n```\n", count: 10_000)
        let trace = await agent().run(question: "q", source: ScriptedSource(script))
        #expect(trace.end == .codeCallLimit)
        #expect(trace.cells.count == 8)
        #expect(trace.turns == 9)
        #expect(trace.cells.allSatisfy { $0.result?.stdout == "1\n" })
    }

    @Test func neverClosedBlockEndsAsUnclosed() async throws {
        let script = "```python\nwhile True:\n" + String(repeating: "    x = 1\n", count: 5_000)
        var limits = AgentLimits()
        limits.maxTurnTokens = 300
        let trace = await agent(limits).run(question: "q", source: ScriptedSource(script))
        #expect(trace.end == .unclosedCodeBlock)
        #expect(trace.cells.isEmpty)
        #expect(trace.generatedTokens == 300)
        // Also when the model's turn ends inside the block.
        let short = await agent().run(question: "q", source: ScriptedSource("```python\nprint(1)\n"))
        #expect(short.end == .unclosedCodeBlock)
    }

    @Test func binaryJunkIsShownAsTextAndCut() async throws {
        let code = "import sys\nsys.stdout.buffer.write(bytes(range(256)) * 40)\nsys.stdout.flush()"
        let script = "```python\n\(code)\n```\nDone: <<<junk>>>"
        var limits = AgentLimits()
        limits.maxResultTokens = 300
        let trace = await agent(limits).run(question: "q", source: ScriptedSource(script))
        #expect(trace.end == .answer && trace.answer == "junk")
        let result = try #require(trace.segments.first { $0.kind == .execution })
        #expect(result.tokens.count <= 300)
        #expect(result.text.contains("[output truncated:"))
        let controls = result.text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F..<0xA0).contains($0.value) }
        #expect(controls.isEmpty)
    }

    @Test func sandboxFailureMidTraceIsRecorded() async throws {
        let broken = try Sandbox(config: SandboxConfig(slots: 1, preload: []))
        await broken.shutdown()
        let script = "First.\n```python\nprint(2)\n```\n<<<2>>>"
        let trace = await CodeInterpreterAgent(runner: broken).run(question: "q", source: ScriptedSource(script))
        #expect(trace.end == .sandboxFailure)
        #expect(trace.endDetail?.isEmpty == false)
        #expect(trace.cells.count == 1 && trace.cells[0].failure != nil && trace.cells[0].result == nil)
        #expect(trace.end.isFailure)
    }

    @Test func programErrorsAndTimeoutsGoBackToTheModel() async throws {
        var limits = AgentLimits()
        limits.codeWallMs = 500
        let script = "```python\n1/0\n```\nagain\n```python\nwhile True: pass\n```\n<<<x>>>"
        let trace = await agent(limits).run(question: "q", source: ScriptedSource(script))
        #expect(trace.end == .answer)
        #expect(trace.cells.map { $0.result?.status } == [.error, .timeout])
        let results = trace.segments.filter { $0.kind == .execution }.map(\.text)
        #expect(results[0].contains("ZeroDivisionError"))
        #expect(results[1].contains("time limit"))
    }

    @Test func onlyAnAnswerGetsTheEndOfTurnToken() async throws {
        // answer: the closing token is added once, in the last model segment.
        let answered = await agent().run(question: "q", source: ScriptedSource("so <<<1>>>"))
        #expect(answered.end == .answer && answered.segments.last?.tokens == ScriptedSource.tokens("so <<<1>>>") + [0])
        #expect(answered.generatedTokens == "so <<<1>>>".count + 1)
        // eos: the model's own end token is there already; nothing is added.
        let eos = await agent().run(question: "q", source: ScriptedSource("no idea"))
        #expect(eos.end == .endOfSequence && eos.segments.last?.tokens == ScriptedSource.tokens("no idea") + [0])
        // Cut-short ends: turn limit, unclosed block, code-call limit, trace limit — no closing token.
        var limits = AgentLimits()
        limits.maxTurnTokens = 5
        let turnCut = await agent(limits).run(question: "q", source: ScriptedSource("a long answer <<<1>>>"))
        #expect(turnCut.end == .turnTokenLimit && turnCut.segments.last?.tokens == ScriptedSource.tokens("a lon"))
        let unclosed = await agent().run(question: "q", source: ScriptedSource("```python\nprint(1)\n"))
        #expect(unclosed.end == .unclosedCodeBlock && unclosed.segments.last?.tokens.last == 0)
        limits = AgentLimits()
        limits.maxCodeCalls = 0
        let calls = await agent(limits).run(question: "q", source: ScriptedSource("```python\nprint(1)\n```\n<<<1>>>"))
        #expect(calls.end == .codeCallLimit && calls.segments.last?.tokens.last != 0)
        limits = AgentLimits()
        limits.maxTraceTokens = 4
        let traceCut = await agent(limits).run(question: "q", source: ScriptedSource("<<<12345>>>"))
        #expect(traceCut.end == .traceTokenLimit && traceCut.generatedTokens == 4)
    }

    @Test func endOfSequenceWithoutAnswer() async throws {
        let trace = await agent().run(question: "q", source: ScriptedSource("I do not know."))
        #expect(trace.end == .endOfSequence && trace.answer == nil)
    }

    @Test func textStyleDoesNotRunCode() async throws {
        let script = "```python\nprint(1)\n```\nso <<<1>>>"
        let trace = await agent(style: .text).run(question: "q", source: ScriptedSource(script))
        #expect(trace.end == .answer && trace.cells.isEmpty && trace.turns == 1)
    }

    @Test func traceTokenLimitAndContext() async throws {
        var limits = AgentLimits()
        limits.maxTraceTokens = 50
        let long = String(repeating: "words ", count: 100)
        let capped = await agent(limits).run(question: "q", source: ScriptedSource(long))
        #expect(capped.end == .traceTokenLimit && capped.generatedTokens == 50)
        let promptCount = ScriptedSource("").renderPrompt(system: PromptStyle.free.systemPrompt(maxCodeCalls: 8), user: "q").tokens.count
        let source = ScriptedSource(long, capacity: promptCount + 100)
        let full = await agent().run(question: "q", source: source)
        #expect(full.end == .context)
        #expect(source.seen.count == promptCount + 100 && full.generatedTokens == 100)
        let tiny = await agent().run(question: "q", source: ScriptedSource(long, capacity: 10))
        #expect(tiny.end == .context && tiny.segments.isEmpty)
    }

    @Test func answerInsideCodeDoesNotEndTheTurn() async throws {
        let script = "```python\nprint('<<<7>>>')\n```\nfinal <<<8>>>"
        let trace = await agent().run(question: "q", source: ScriptedSource(script))
        #expect(trace.end == .answer && trace.cells.count == 1 && trace.answer == "8")
    }
}
