// The trace: everything one run of the loop produced, in order. Segments hold
// the exact token ids the model saw (prompt and execution results, loss mask 0)
// and generated (loss mask 1, with log-probabilities). The store keeps the
// summary (texts, cells, verdict) as JSON and the token arrays in a blob.

import Foundation
import R1Sandbox
import R1Tasks

public struct TraceSegment: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case prompt, model, execution }
    public var kind: Kind
    public var text: String
    /// Token ids as generated or appended; empty in a summary read back without its blob.
    public var tokens: [Int32]
    /// Log-probability of each token (model segments only; empty otherwise).
    public var logprobs: [Float]
    public var tokenCount: Int
    /// Model segments: why generation stopped (SessionStopReason raw value).
    public var stop: String?
    public var seconds: Double

    public init(kind: Kind, text: String, tokens: [Int32], logprobs: [Float] = [], stop: String? = nil, seconds: Double = 0) {
        self.kind = kind; self.text = text; self.tokens = tokens; self.logprobs = logprobs
        self.tokenCount = tokens.count; self.stop = stop; self.seconds = seconds
    }

    /// 1 for tokens the model generated (trained on), 0 for prompt and execution results.
    public var lossMask: Int32 { kind == .model ? 1 : 0 }

    enum CodingKeys: String, CodingKey {
        case kind, text, stop, seconds
        case tokenCount = "token_count"
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        text = try c.decode(String.self, forKey: .text)
        tokenCount = try c.decode(Int.self, forKey: .tokenCount)
        stop = try c.decodeIfPresent(String.self, forKey: .stop)
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds) ?? 0
        tokens = []; logprobs = []
    }
}

/// One executed (or refused) code block.
public struct CodeCell: Sendable, Codable, Equatable {
    public var code: String
    /// Index of the model segment whose closing fence ended with this block.
    public var segment: Int
    public var result: RunResult?
    /// Why the executor gave no result (it threw), else nil.
    public var failure: String?
    public init(code: String, segment: Int, result: RunResult? = nil, failure: String? = nil) {
        self.code = code; self.segment = segment; self.result = result; self.failure = failure
    }
}

/// Why a trace ended.
public enum TraceEnd: String, Sendable, Codable, CaseIterable {
    /// The model wrote a complete <<<answer>>>.
    case answer
    /// The model ended its turn without an answer.
    case endOfSequence = "eos"
    /// A code block was closed after the code-call limit was used up.
    case codeCallLimit = "code_call_limit"
    /// One turn reached its token limit.
    case turnTokenLimit = "turn_token_limit"
    /// The trace reached its token limit.
    case traceTokenLimit = "trace_token_limit"
    /// The model's context is full.
    case context
    /// Generation ended (for any reason) inside a ```python block that was never closed.
    case unclosedCodeBlock = "unclosed_code_block"
    /// The executor failed to run a block (not the program failing: the sandbox).
    case sandboxFailure = "sandbox_failure"
    /// The token source failed.
    case engineFailure = "engine_failure"
    case cancelled

    /// Ends that say something broke, as opposed to the model's own behaviour.
    public var isFailure: Bool { self == .sandboxFailure || self == .engineFailure }
}

/// Which task item a trace answers (nil for free-text questions).
public struct TraceItem: Sendable, Codable, Equatable {
    public var task: String
    public var seed: UInt64
    public var index: UInt64
    public var level: Int
    public init(task: String, seed: UInt64, index: UInt64, level: Int) {
        self.task = task; self.seed = seed; self.index = index; self.level = level
    }
}

public struct Trace: Sendable, Codable, Equatable {
    public var item: TraceItem?
    public var question: String
    public var style: PromptStyle
    public var segments: [TraceSegment] = []
    public var cells: [CodeCell] = []
    public var end: TraceEnd = .endOfSequence
    /// More about the end (an error message, a limit), when there is something to say.
    public var endDetail: String?
    /// The last <<<…>>> of the model's text, normalised; nil when there is none.
    public var answer: String?
    public var verdict: Verdict?
    public var reward: RewardParts?
    public var generationSeconds = 0.0
    public var sandboxSeconds = 0.0

    public init(item: TraceItem?, question: String, style: PromptStyle) {
        self.item = item; self.question = question; self.style = style
    }

    /// Every token in order, as the model saw them.
    public var tokenIDs: [Int32] { segments.flatMap(\.tokens) }
    /// Per token: 1 = generated by the model, 0 = prompt or execution result.
    public var lossMask: [Int32] { segments.flatMap { Array(repeating: $0.lossMask, count: $0.tokens.count) } }
    /// Per token: the sampling log-probability for model tokens, 0 elsewhere.
    public var logprobs: [Float] {
        segments.flatMap { $0.kind == .model ? $0.logprobs : Array(repeating: 0, count: $0.tokens.count) }
    }
    /// The model's own text, all turns joined.
    public var modelText: String { segments.filter { $0.kind == .model }.map(\.text).joined() }
    /// Model turns (generation calls).
    public var turns: Int { segments.filter { $0.kind == .model }.count }
    /// Code blocks that ran (a result or a failure is recorded).
    public var codeCalls: Int { cells.count }
    public var generatedTokens: Int { segments.filter { $0.kind == .model }.reduce(0) { $0 + $1.tokenCount } }
    public var appendedTokens: Int { segments.filter { $0.kind == .execution }.reduce(0) { $0 + $1.tokenCount } }
    public var promptTokens: Int { segments.filter { $0.kind == .prompt }.reduce(0) { $0 + $1.tokenCount } }

    enum CodingKeys: String, CodingKey {
        case item, question, style, segments, cells, end, answer, verdict, reward
        case endDetail = "end_detail"
        case generationSeconds = "generation_seconds"
        case sandboxSeconds = "sandbox_seconds"
    }
}

/// The per-token arrays of a trace, stored apart from its summary.
public struct TraceTokens: Sendable, Codable, Equatable {
    /// Tokens per segment, in segment order.
    public var segments: [[Int32]]
    /// Log-probabilities per segment (empty arrays for non-model segments).
    public var logprobs: [[Float]]

    public init(_ trace: Trace) {
        segments = trace.segments.map(\.tokens)
        logprobs = trace.segments.map(\.logprobs)
    }

    /// Puts the arrays back into a trace decoded from its summary.
    public func restore(into trace: inout Trace) throws {
        guard segments.count == trace.segments.count, logprobs.count == trace.segments.count else {
            throw AgentError("token blob has \(segments.count) segments; the trace has \(trace.segments.count)")
        }
        for i in trace.segments.indices {
            guard segments[i].count == trace.segments[i].tokenCount else {
                throw AgentError("segment \(i) has \(segments[i].count) tokens in the blob, \(trace.segments[i].tokenCount) in the trace")
            }
            trace.segments[i].tokens = segments[i]
            trace.segments[i].logprobs = logprobs[i]
        }
    }
}

public struct AgentError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
