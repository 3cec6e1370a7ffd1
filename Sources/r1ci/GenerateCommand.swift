// r1ci generate: run the embedded engine from the command line.

import ArgumentParser
import Foundation
import R1Engine

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Generate text with a local model (GGUF file or Hugging Face folder) or an OpenAI-compatible server.")

    @Option(name: .long, help: "Model: a known name (smollm2-135m), a GGUF path, a Hugging Face folder, or openai:URL#NAME (a remote server).")
    var model: String = "smollm2-135m"
    @Option(name: .long, help: "Prompt text.")
    var prompt: String
    @Flag(name: .long, help: "Wrap the prompt as a user message in the model's chat template.")
    var chat = false
    @Option(name: .long, help: "System message (with --chat).")
    var system: String?
    @Option(name: .customLong("max-tokens"), help: "Maximum new tokens.")
    var maxTokens: Int = 256
    @Option(name: .long, help: "Temperature; 0 = greedy.")
    var temperature: Float = 0
    @Option(name: .customLong("top-k")) var topK: Int = 0
    @Option(name: .customLong("top-p")) var topP: Float = 1
    @Option(name: .customLong("min-p")) var minP: Float = 0
    @Option(name: .long, help: "Sampling seed.")
    var seed: UInt64 = 0
    @Option(name: .long, help: "Stop string (repeatable).")
    var stop: [String] = []
    @Option(name: .long, help: "Threads (default: $R1CI_THREADS or all cores).")
    var threads: Int?
    @Option(name: .long, help: "Number of samples sharing the prompt, decoded as one batch (sample i uses seed + i); with --json.")
    var samples: Int = 1
    @Flag(name: .customLong("f32"), help: "Decode with f32 activations (slower; matches a float reference more closely than int8).")
    var f32 = false
    @Flag(name: .long, help: "Print one JSON object (text, tokens, logprobs, timings) instead of streaming.")
    var json = false

    func validate() throws {
        guard maxTokens >= 0 else { throw InputError("--max-tokens must be ≥ 0") }
        guard temperature >= 0 else { throw InputError("--temperature must be ≥ 0") }
        guard topP > 0 && topP <= 1 else { throw InputError("--top-p must be in (0, 1]") }
        guard minP >= 0 && minP < 1 else { throw InputError("--min-p must be in [0, 1)") }
        if let t = threads, t < 1 { throw InputError("--threads must be ≥ 1") }
        guard samples >= 1 else { throw InputError("--samples must be ≥ 1") }
        if samples > 1 && !json { throw InputError("--samples > 1 needs --json") }
    }

    func run() throws {
        if let remote = try wrap({ try RemoteBackend(spec: model) }) {
            if f32 { throw InputError("--f32 applies to local models only") }
            return try runRemote(remote)
        }
        let path = try wrap { try ModelCatalog.resolve(model) }
        let engine = try wrap { try Engine(path: path, threads: threads ?? Engine.defaultThreads) }
        let ids: [Int32]
        if chat {
            var msgs: [ChatMessage] = []
            if let s = system { msgs.append(ChatMessage(role: "system", content: s)) }
            msgs.append(ChatMessage(role: "user", content: prompt))
            ids = engine.renderChat(msgs)
        } else {
            ids = engine.tokenizer.encode(prompt)
        }
        var params = GenerateParams(maxTokens: maxTokens,
                                    sampling: SamplingParams(temperature: temperature, topK: topK, topP: topP, minP: minP, seed: seed),
                                    stopStrings: stop)
        params.stopAtEndOfGeneration = true
        if f32 { params.precision = .f32 }
        let out = FileHandle.standardOutput
        if samples > 1 {
            let gens = try wrap { try engine.generateBatch(prompt: ids, count: samples, params: params) }
            let arr: [[String: Any]] = gens.map { g in
                ["text": g.text, "finish_reason": g.finishReason.rawValue, "tokens": g.tokens.map(Int.init),
                 "logprobs": g.logprobs.map(Double.init)]
            }
            let obj: [String: Any] = ["model": path, "prompt_tokens": ids.map(Int.init), "samples": arr,
                                      "timings": ["prefill_s": gens[0].prefillSeconds, "decode_s": gens[0].decodeSeconds,
                                                  "threads": engine.threads]]
            emit(String(decoding: try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]), as: UTF8.self))
            return
        }
        let gen = try wrap {
            try engine.generate(prompt: ids, params: params, onEvent: json ? nil : { ev in
                if !ev.text.isEmpty { out.write(Data(ev.text.utf8)) }
                return true
            })
        }
        if json {
            let obj: [String: Any] = [
                "model": path, "text": gen.text, "finish_reason": gen.finishReason.rawValue,
                "prompt_tokens": gen.promptTokens.map(Int.init), "tokens": gen.tokens.map(Int.init),
                "logprobs": gen.logprobs.map(Double.init),
                "timings": ["prefill_s": gen.prefillSeconds, "decode_s": gen.decodeSeconds,
                            "prefill_tok_s": gen.prefillTokensPerSecond, "decode_tok_s": gen.decodeTokensPerSecond,
                            "threads": engine.threads],
            ]
            let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
            emit(String(decoding: data, as: UTF8.self))
        } else {
            out.write(Data("\n".utf8))
            FileHandle.standardError.write(Data(String(format: "[%d prompt tokens, %.1f tok/s prefill; %d tokens, %.1f tok/s decode; %@]\n",
                gen.promptTokens.count, gen.prefillTokensPerSecond, gen.tokens.count, gen.decodeTokensPerSecond,
                gen.finishReason.rawValue).utf8))
        }
    }

    /// The same command through the backend interface: streams text as the
    /// server sends it; --json prints text, finish reason, usage and logprobs.
    func runRemote(_ backend: RemoteBackend) throws {
        var messages: [ChatMessage] = []
        if let s = system { messages.append(ChatMessage(role: "system", content: s)) }
        messages.append(ChatMessage(role: "user", content: prompt))
        var request = BackendRequest(prompt: chat ? .chat(messages) : .text(prompt), maxTokens: maxTokens,
                                     temperature: temperature, seed: seed, stop: stop)
        request.topK = topK; request.topP = topP; request.minP = minP
        request.logprobs = json
        if json {
            let results = try wrap { try backend.generateMany(request, count: samples) }
            let rows: [[String: Any]] = results.map { r in
                ["text": r.text, "finish_reason": r.finishReason.rawValue,
                 "usage": ["prompt_tokens": r.promptTokens, "completion_tokens": r.completionTokens],
                 "token_texts": r.logprobs.map { $0.map(\.token.text) } ?? NSNull(),
                 "logprobs": r.logprobs.map { $0.map { Double($0.token.logprob) } } ?? NSNull()]
            }
            let obj: [String: Any] = samples == 1 ? rows[0].merging(["model": model]) { a, _ in a }
                                                  : ["model": model, "samples": rows]
            emit(String(decoding: try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]), as: UTF8.self))
            return
        }
        let out = FileHandle.standardOutput
        let r = try wrap {
            try backend.generate(request) { chunk in
                if !chunk.text.isEmpty { out.write(Data(chunk.text.utf8)) }
                return true
            }
        }
        out.write(Data("\n".utf8))
        FileHandle.standardError.write(Data("[\(r.promptTokens) prompt tokens; \(r.completionTokens) tokens; \(r.finishReason.rawValue)]\n".utf8))
    }
}

/// Maps engine errors to the CLI's one-line input errors.
func wrap<T>(_ body: () throws -> T) throws -> T {
    do { return try body() }
    catch let e as BackendError { throw InputError(e.description) }
    catch let e as EngineError { throw InputError(e.description) }
    catch let e as GGUFError { throw InputError(e.description) }
    catch let e as TokenizerError { throw InputError(e.description) }
}
