// What the Compare page reads, on hand-made workspaces and traces: the
// question filter (every bucket populated, answers and numbers carried), the
// evaluation listing's accuracy, and a trace laid out as parts.

import Foundation
import Testing
import R1Agent
import R1Sandbox
import R1Store

struct CompareViewTests {
    /// A workspace with evaluations 1 (A) and 2 (B) over questions 0…5 of "navigate", one
    /// sample each, scored so that every bucket holds a question (see `scores`).
    func workspace() throws -> (Workspace, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-compare-\(UUID().uuidString)")
        let ws = try Workspace(directory: dir)
        // question: (score A, score B) → fixed 3, 4; regressed 0; both right 1, 2; both wrong 5
        let scores: [(Double, Double)] = [(1, 0), (1, 1), (1, 1), (0, 1), (0, 1), (0, 0)]
        for side in 0..<2 {
            let id = try ws.createEvaluation(name: "side \(side)", split: "test", configJSON: "{}")
            for (q, pair) in scores.enumerated() {
                let score = side == 0 ? pair.0 : pair.1
                let key = EvaluationItemKey(task: "navigate", seed: 1_000_000_000 + UInt64(q), index: 0, level: 0, sample: 0)
                var trace = Trace(item: TraceItem(task: "navigate", seed: key.seed, index: 0, level: 0), question: "q\(q)", style: .free)
                trace.answer = score == 1 ? "Yes" : "No \(side)"
                try ws.recordEvaluationItem(evaluation: id, key: key, trace: trace.row(tokensBlob: nil).with(score: score))
            }
        }
        return (ws, dir)
    }

    @Test func filtersEveryBucketTaskAndSide() throws {
        let (ws, dir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        func numbers(_ json: String) throws -> [UInt64] {
            try ws.comparedQuestions(1, 2, filter: ComparisonFilter(json: json)).map(\.number)
        }
        #expect(try numbers("{}") == [0, 1, 2, 3, 4, 5])
        #expect(try numbers(#"{"buckets": ["fixed"]}"#) == [3, 4])
        #expect(try numbers(#"{"buckets": ["regressed"]}"#) == [0])
        #expect(try numbers(#"{"buckets": ["both_right"]}"#) == [1, 2])
        #expect(try numbers(#"{"buckets": ["both_wrong", "regressed"]}"#) == [0, 5])
        #expect(try numbers(#"{"a_correct": true}"#) == [0, 1, 2])
        #expect(try numbers(#"{"b_correct": false}"#) == [0, 5])
        #expect(try numbers(#"{"a_correct": false, "b_correct": true}"#) == [3, 4])
        #expect(try numbers(#"{"task": "dice"}"#) == [])
        let first = try ws.comparedQuestions(1, 2, filter: ComparisonFilter()).first!
        #expect(first.answerA == "Yes" && first.answerB == "No 1" && first.comparison.bucket == .regressed)
        #expect(throws: AgentError.self) { try ComparisonFilter(json: #"{"bucket": "fixed"}"#) }
        #expect(throws: AgentError.self) { try ComparisonFilter(json: #"{"buckets": ["better"]}"#) }
        #expect(throws: AgentError.self) { try ComparisonFilter(json: #"{"task": 3}"#) }
        #expect(throws: AgentError.self) { try ComparisonFilter(json: "[]") }
        #expect(throws: AgentError.self) { try ws.comparison(1, 9) }
    }

    @Test func listingAccuracyIsTheMeanScore() throws {
        let (ws, dir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let listed = try ws.evaluationListings()
        #expect(listed.map(\.id) == [1, 2])
        #expect(listed.map(\.accuracy) == [0.5, 4.0 / 6])
        #expect(listed.allSatisfy { $0.questions == 6 && $0.items == 6 && $0.tasks == ["navigate"] })
    }

    @Test func traceLaidOutAsParts() throws {
        var trace = Trace(item: nil, question: "What is 6 * 7?", style: .free)
        trace.segments = [
            TraceSegment(kind: .prompt, text: "<prompt>", tokens: [1]),
            TraceSegment(kind: .model, text: "Let me compute.\n```python\nprint(6 * 7)\n```", tokens: [2]),
            TraceSegment(kind: .execution, text: "\nCode Execution Results:\n```\n42\n```\n", tokens: [3]),
            TraceSegment(kind: .model, text: "So <<<42>>>", tokens: [4]),
        ]
        trace.cells = [CodeCell(code: "print(6 * 7)", segment: 1, result: RunResult(status: .ok, exitCode: 0, stdout: "42\n"))]
        let parts = TraceView(id: 7, trace: trace).parts
        #expect(parts.map(\.kind) == [.prompt, .text, .code, .result, .text])
        #expect(parts[1].text == "Let me compute.")
        #expect(parts[2].text == "print(6 * 7)" && parts[2].ran == true)
        #expect(parts[3].run?.stdout == "42\n" && parts[3].text.contains("Code Execution Results:"))
        #expect(parts[4].text == "So <<<42>>>")

        // A block left open is shown as code that did not run; in the text style ``` is prose.
        var open = Trace(item: nil, question: "q", style: .free)
        open.segments = [TraceSegment(kind: .model, text: "Try:\n```python\nx = 1\n", tokens: [1])]
        let openParts = TraceView(id: 1, trace: open).parts
        #expect(openParts.map(\.kind) == [.text, .code] && openParts[1].text == "x = 1\n" && openParts[1].ran == false)
        open.style = .text
        #expect(TraceView(id: 1, trace: open).parts.map(\.kind) == [.text])
    }
}

extension TraceRow {
    func with(score: Double) -> TraceRow {
        var row = self
        row.score = score
        return row
    }
}
