// Evaluation arithmetic on hand-made outcomes: mean@K, maj@K (ties go to the
// answer seen first), code use, failures, the mean of per-task accuracies, and
// the exact McNemar p-value against direct binomial sums.

import Foundation
import Testing
import R1Agent
import R1Store

struct SummaryTests {
    func outcome(_ task: String, q: UInt64, sample: Int, answer: String?, score: Double, calls: Int = 0,
                 end: String = "answer") -> SampleOutcome {
        SampleOutcome(key: EvaluationItemKey(task: task, seed: q, index: 0, level: 0, sample: sample), score: score,
                      answer: answer, codeCalls: calls, turns: calls + 1, generatedTokens: 10 * (sample + 1),
                      sandboxSeconds: 0.5 * Double(calls), end: end)
    }

    @Test func meanAndMajority() {
        let xs = [
            // q1: "7" twice (wrong), "5" once (right) → majority wrong
            outcome("a", q: 1, sample: 0, answer: "5", score: 1, calls: 1),
            outcome("a", q: 1, sample: 1, answer: "7", score: 0),
            outcome("a", q: 1, sample: 2, answer: "7", score: 0),
            // q2: "5" twice (right) → majority right
            outcome("a", q: 2, sample: 0, answer: "5", score: 1, calls: 2),
            outcome("a", q: 2, sample: 1, answer: "5", score: 1),
            outcome("a", q: 2, sample: 2, answer: nil, score: 0, end: "eos"),
            // task b, q1: a tie between "x" (seen first, wrong) and "y" (right) → wrong
            outcome("b", q: 1, sample: 0, answer: "x", score: 0, end: "sandbox_failure"),
            outcome("b", q: 1, sample: 1, answer: "y", score: 1, calls: 3),
        ]
        let s = EvaluationSummary(xs)
        let a = s.tasks.first { $0.task == "a" }!, b = s.tasks.first { $0.task == "b" }!
        #expect(a.questions == 2 && a.samples == 6)
        #expect(abs(a.accuracy - 3.0 / 6) < 1e-12)
        #expect(a.majority == 0.5)
        #expect(abs(a.codeUse - 2.0 / 6) < 1e-12 && abs(a.meanCodeCalls - 3.0 / 6) < 1e-12)
        #expect(a.ends == ["answer": 5, "eos": 1])
        #expect(b.majority == 0 && b.accuracy == 0.5 && b.failures == 1 && b.sandboxSeconds == 1.5)
        #expect(s.all.samples == 8 && abs(s.all.accuracy - 4.0 / 8) < 1e-12)
        #expect(abs(s.meanTaskAccuracy - (0.5 + 0.5) / 2) < 1e-12)
        #expect(abs(s.all.meanTokens - Double(10 + 20 + 30 + 10 + 20 + 30 + 10 + 20) / 8) < 1e-12)
    }

    @Test func exactMcNemarAgainstBinomialSums() {
        func direct(_ b: Int, _ c: Int) -> Double {
            let n = b + c
            guard n > 0 else { return 1 }
            var tail = 0.0, choose = 1.0   // C(n, 0)
            for k in 0...min(b, c) {
                if k > 0 { choose = choose * Double(n - k + 1) / Double(k) }
                tail += choose
            }
            return min(1, 2 * tail / pow(2, Double(n)))
        }
        for (b, c) in [(0, 0), (0, 5), (5, 0), (3, 9), (10, 10), (1, 30), (25, 40)] {
            #expect(abs(Comparison.exactMcNemar(fixed: b, regressed: c) - direct(b, c)) < 1e-12, "\(b) \(c)")
        }
        #expect(abs(Comparison.exactMcNemar(fixed: 0, regressed: 6) - 2.0 / 64) < 1e-15)
    }
}
