// The loop's decisions for one trace, apart from how tokens are produced: what
// the prompt is, how many tokens the next turn may use, what a finished turn
// means (run code, answer, a limit), and how an execution result goes back.
// The one-trace loop (CodeInterpreterAgent.run) and the batched rollouts
// (Rollouts) both drive it, so both end traces for the same reasons.

import Foundation
import R1Engine
import R1Tasks

struct TraceBuilder {
    let limits: AgentLimits
    let style: PromptStyle
    private(set) var trace: Trace
    private(set) var finished = false
    /// Generated + appended tokens so far (the prompt not counted).
    private var used = 0
    private var budget = 0

    init(question: String, item: TraceItem?, style: PromptStyle, limits: AgentLimits) {
        self.limits = limits; self.style = style
        trace = Trace(item: item, question: question, style: style)
    }

    var systemPrompt: String { style.systemPrompt(maxCodeCalls: limits.maxCodeCalls) }

    /// Records the prompt; false (trace ended) when it leaves no room to generate.
    /// The caller appends the tokens to its source after a true.
    mutating func begin(prompt: (text: String, tokens: [Int32]), remaining: Int) -> Bool {
        guard prompt.tokens.count < remaining else {
            end(.context, "prompt of \(prompt.tokens.count) tokens leaves no room to generate"); return false
        }
        trace.segments.append(TraceSegment(kind: .prompt, text: prompt.text, tokens: prompt.tokens))
        return true
    }

    /// Token limit of the next turn, or nil when the trace budget is spent (trace ended).
    mutating func nextTurnBudget() -> Int? {
        budget = min(limits.maxTurnTokens, limits.maxTraceTokens - used)
        guard budget > 0 else { end(.traceTokenLimit, "\(used) tokens"); return nil }
        return budget
    }

    func newWatcher() -> TurnWatcher { TurnWatcher(watchCode: style.runsCode) }

    /// Records a finished turn; returns the code to run, or nil when the trace ended.
    mutating func finishTurn(_ turn: SessionTurn, watcher: TurnWatcher, cancelled: Bool = false) -> String? {
        used += turn.tokens.count
        trace.generationSeconds += turn.seconds
        trace.segments.append(TraceSegment(kind: .model, text: turn.text, tokens: turn.tokens, logprobs: turn.logprobs,
                                           stop: turn.reason.rawValue, seconds: turn.seconds))
        switch (watcher.event, turn.reason) {
        case (.answerClosed, _):
            end(.answer)
        case (.codeClosed, _):
            guard trace.cells.count < limits.maxCodeCalls else {
                end(.codeCallLimit, "block \(trace.cells.count + 1) closed; the limit is \(limits.maxCodeCalls)"); return nil
            }
            return watcher.code
        case (.none, .cancelled) where cancelled:
            end(.cancelled)
        case (.none, _) where watcher.inCodeBlock:
            end(.unclosedCodeBlock, "generation stopped (\(turn.reason.rawValue)) inside a ```python block")
        case (.none, .endOfGeneration):
            end(.endOfSequence)
        case (.none, .length):
            if budget < limits.maxTurnTokens { end(.traceTokenLimit, "\(used) tokens") }
            else { end(.turnTokenLimit, "\(turn.tokens.count) tokens in one turn") }
        case (.none, .context):
            end(.context)
        case (.none, .cancelled), (.none, .stopped):
            end(cancelled ? .cancelled : .endOfSequence)
        }
        return nil
    }

    /// Records a run; false (trace ended) when the executor failed.
    mutating func recordRun(_ cell: CodeCell, seconds: Double) -> Bool {
        var cell = cell
        cell.segment = trace.segments.count - 1
        trace.sandboxSeconds += seconds
        trace.cells.append(cell)
        if let failure = cell.failure { end(.sandboxFailure, failure); return false }
        if let r = cell.result, r.status == .sandboxError { end(.sandboxFailure, r.sandboxMessage ?? "sandbox error"); return false }
        return true
    }

    /// The text and tokens to append for the last run, cut further when the characters
    /// still make too many tokens (binary junk is about one token per character).
    func feedback(encode: (String) -> [Int32]) -> (text: String, tokens: [Int32]) {
        guard let result = trace.cells.last?.result else { return ("", []) }
        var chars = limits.maxResultCharacters
        while true {
            let text = ExecutionFeedback.text(for: result, maxCharacters: chars)
            let tokens = encode(text)
            if tokens.count <= limits.maxResultTokens || chars <= 16 { return (text, tokens) }
            chars = max(16, chars * limits.maxResultTokens / tokens.count * 9 / 10)
        }
    }

    /// Records the result segment; false (trace ended) when it does not fit. The caller
    /// appends the tokens to its source after a true.
    mutating func acceptFeedback(_ feedback: (text: String, tokens: [Int32]), remaining: Int) -> Bool {
        guard used + feedback.tokens.count < limits.maxTraceTokens else {
            end(.traceTokenLimit, "execution result of \(feedback.tokens.count) tokens does not fit"); return false
        }
        guard feedback.tokens.count < remaining else {
            end(.context, "execution result of \(feedback.tokens.count) tokens does not fit the context"); return false
        }
        used += feedback.tokens.count
        trace.segments.append(TraceSegment(kind: .execution, text: feedback.text, tokens: feedback.tokens))
        return true
    }

    /// A trace that ended at its answer gets the end-of-turn token the source added,
    /// inside the last model segment (loss mask 1): the model must learn to stop there.
    /// Every other end leaves the trace as it is: at end-of-sequence the model already
    /// produced its own end token; the limits, failures and cancellation cut the turn
    /// short, and nothing should teach the model to stop at such a point.
    mutating func closeAnswerTurn(_ closing: (token: Int32, logprob: Float)?) {
        guard finished, trace.end == .answer, let closing,
              let last = trace.segments.indices.last, trace.segments[last].kind == .model else { return }
        trace.segments[last].tokens.append(closing.token)
        trace.segments[last].logprobs.append(closing.logprob)
        trace.segments[last].tokenCount += 1
        used += 1
    }

    mutating func end(_ reason: TraceEnd, _ detail: String? = nil) {
        guard !finished else { return }
        finished = true
        trace.end = reason
        trace.endDetail = detail
        trace.answer = AnswerExtraction.lastAnswer(in: trace.modelText)
    }
}
