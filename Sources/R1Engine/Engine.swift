// Generation: a loaded model + tokenizer + chat template, a thread pool, and
// the prefill → decode loop with sampling, stop strings and streaming.

import Foundation
import R1Kernels

public struct GenerateParams: Sendable {
    public var maxTokens: Int = 256
    public var sampling = SamplingParams.greedy
    /// Generation stops when the text contains one of these; the text is cut before it.
    public var stopStrings: [String] = []
    /// Stop on the vocab's end-of-generation tokens (not included in the text).
    public var stopAtEndOfGeneration = true
    public var precision: Precision = .int8Activations
    /// When > 0, each step also reports this many most likely tokens (StreamEvent.top).
    public var topLogprobs = 0
    public init(maxTokens: Int = 256, sampling: SamplingParams = .greedy, stopStrings: [String] = []) {
        self.maxTokens = maxTokens; self.sampling = sampling; self.stopStrings = stopStrings
    }
}

public enum FinishReason: String, Sendable, Codable { case endOfGeneration = "eog", stopString = "stop", length, cancelled }

/// One streamed step: the token, its log-probability, and the text it released
/// (may be empty while a UTF-8 sequence or a possible stop string is pending).
public struct StreamEvent: Sendable {
    public let token: Int32
    public let logprob: Float
    public let text: String
    /// The `params.topLogprobs` most likely tokens at this step (empty when 0).
    public var top: [TokenProb] = []

    public init(token: Int32, logprob: Float, text: String, top: [TokenProb] = []) {
        self.token = token; self.logprob = logprob; self.text = text; self.top = top
    }
}

public struct Generation: Sendable {
    public var promptTokens: [Int32]
    public var tokens: [Int32] = []
    public var logprobs: [Float] = []
    public var text = ""
    public var finishReason = FinishReason.length
    public var prefillSeconds = 0.0
    public var decodeSeconds = 0.0
    public var prefillTokensPerSecond: Double { prefillSeconds > 0 ? Double(promptTokens.count) / prefillSeconds : 0 }
    /// Decode rate over tokens after the first (the first comes from prefill logits).
    public var decodeTokensPerSecond: Double { decodeSeconds > 0 ? Double(max(tokens.count - 1, 0)) / decodeSeconds : 0 }
}

public final class Engine: @unchecked Sendable {
    public let model: Transformer
    public let tokenizer: Tokenizer
    public let template: ChatTemplate
    public let threads: Int
    /// The engine's r1k_pool (for callers of Transformer.forward; use under `lock`).
    public let pool: OpaquePointer?
    /// One computation at a time per engine (the pool and scratch are not reentrant);
    /// concurrent callers queue here.
    public let lock = NSLock()
    /// Prompt tokens per prefill pass (bounds scratch memory; set before use, not concurrently).
    public var prefillChunk = 256

    /// Loads a GGUF file or a Hugging Face model folder.
    public convenience init(path: String, threads: Int = Engine.defaultThreads) throws {
        let m = try LocalModel(path: path)
        self.init(model: m.transformer, tokenizer: m.tokenizer, template: m.template, threads: threads)
    }

    /// Loads a Hugging Face folder (config.json, *.safetensors, tokenizer.json).
    public convenience init(folder: String, threads: Int = Engine.defaultThreads) throws {
        let f = try HFFolder(path: folder)
        self.init(model: f.transformer, tokenizer: f.tokenizer, template: .forTemplate(f.chatTemplate), threads: threads)
    }

    public init(model: Transformer, tokenizer: Tokenizer, template: ChatTemplate, threads: Int = Engine.defaultThreads) {
        self.model = model
        self.tokenizer = tokenizer
        self.template = template
        self.threads = max(1, threads)
        pool = r1k_pool_new(Int32(self.threads))
    }
    deinit { r1k_pool_free(pool) }

    public static var defaultThreads: Int {
        if let s = ProcessInfo.processInfo.environment["R1CI_THREADS"], let n = Int(s), n > 0 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Logits (T, V) for every position of `tokens` from an empty cache (teacher forcing).
    public func logits(_ tokens: [Int32], precision: Precision = .f32) -> [Float] {
        lock.lock(); defer { lock.unlock() }
        let V = model.config.vocab
        let cache = KVCache(config: model.config, capacity: tokens.count)
        let chunk = prefillChunk
        let scratch = ForwardScratch(config: model.config, capacity: min(chunk, tokens.count))
        var out = [Float](repeating: 0, count: tokens.count * V)
        var i = 0
        out.withUnsafeMutableBufferPointer { o in
            while i < tokens.count {
                let part = Array(tokens[i..<min(i + chunk, tokens.count)])
                model.forward(tokens: part, cache: cache, scratch: scratch, pool: pool, precision: precision,
                              allLogits: true, logits: o.baseAddress! + i * V)
                i += part.count
            }
        }
        return out
    }

    /// Logits (V) after each of `tokens` fed one at a time (the decode path).
    public func stepLogits(_ tokens: [Int32], precision: Precision = .int8Activations) -> [Float] {
        lock.lock(); defer { lock.unlock() }
        let V = model.config.vocab
        let cache = KVCache(config: model.config, capacity: tokens.count)
        let scratch = ForwardScratch(config: model.config, capacity: 1)
        var out = [Float](repeating: 0, count: tokens.count * V)
        out.withUnsafeMutableBufferPointer { o in
            for (i, t) in tokens.enumerated() {
                model.forward(tokens: [t], cache: cache, scratch: scratch, pool: pool, precision: precision,
                              allLogits: false, logits: o.baseAddress! + i * V)
            }
        }
        return out
    }

    public func renderChat(_ messages: [ChatMessage]) -> [Int32] {
        tokenizer.encode(template.render(messages, addGenerationPrompt: true), parseSpecial: true)
    }

    /// Generates from prompt tokens. `onEvent` sees every token; return false to stop
    /// (finish reason `cancelled`).
    public func generate(prompt: [Int32], params: GenerateParams,
                         onEvent: ((StreamEvent) -> Bool)? = nil) throws -> Generation {
        let V = model.config.vocab
        guard !prompt.isEmpty else { throw EngineError("empty prompt") }
        if let bad = prompt.first(where: { $0 < 0 || Int($0) >= V }) {
            throw EngineError("prompt token \(bad) out of range (vocab \(V))")
        }
        lock.lock(); defer { lock.unlock() }
        return try run(prompt: prompt, params: params, onEvent: onEvent)
    }

    private func run(prompt: [Int32], params: GenerateParams, onEvent: ((StreamEvent) -> Bool)?) throws -> Generation {
        let cfg = model.config, V = cfg.vocab
        let capacity = min(prompt.count + max(params.maxTokens, 0), cfg.contextLength)
        guard prompt.count < capacity || params.maxTokens == 0 else {
            throw EngineError("prompt of \(prompt.count) tokens does not fit the context of \(cfg.contextLength)")
        }
        var gen = Generation(promptTokens: prompt)
        let cache = KVCache(config: cfg, capacity: max(capacity, prompt.count))
        let chunk = prefillChunk
        let scratch = ForwardScratch(config: cfg, capacity: min(chunk, prompt.count))
        let one = prompt.count > 1 ? ForwardScratch(config: cfg, capacity: 1) : scratch
        var logits = [Float](repeating: 0, count: V)
        var sampler = Sampler(params.sampling)
        var pending: [UInt8] = []      // undecoded bytes of an incomplete UTF-8 sequence
        var held = ""                  // text held back as a possible stop-string prefix
        var emitted = ""

        let t0 = DispatchTime.now().uptimeNanoseconds
        logits.withUnsafeMutableBufferPointer { lg in
            var i = 0
            while i < prompt.count {
                let part = Array(prompt[i..<min(i + chunk, prompt.count)])
                model.forward(tokens: part, cache: cache, scratch: part.count == 1 ? one : scratch, pool: pool,
                              precision: params.precision, allLogits: false, logits: lg.baseAddress!)
                i += part.count
            }
        }
        let t1 = DispatchTime.now().uptimeNanoseconds
        gen.prefillSeconds = Double(t1 - t0) / 1e9
        if params.maxTokens == 0 { return gen }

        var finished = false
        while !finished {
            let (id, lp) = logits.withUnsafeBufferPointer { sampler.sample($0) }
            let top = params.topLogprobs > 0
                ? logits.withUnsafeBufferPointer { topLogprobs($0, k: params.topLogprobs, temperature: params.sampling.temperature) } : []
            gen.tokens.append(id); gen.logprobs.append(lp)
            var released = ""
            if params.stopAtEndOfGeneration && tokenizer.endOfGeneration.contains(id) {
                gen.finishReason = .endOfGeneration; finished = true
                released = held; held = ""
            } else {
                pending += tokenizer.bytes(of: id)
                let (text, rest) = splitValidUTF8(pending)
                pending = rest
                held += text
                let full = emitted + held
                if let r = firstStop(in: full, stops: params.stopStrings) {
                    let start = full.index(full.startIndex, offsetBy: emitted.count, limitedBy: full.endIndex) ?? full.endIndex
                    released = r.lowerBound > start ? String(full[start..<r.lowerBound]) : ""
                    held = ""; gen.finishReason = .stopString; finished = true
                } else {
                    let keep = stopPrefixSuffix(held, stops: params.stopStrings)
                    released = String(held.dropLast(keep)); held = String(held.suffix(keep))
                }
            }
            emitted += released
            if let cb = onEvent, !cb(StreamEvent(token: id, logprob: lp, text: released, top: top)), !finished {
                finished = true; gen.finishReason = .cancelled
            }
            if !finished && (gen.tokens.count >= params.maxTokens || cache.count >= cache.capacity) {
                finished = true; gen.finishReason = .length
            }
            if !finished {
                logits.withUnsafeMutableBufferPointer { lg in
                    model.forward(tokens: [id], cache: cache, scratch: one, pool: pool, precision: params.precision,
                                  allLogits: false, logits: lg.baseAddress!)
                }
            }
        }
        if gen.finishReason != .stopString {
            let tail = held + (pending.isEmpty ? "" : String(decoding: pending, as: UTF8.self))
            if !tail.isEmpty {
                emitted += tail
                _ = onEvent?(StreamEvent(token: -1, logprob: 0, text: tail))
            }
        }
        gen.text = emitted
        gen.decodeSeconds = Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9
        return gen
    }
}

/// Splits bytes into the longest prefix that is complete UTF-8 (decoded, with
/// invalid sequences replaced) and an incomplete trailing sequence (≤ 3 bytes).
func splitValidUTF8(_ b: [UInt8]) -> (String, [UInt8]) {
    var cut = b.count
    // Look back at most 3 bytes for the start of an unfinished sequence.
    var i = b.count - 1, back = 0
    while i >= 0 && back < 4 {
        let c = b[i]
        if c & 0xC0 != 0x80 {  // a lead byte (or ASCII)
            let need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
            if b.count - i < need { cut = i }
            break
        }
        i -= 1; back += 1
    }
    return (String(decoding: b[0..<cut], as: UTF8.self), Array(b[cut...]))
}

/// The first occurrence of any stop string in text.
func firstStop(in text: String, stops: [String]) -> Range<String.Index>? {
    var best: Range<String.Index>? = nil
    for s in stops where !s.isEmpty {
        if let r = text.range(of: s), best == nil || r.lowerBound < best!.lowerBound { best = r }
    }
    return best
}

/// Length (in Characters) of the longest suffix of text that is a proper prefix of a stop string.
func stopPrefixSuffix(_ text: String, stops: [String]) -> Int {
    var best = 0
    for s in stops where !s.isEmpty {
        let maxLen = min(s.count - 1, text.count)
        if maxLen <= best { continue }
        for len in stride(from: maxLen, to: best, by: -1) where s.hasPrefix(String(text.suffix(len))) {
            best = len; break
        }
    }
    return best
}
