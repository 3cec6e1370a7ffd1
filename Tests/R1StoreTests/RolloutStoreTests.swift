// The rollouts table: a step's samples recorded with their traces in one
// transaction, read back by group and sample, and dropped past a step (with
// their traces) when a run resumes from an earlier checkpoint.

import Foundation
import Testing
@testable import R1Store

@Suite struct RolloutStoreTests {
    func sample(_ group: Int, _ i: Int, answer: String?) -> RolloutRecord {
        let trace = TraceRow(task: "gcd", seed: UInt64(100 + group), itemIndex: 0, level: 1, answer: answer, score: nil, reward: 0.5,
                             numTurns: 1 + i, numCodeCalls: i, endReason: "eos", traceJSON: "{}", tokensBlob: nil)
        return RolloutRecord(group: group, sample: i, trace: trace, reward: Double(i) - 0.25, advantage: Double(group) - 0.5,
                             correct: i == 1, generatedTokens: 10 + i)
    }

    @Test func stepsRoundTripAndAResumeDropsLaterOnes() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir)
        let run = try ws.createRun(name: "g", kind: "grpo")
        let other = try ws.createRun(name: "h", kind: "grpo")
        let records = [sample(1, 1, answer: nil), sample(0, 0, answer: "6"), sample(0, 1, answer: "7")]
        let ids = try ws.recordRollouts(run: run, step: 1, records)
        try ws.recordRollouts(run: run, step: 2, [sample(0, 0, answer: "8")])
        try ws.recordRollouts(run: other, step: 5, [sample(0, 0, answer: "9")])
        #expect(try ws.rolloutSteps(run: run) == [1, 2])

        let back = try ws.rollouts(run: run, step: 1)
        #expect(back.map { [$0.group, $0.sample] } == [[0, 0], [0, 1], [1, 1]])
        #expect(back.map(\.trace.id) == [ids[1], ids[2], ids[0]])
        for (got, want) in zip(back, [records[1], records[2], records[0]]) {
            var expected = want
            expected.trace.id = got.trace.id; expected.trace.createdAt = got.trace.createdAt
            expected.trace.runID = run; expected.trace.step = 1
            #expect(got == expected)
        }

        try ws.deleteRollouts(run: run, afterStep: 1)
        #expect(try ws.rolloutSteps(run: run) == [1])
        #expect(try ws.db.scalar("SELECT COUNT(*) FROM traces WHERE run_id = \(run)").int == 3, "step 2's trace went with it")
        #expect(try ws.rolloutSteps(run: other) == [5])
        try ws.deleteRollouts(run: run, afterStep: -1)
        #expect(try ws.rolloutSteps(run: run).isEmpty && ws.rollouts(run: run, step: 1).isEmpty)
    }
}
