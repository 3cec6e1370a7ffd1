// The code-interpreter loop: the chat prompt, then generate → a ```python block
// closed? → run it in the sandbox → append "Code Execution Results:" in the same
// assistant turn → generate again on the kept KV cache, until <<<answer>>>, the
// end of the model's turn, or a limit. Whatever happens, the loop returns a
// trace with the reason it ended; it never throws.

import Foundation
import R1Engine
import R1Sandbox
import R1Tasks

public struct AgentLimits: Sendable, Codable, Equatable {
    /// Code blocks run per trace; closing one more ends the trace.
    public var maxCodeCalls = 8
    /// New tokens per generation call (one turn between code runs).
    public var maxTurnTokens = 1024
    /// Generated plus appended tokens per trace (the prompt not counted).
    public var maxTraceTokens = 4096
    /// Sandbox limits per code call.
    public var codeWallMs = 10_000
    public var codeMemoryMB = 256
    /// Execution results longer than this are cut (characters, then tokens).
    public var maxResultCharacters = 2000
    public var maxResultTokens = 512
    public init() {}

    public var sandboxLimits: SandboxLimits { SandboxLimits(wallMs: codeWallMs, memoryMB: codeMemoryMB) }

    enum CodingKeys: String, CodingKey {
        case maxCodeCalls = "max_code_calls", maxTurnTokens = "max_turn_tokens", maxTraceTokens = "max_trace_tokens"
        case codeWallMs = "code_wall_ms", codeMemoryMB = "code_memory_mb"
        case maxResultCharacters = "max_result_characters", maxResultTokens = "max_result_tokens"
    }
}

/// What the loop reports while it runs; return false from the callback to stop.
public enum AgentEvent: Sendable {
    case token(StreamEvent)
    case codeStarted(String)
    case codeFinished(CodeCell)
    case appended(String)
}

public struct CodeInterpreterAgent: Sendable {
    public var limits: AgentLimits
    public var style: PromptStyle
    public let runner: any CodeRunner

    public init(runner: any CodeRunner, limits: AgentLimits = AgentLimits(), style: PromptStyle = .free) {
        self.runner = runner; self.limits = limits; self.style = style
    }

    /// Runs the loop on `question` with a fresh `source` (nothing appended yet).
    public func run(question: String, item: TraceItem? = nil, source: any TokenSource,
                    onEvent: ((AgentEvent) -> Bool)? = nil) async -> Trace {
        var trace = Trace(item: item, question: question, style: style)
        let prompt = source.renderPrompt(system: style.systemPrompt(maxCodeCalls: limits.maxCodeCalls), user: question)
        guard prompt.tokens.count < source.remaining else {
            return ended(trace, .context, "prompt of \(prompt.tokens.count) tokens leaves no room to generate")
        }
        do { try source.append(prompt.tokens) } catch { return ended(trace, .engineFailure, "\(error)") }
        trace.segments.append(TraceSegment(kind: .prompt, text: prompt.text, tokens: prompt.tokens))

        var used = 0            // generated + appended tokens
        var cancelled = false
        let forward: ((StreamEvent) -> Bool)? = onEvent.map { cb in { ev in
            let keep = cb(.token(ev)); if !keep { cancelled = true }; return keep
        } }
        while true {
            let budget = min(limits.maxTurnTokens, limits.maxTraceTokens - used)
            guard budget > 0 else { return ended(trace, .traceTokenLimit, "\(used) tokens") }
            var watcher = TurnWatcher(watchCode: style.runsCode)
            let turn: SessionTurn
            do { turn = try source.generate(maxTokens: budget, stop: { watcher.feed($0) }, onEvent: forward) }
            catch { return ended(trace, .engineFailure, "\(error)") }
            used += turn.tokens.count
            trace.generationSeconds += turn.seconds
            trace.segments.append(TraceSegment(kind: .model, text: turn.text, tokens: turn.tokens, logprobs: turn.logprobs,
                                               stop: turn.reason.rawValue, seconds: turn.seconds))

            switch (watcher.event, turn.reason) {
            case (.answerClosed, _):
                return ended(trace, .answer)
            case (.codeClosed, _):
                guard trace.cells.count < limits.maxCodeCalls else {
                    return ended(trace, .codeCallLimit, "block \(trace.cells.count + 1) closed; the limit is \(limits.maxCodeCalls)")
                }
                if let end = await execute(watcher.code, into: &trace, onEvent: onEvent) { return end }
                let feedback = feedbackTokens(for: trace.cells[trace.cells.count - 1], source: source)
                guard used + feedback.tokens.count < limits.maxTraceTokens else {
                    return ended(trace, .traceTokenLimit, "execution result of \(feedback.tokens.count) tokens does not fit")
                }
                guard feedback.tokens.count < source.remaining else {
                    return ended(trace, .context, "execution result of \(feedback.tokens.count) tokens does not fit the context")
                }
                do { try source.append(feedback.tokens) } catch { return ended(trace, .engineFailure, "\(error)") }
                used += feedback.tokens.count
                trace.segments.append(TraceSegment(kind: .execution, text: feedback.text, tokens: feedback.tokens))
                if let cb = onEvent, !cb(.appended(feedback.text)) { return ended(trace, .cancelled) }
            case (.none, _) where watcher.inCodeBlock:
                return ended(trace, .unclosedCodeBlock, "generation stopped (\(turn.reason.rawValue)) inside a ```python block")
            case (.none, .endOfGeneration):
                return ended(trace, .endOfSequence)
            case (.none, .length):
                return budget < limits.maxTurnTokens ? ended(trace, .traceTokenLimit, "\(used) tokens")
                                                     : ended(trace, .turnTokenLimit, "\(turn.tokens.count) tokens in one turn")
            case (.none, .context):
                return ended(trace, .context)
            case (.none, .cancelled), (.none, .stopped):
                return ended(trace, cancelled ? .cancelled : .endOfSequence)
            }
        }
    }

    /// Runs one block; returns the finished trace when the executor failed.
    private func execute(_ code: String, into trace: inout Trace, onEvent: ((AgentEvent) -> Bool)?) async -> Trace? {
        if let cb = onEvent, !cb(.codeStarted(code)) { return ended(trace, .cancelled) }
        var cell = CodeCell(code: code, segment: trace.segments.count - 1)
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            cell.result = try await runner.execute(code, limits: limits.sandboxLimits)
        } catch {
            cell.failure = "\(error)"
        }
        trace.sandboxSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        trace.cells.append(cell)
        _ = onEvent?(.codeFinished(cell))
        if let failure = cell.failure { return ended(trace, .sandboxFailure, failure) }
        if let r = cell.result, r.status == .sandboxError {
            return ended(trace, .sandboxFailure, r.sandboxMessage ?? "sandbox error")
        }
        return nil
    }

    /// The appended text for a cell and its tokens, cut further when the characters
    /// still make too many tokens (binary junk is ~1 token per character).
    private func feedbackTokens(for cell: CodeCell, source: any TokenSource) -> (text: String, tokens: [Int32]) {
        guard let result = cell.result else { return ("", []) }
        var chars = limits.maxResultCharacters
        while true {
            let text = ExecutionFeedback.text(for: result, maxCharacters: chars)
            let tokens = source.encodeAppended(text)
            if tokens.count <= limits.maxResultTokens || chars <= 16 { return (text, tokens) }
            chars = max(16, chars * limits.maxResultTokens / tokens.count * 9 / 10)
        }
    }

    private func ended(_ trace: Trace, _ end: TraceEnd, _ detail: String? = nil) -> Trace {
        var t = trace
        t.end = end
        t.endDetail = detail
        t.answer = AnswerExtraction.lastAnswer(in: t.modelText)
        return t
    }
}
