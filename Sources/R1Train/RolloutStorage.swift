// A background GRPO/PPO run's rollouts in the workspace: every step's trained
// groups stored as traces (token blob first, then the rows), and read back as
// the JSON that `r1ci runs rollouts --json` prints and r1ci_run_rollouts_json
// returns:
//   {"run", "step", "steps": [...], "groups": [{"task", "seed", "level", "question",
//     "samples": [{"trace_id", "reward", "advantage", "correct", "turns", "code_calls",
//                  "generated_tokens", "end", "answer"}]}]}

import Foundation
import R1Agent
import R1Store

extension Workspace {
    /// Stores the groups a step trained on with their rewards and advantages.
    public func storeRollouts(run: Int64, report: RLStepReport) throws {
        let step = report.metrics.step
        var records: [RolloutRecord] = []
        for (g, group) in report.traces.enumerated() {
            for (i, trace) in group.enumerated() {
                let blob = try writeTraceTokens(trace, name: "run\(run)-step\(step)-g\(g)-s\(i).tokens.json")
                records.append(RolloutRecord(group: g, sample: i, trace: trace.row(tokensBlob: blob), reward: report.rewards[g][i],
                                             advantage: report.advantages[g][i], correct: trace.verdict?.isCorrect == true,
                                             generatedTokens: trace.generatedTokens))
            }
        }
        try recordRollouts(run: run, step: Int64(step), records)
    }
}

/// One step's rollouts of a run, in the shape of the JSON above.
public struct RunRollouts: Encodable, Sendable {
    public struct Sample: Encodable, Sendable {
        public let traceID: Int64
        public let reward, advantage: Double
        public let correct: Bool
        public let turns, codeCalls, generatedTokens: Int
        public let end: String
        public let answer: String?

        enum CodingKeys: String, CodingKey {
            case traceID = "trace_id", reward, advantage, correct, turns, codeCalls = "code_calls"
            case generatedTokens = "generated_tokens", end, answer
        }
        /// As synthesized, but a missing answer is written as null rather than left out.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(traceID, forKey: .traceID); try c.encode(reward, forKey: .reward)
            try c.encode(advantage, forKey: .advantage); try c.encode(correct, forKey: .correct)
            try c.encode(turns, forKey: .turns); try c.encode(codeCalls, forKey: .codeCalls)
            try c.encode(generatedTokens, forKey: .generatedTokens); try c.encode(end, forKey: .end)
            try c.encode(answer, forKey: .answer)
        }
    }
    public struct Group: Encodable, Sendable {
        public let task: String
        public let seed: UInt64
        public let level: Int
        public let question: String
        public let samples: [Sample]
    }
    public let run: Int64
    /// The step shown: the one asked for, or the latest with rollouts (-1 when there is none).
    public let step: Int64
    public let steps: [Int64]
    public let groups: [Group]

    /// Step `step` of `run` (-1: its latest step with rollouts). Throws StoreError for an unknown run.
    public init(workspace: Workspace, run: Int64, step: Int64) throws {
        _ = try workspace.runDetail(run)
        steps = try workspace.rolloutSteps(run: run)
        let shown = step < 0 ? (steps.last ?? -1) : step
        let records = shown < 0 ? [] : try workspace.rollouts(run: run, step: shown)
        var groups: [Group] = []
        for members in Dictionary(grouping: records, by: \.group).sorted(by: { $0.key < $1.key }).map(\.value) {
            let first = members[0].trace
            let question = (try? Trace.decodeSummary(first.traceJSON))?.question ?? ""
            let samples = members.map { r in
                Sample(traceID: r.trace.id, reward: r.reward, advantage: r.advantage, correct: r.correct, turns: r.trace.numTurns,
                       codeCalls: r.trace.numCodeCalls, generatedTokens: r.generatedTokens, end: r.trace.endReason ?? "",
                       answer: r.trace.answer)
            }
            groups.append(Group(task: first.task, seed: first.seed, level: first.level, question: question, samples: samples))
        }
        self.run = run; self.step = shown; self.groups = groups
    }

    /// Sorted keys, no escaped slashes.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
