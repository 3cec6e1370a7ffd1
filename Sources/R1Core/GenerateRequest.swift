// The JSON shapes of r1ci_model_generate: the request it reads and the result
// it writes. Field names are public (r1ci.h and README.md document them).

import Foundation
import R1Engine

/// What to generate: the prompt (raw text, or chat messages rendered with the
/// model's template), the sampling settings and the stop strings.
struct GenerateRequest {
    enum Prompt {
        case text(String)
        case messages([ChatMessage])
    }

    var prompt: Prompt
    var params: GenerateParams

    static let fields = ["prompt", "messages", "max_tokens", "temperature", "top_p", "top_k", "min_p", "seed", "stop"]

    /// Parses and validates a request; a RequestError names the first problem.
    init(json: String) throws {
        let decoded: Decoded
        do {
            decoded = try JSONDecoder().decode(Decoded.self, from: Data(json.utf8))
        } catch let error as RequestError {
            throw error
        } catch DecodingError.dataCorrupted {
            throw RequestError("request is not valid JSON")
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw RequestError("request must be a JSON object")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw RequestError("request field '\(Self.path(context.codingPath))' has the wrong type")
        } catch DecodingError.keyNotFound(let key, let context) {
            throw RequestError("request field '\(Self.path(context.codingPath + [key]))' is missing")
        }

        switch (decoded.prompt, decoded.messages) {
        case (let text?, nil): prompt = .text(text)
        case (nil, let messages?):
            guard !messages.isEmpty else { throw RequestError("request 'messages' is empty") }
            prompt = .messages(messages)
        case (nil, nil): throw RequestError("request needs 'prompt' or 'messages'")
        case (_?, _?): throw RequestError("request has both 'prompt' and 'messages'; give one")
        }

        let maxTokens = decoded.maxTokens ?? 256
        let temperature = decoded.temperature ?? 0
        let topP = decoded.topP ?? 1
        let topK = decoded.topK ?? 0
        let minP = decoded.minP ?? 0
        guard maxTokens >= 0 else { throw RequestError("request 'max_tokens' must be ≥ 0, not \(maxTokens)") }
        guard temperature >= 0 && temperature.isFinite else {
            throw RequestError("request 'temperature' must be ≥ 0, not \(temperature)")
        }
        guard topP > 0 && topP <= 1 else { throw RequestError("request 'top_p' must be in (0, 1], not \(topP)") }
        guard topK >= 0 else { throw RequestError("request 'top_k' must be ≥ 0, not \(topK)") }
        guard minP >= 0 && minP < 1 else { throw RequestError("request 'min_p' must be in [0, 1), not \(minP)") }

        params = GenerateParams(maxTokens: maxTokens,
                                sampling: SamplingParams(temperature: temperature, topK: topK, topP: topP,
                                                         minP: minP, seed: decoded.seed ?? 0),
                                stopStrings: decoded.stop ?? [])
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// The request as written, every field optional; unknown fields are refused
    /// so that a misspelt one is not silently ignored.
    private struct Decoded: Decodable {
        var prompt: String?
        var messages: [ChatMessage]?
        var maxTokens: Int?
        var temperature: Float?
        var topP: Float?
        var topK: Int?
        var minP: Float?
        var seed: UInt64?
        var stop: [String]?

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ name: String) { stringValue = name }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { !GenerateRequest.fields.contains($0) }) {
                throw RequestError("request has an unknown field '\(unknown)' (known: \(GenerateRequest.fields.joined(separator: ", ")))")
            }
            prompt = try c.decodeIfPresent(String.self, forKey: Key("prompt"))
            messages = try c.decodeIfPresent([ChatMessage].self, forKey: Key("messages"))
            maxTokens = try c.decodeIfPresent(Int.self, forKey: Key("max_tokens"))
            temperature = try c.decodeIfPresent(Float.self, forKey: Key("temperature"))
            topP = try c.decodeIfPresent(Float.self, forKey: Key("top_p"))
            topK = try c.decodeIfPresent(Int.self, forKey: Key("top_k"))
            minP = try c.decodeIfPresent(Float.self, forKey: Key("min_p"))
            seed = try c.decodeIfPresent(UInt64.self, forKey: Key("seed"))
            stop = try c.decodeIfPresent([String].self, forKey: Key("stop"))
        }
    }
}

struct RequestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The result of one generation.
struct GenerateResult: Encodable {
    let text: String
    let tokens: [Int32]
    /// Natural-log probability of each token under the sampling distribution; null where not finite.
    let logprobs: [Float?]
    let finishReason: String
    let promptTokens: Int
    let timing: Timing

    struct Timing: Encodable {
        let prefillSeconds, decodeSeconds, prefillTokensPerSecond, decodeTokensPerSecond: Double
        enum CodingKeys: String, CodingKey {
            case prefillSeconds = "prefill_s", decodeSeconds = "decode_s"
            case prefillTokensPerSecond = "prefill_tokens_per_s", decodeTokensPerSecond = "decode_tokens_per_s"
        }
    }

    init(_ generation: Generation) {
        text = generation.text
        tokens = generation.tokens
        logprobs = generation.logprobs.map { $0.isFinite ? $0 : nil }
        finishReason = generation.finishReason.rawValue
        promptTokens = generation.promptTokens.count
        timing = Timing(prefillSeconds: generation.prefillSeconds, decodeSeconds: generation.decodeSeconds,
                        prefillTokensPerSecond: generation.prefillTokensPerSecond,
                        decodeTokensPerSecond: generation.decodeTokensPerSecond)
    }

    enum CodingKeys: String, CodingKey {
        case text, tokens, logprobs, timing
        case finishReason = "finish_reason", promptTokens = "prompt_tokens"
    }
}
