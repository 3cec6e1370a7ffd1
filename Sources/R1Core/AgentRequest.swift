// The JSON request of r1ci_agent_run_json (and `r1ci run --request`): which
// model, which question (a task item or free text) and how to sample. Field
// names are public (r1ci.h and README.md document them); unknown fields are
// refused so that a misspelt one is not silently ignored.

import Foundation
import R1Agent
import R1Engine
import R1Tasks

struct AgentRequest {
    enum Question {
        /// Item `index` of `task` at `seed` and level index `level`.
        case item(task: any ReasoningTask, seed: UInt64, level: Int, index: UInt64)
        case text(String)
    }

    var model: String
    /// For an `openai:` model: the local model whose tokenizer and chat template
    /// are the served model's (nil: the NAME after '#', when the catalogue knows it).
    var tokenizer: String?
    var question: Question
    var sampling: SamplingParams
    var style: PromptStyle
    var limits: AgentLimits

    static let fields = ["model", "tokenizer", "task", "item_seed", "level", "index", "question", "temperature", "seed",
                         "style", "max_code_calls", "max_turn_tokens", "max_trace_tokens"]
    static let defaultModel = "smollm2-135m"

    /// Parses and validates a request; a RequestError names the first problem.
    init(json: String) throws {
        let raw: Raw
        do {
            raw = try JSONDecoder().decode(Raw.self, from: Data(json.utf8))
        } catch let error as RequestError {
            throw error
        } catch DecodingError.dataCorrupted {
            throw RequestError("request is not valid JSON")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            guard let key = context.codingPath.first?.stringValue else { throw RequestError("request must be a JSON object") }
            throw RequestError("request field '\(key)' has the wrong type")
        }

        model = raw.model ?? Self.defaultModel
        guard !model.isEmpty else { throw RequestError("request 'model' is empty") }
        tokenizer = raw.tokenizer
        guard tokenizer == nil || model.hasPrefix("openai:") else {
            throw RequestError("request 'tokenizer' goes with a remote model (openai:URL#NAME), not '\(model)'")
        }

        switch (raw.task, raw.question) {
        case (let id?, nil):
            let task: any ReasoningTask
            do { task = try TaskRegistry.task(id) } catch { throw RequestError("\(error)") }
            let level = raw.level ?? task.info.defaultLevel
            guard task.info.levels.indices.contains(level) else {
                throw RequestError("request 'level' \(level) is out of range for \(id) (0…\(task.info.levels.count - 1))")
            }
            question = .item(task: task, seed: raw.itemSeed ?? 0, level: level, index: raw.index ?? 0)
        case (nil, let text?):
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw RequestError("request 'question' is empty")
            }
            guard raw.itemSeed == nil && raw.level == nil && raw.index == nil else {
                throw RequestError("request 'item_seed', 'level' and 'index' go with 'task', not with 'question'")
            }
            question = .text(text)
        case (nil, nil): throw RequestError("request needs 'task' or 'question'")
        case (_?, _?): throw RequestError("request has both 'task' and 'question'; give one")
        }

        let temperature = raw.temperature ?? 0
        guard temperature >= 0 && temperature.isFinite else {
            throw RequestError("request 'temperature' must be ≥ 0, not \(temperature)")
        }
        sampling = SamplingParams(temperature: temperature, seed: raw.seed ?? 0)

        guard let style = PromptStyle(rawValue: raw.style ?? "free") else {
            throw RequestError("request 'style' must be free, code or text, not '\(raw.style ?? "")'")
        }
        self.style = style

        limits = AgentLimits()
        limits.maxCodeCalls = raw.maxCodeCalls ?? limits.maxCodeCalls
        limits.maxTurnTokens = raw.maxTurnTokens ?? limits.maxTurnTokens
        limits.maxTraceTokens = raw.maxTraceTokens ?? limits.maxTraceTokens
        guard limits.maxCodeCalls >= 0 else { throw RequestError("request 'max_code_calls' must be ≥ 0") }
        guard limits.maxTurnTokens >= 1 else { throw RequestError("request 'max_turn_tokens' must be ≥ 1") }
        guard limits.maxTraceTokens >= 1 else { throw RequestError("request 'max_trace_tokens' must be ≥ 1") }
    }

    /// The request as written, every field optional.
    private struct Raw: Decodable {
        var model, tokenizer, task, question, style: String?
        var itemSeed, seed, index: UInt64?
        var level, maxCodeCalls, maxTurnTokens, maxTraceTokens: Int?
        var temperature: Float?

        enum CodingKeys: String, CodingKey {
            case model, tokenizer, task, question, style, seed, index, level, temperature
            case itemSeed = "item_seed", maxCodeCalls = "max_code_calls"
            case maxTurnTokens = "max_turn_tokens", maxTraceTokens = "max_trace_tokens"
        }

        /// Any key, to find the ones CodingKeys does not know.
        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let all = try decoder.container(keyedBy: AnyKey.self)
            if let unknown = all.allKeys.map(\.stringValue).sorted().first(where: { CodingKeys(rawValue: $0) == nil }) {
                throw RequestError("request has an unknown field '\(unknown)' (known: \(AgentRequest.fields.joined(separator: ", ")))")
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            model = try c.decodeIfPresent(String.self, forKey: .model)
            tokenizer = try c.decodeIfPresent(String.self, forKey: .tokenizer)
            task = try c.decodeIfPresent(String.self, forKey: .task)
            question = try c.decodeIfPresent(String.self, forKey: .question)
            style = try c.decodeIfPresent(String.self, forKey: .style)
            itemSeed = try c.decodeIfPresent(UInt64.self, forKey: .itemSeed)
            seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
            index = try c.decodeIfPresent(UInt64.self, forKey: .index)
            level = try c.decodeIfPresent(Int.self, forKey: .level)
            maxCodeCalls = try c.decodeIfPresent(Int.self, forKey: .maxCodeCalls)
            maxTurnTokens = try c.decodeIfPresent(Int.self, forKey: .maxTurnTokens)
            maxTraceTokens = try c.decodeIfPresent(Int.self, forKey: .maxTraceTokens)
            temperature = try c.decodeIfPresent(Float.self, forKey: .temperature)
        }
    }
}
