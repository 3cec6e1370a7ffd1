// A stored trace laid out for reading: the question, then in order the model's
// prose, each code cell it wrote, each execution result, and at the end the
// answer, the verdict and the reward parts. Model turns stop right after a
// ```python block closes or an answer completes, so a model segment is prose
// followed by at most one block, at its end; the block's code is the cell's
// code as it ran.

import Foundation
import R1Sandbox
import R1Store
import R1Tasks

public struct TraceView: Sendable, Encodable {
    public enum PartKind: String, Sendable, Encodable { case prompt, text, code, result }

    public struct Part: Sendable, Encodable {
        public var kind: PartKind
        /// prompt: the rendered prompt; text: prose; code: the program; result: the text appended to the context.
        public var text: String
        /// code: whether it ran (a cell was recorded for it); a block left open or past the call limit did not.
        public var ran: Bool?
        /// result: the run's record (status, exit code, stdout, stderr, timing), when there was one.
        public var run: RunResult?
        /// result: why the executor gave no result, when it failed.
        public var failure: String?
    }

    public var id: Int64
    public var task: String?
    public var seed: UInt64?
    public var index: UInt64?
    public var level: Int?
    public var question: String
    /// The item's gold answer, regenerated from the task library (nil for free-text questions).
    public var gold: String?
    public var style: String
    public var parts: [Part]
    public var end: String
    public var endDetail: String?
    public var answer: String?
    public var verdict: Verdict?
    public var reward: RewardParts?
    public var turns: Int
    public var codeCalls: Int
    public var generatedTokens: Int
    public var generationSeconds: Double
    public var sandboxSeconds: Double

    enum CodingKeys: String, CodingKey {
        case id, task, seed, index, level, question, gold, style, parts, end, answer, verdict, reward, turns
        case endDetail = "end_detail", codeCalls = "code_calls", generatedTokens = "generated_tokens"
        case generationSeconds = "generation_seconds", sandboxSeconds = "sandbox_seconds"
    }

    public init(id: Int64, trace: Trace) {
        self.id = id
        task = trace.item?.task; seed = trace.item?.seed; index = trace.item?.index; level = trace.item?.level
        question = trace.question
        gold = trace.item.flatMap { item in
            try? TaskRegistry.task(item.task).item(seed: item.seed, level: item.level, index: item.index).gold
        }
        style = trace.style.rawValue
        end = trace.end.rawValue; endDetail = trace.endDetail
        answer = trace.answer; verdict = trace.verdict; reward = trace.reward
        turns = trace.turns; codeCalls = trace.codeCalls; generatedTokens = trace.generatedTokens
        generationSeconds = trace.generationSeconds; sandboxSeconds = trace.sandboxSeconds
        parts = TraceView.parts(of: trace)
    }

    static func parts(of trace: Trace) -> [Part] {
        var parts: [Part] = []
        var resultsShown = 0
        for (i, segment) in trace.segments.enumerated() {
            switch segment.kind {
            case .prompt:
                parts.append(Part(kind: .prompt, text: segment.text))
            case .model:
                let cell = trace.cells.first { $0.segment == i }
                let (prose, block) = split(segment.text, watchCode: trace.style.runsCode)
                if !prose.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    parts.append(Part(kind: .text, text: prose))
                }
                if let block { parts.append(Part(kind: .code, text: cell?.code ?? block, ran: cell != nil)) }
                if let cell, cell.failure != nil || cell.result?.status == .sandboxError {
                    // The executor failed: no execution segment follows; show why here.
                    parts.append(Part(kind: .result, text: "", run: cell.result, failure: cell.failure ?? cell.result?.sandboxMessage))
                    resultsShown += 1
                }
            case .execution:
                let cell = trace.cells.indices.contains(resultsShown) ? trace.cells[resultsShown] : nil
                resultsShown += 1
                parts.append(Part(kind: .result, text: segment.text, run: cell?.result, failure: cell?.failure))
            }
        }
        return parts
    }

    /// Splits a model turn into its prose and the ```python block at its end (the
    /// block's body without fences; nil when the turn holds no block, as the
    /// loop's TurnWatcher decides).
    static func split(_ text: String, watchCode: Bool) -> (prose: String, block: String?) {
        var watcher = TurnWatcher(watchCode: watchCode)
        _ = watcher.feed(text + "\n")
        guard watcher.event == .codeClosed || watcher.inCodeBlock else { return (text, nil) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let open = lines.lastIndex(where: {
            $0.drop(while: { $0 == " " || $0 == "\t" }).lowercased().hasPrefix("```py")
        }) else { return (text, nil) }
        var body = lines[(open + 1)...]
        if let last = body.last, last.trimmingCharacters(in: .whitespaces) == "```" { body = body.dropLast() }
        return (lines[..<open].joined(separator: "\n"), body.joined(separator: "\n"))
    }
}

extension Workspace {
    /// A stored trace laid out for reading; nil when there is no trace `id`.
    public func traceView(id: Int64) throws -> TraceView? {
        try loadTrace(id: id, withTokens: false).map { TraceView(id: id, trace: $0) }
    }
}
