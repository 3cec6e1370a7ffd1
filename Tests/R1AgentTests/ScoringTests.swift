// Scoring and the v2 reward on real task items: the verifier's verdict on the
// extracted answer, and each reward part computed by hand for the case.

import Foundation
import Testing
import R1Agent
import R1Tasks

@Suite(.serialized) struct ScoringTests {
    let task = try! TaskRegistry.task("lcm")
    var item: TaskItem { try! task.item(seed: 1_000_000_000, level: task.info.defaultLevel) }

    func scored(_ script: String, limits: AgentLimits = AgentLimits()) async -> Trace {
        let agent = CodeInterpreterAgent(runner: Shared.sandbox, limits: limits)
        var trace = await agent.run(question: item.question, source: ScriptedSource(script))
        Scoring.score(&trace, task: task, metadata: item.metadata, config: RewardConfig())
        return trace
    }

    @Test func rightAnswerWellFormed() async throws {
        let trace = await scored("It is <<<\(item.gold)>>>")
        #expect(trace.verdict?.isCorrect == true)
        #expect(trace.reward == RewardParts(correctness: 1, format: 0.1, calls: 0, wellFormed: true))
        #expect(abs((trace.reward?.total ?? 0) - 1.1) < 1e-12)
    }

    @Test func wrongAndUnparseableAnswersScoreZeroWithAReason() async throws {
        let wrong = await scored("```python\nprint(3)\n```\n<<<not a number>>>")
        #expect(wrong.end == .answer && wrong.verdict?.score == 0 && wrong.verdict?.reason.isEmpty == false)
        #expect(wrong.reward == RewardParts(correctness: 0, format: 0.1, calls: 0, wellFormed: true))
        let empty = await scored("<<<>>>")
        #expect(empty.answer == "" && empty.verdict?.isCorrect == false)
        #expect(empty.reward == RewardParts(correctness: 0, format: -0.1, calls: 0, wellFormed: false))
        let none = await scored("no idea")
        #expect(none.answer == nil && none.verdict?.reason.contains("no <<<answer>>>") == true)
        #expect(none.reward?.format == -0.1)
    }

    @Test func moreThanSixCodeCallsArePenalised() async throws {
        let seven = String(repeating: "```python\nprint(0)\n```\n", count: 7) + "<<<\(item.gold)>>>"
        let trace = await scored(seven)
        #expect(trace.codeCalls == 7)
        #expect(trace.reward == RewardParts(correctness: 1, format: 0.1, calls: -0.1, wellFormed: true))
        let six = await scored(String(repeating: "```python\nprint(0)\n```\n", count: 6) + "<<<\(item.gold)>>>")
        #expect(six.reward?.calls == 0)
    }

    @Test func emptyCodeBlockIsNotWellFormed() async throws {
        let trace = await scored("```python\n```\n<<<\(item.gold)>>>")
        #expect(trace.cells.count == 1 && trace.cells[0].code == "")
        #expect(trace.reward == RewardParts(correctness: 1, format: -0.1, calls: 0, wellFormed: false))
    }

    @Test func rewardSettingsAreHonoured() {
        var config = RewardConfig()
        config.correct = 2; config.formatBonus = 0.5; config.callsBeforePenalty = 0; config.callPenalty = -1
        var trace = Trace(item: nil, question: "q", style: .free)
        trace.end = .answer; trace.answer = "x"
        trace.cells = [CodeCell(code: "print(1)", segment: 1, result: .init(status: .ok))]
        let parts = Scoring.reward(trace, verdict: .correct(), config: config)
        #expect(parts == RewardParts(correctness: 2, format: 0.5, calls: -1, wellFormed: true))
    }
}
