// The code-interpreter loop: the chat prompt, then generate → a ```python block
// closed? → run it in the sandbox → append "Code Execution Results:" in the same
// assistant turn → generate again on the kept KV cache, until <<<answer>>> (then
// the template's end-of-turn token closes the turn), the end of the model's
// turn, or a limit. Whatever happens, the loop returns a
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
        var builder = TraceBuilder(question: question, item: item, style: style, limits: limits)
        let prompt = source.renderPrompt(system: builder.systemPrompt, user: question)
        guard builder.begin(prompt: prompt, remaining: source.remaining) else { return builder.trace }
        do { try source.append(prompt.tokens) } catch { builder.end(.engineFailure, "\(error)"); return builder.trace }

        var cancelled = false
        let forward: ((StreamEvent) -> Bool)? = onEvent.map { cb in { ev in
            let keep = cb(.token(ev)); if !keep { cancelled = true }; return keep
        } }
        while let budget = builder.nextTurnBudget() {
            var watcher = builder.newWatcher()
            let turn: SessionTurn
            do { turn = try source.generate(maxTokens: budget, stop: { watcher.feed($0) }, onEvent: forward) }
            catch { builder.end(.engineFailure, "\(error)"); break }
            guard let code = builder.finishTurn(turn, watcher: watcher, cancelled: cancelled) else { break }

            if let cb = onEvent, !cb(.codeStarted(code)) { builder.end(.cancelled); break }
            let start = DispatchTime.now().uptimeNanoseconds
            let cell = await runCode(code)
            guard builder.recordRun(cell, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) else { break }
            _ = onEvent?(.codeFinished(builder.trace.cells[builder.trace.cells.count - 1]))

            let feedback = builder.feedback(encode: source.encodeAppended)
            guard builder.acceptFeedback(feedback, remaining: source.remaining) else { break }
            do { try source.append(feedback.tokens) } catch { builder.end(.engineFailure, "\(error)"); break }
            if let cb = onEvent, !cb(.appended(feedback.text)) { builder.end(.cancelled); break }
        }
        if builder.trace.end == .answer {
            do { builder.closeAnswerTurn(try source.closeTurn()) } catch { builder.closeAnswerTurn(nil) }
        }
        return builder.trace
    }

    /// Runs one block; an executor that throws gives a cell with `failure` set.
    func runCode(_ code: String) async -> CodeCell {
        var cell = CodeCell(code: code, segment: 0)
        do { cell.result = try await runner.execute(code, limits: limits.sandboxLimits) }
        catch { cell.failure = "\(error)" }
        return cell
    }
}
