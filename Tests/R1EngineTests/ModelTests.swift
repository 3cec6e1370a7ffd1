// The forward pass against float64 numpy references (make_model_goldens.py):
// two tiny random models (llama: adjacent-pair RoPE, GQA, tied embeddings;
// qwen2: half-split RoPE, QKV biases, untied output) covering every weight type,
// and SmolLM2-135M-Instruct when its file is in the model cache.
import Foundation
import Testing
@testable import R1Engine

struct TinyGolden: Decodable { let tokens: [Int32]; let logits: [[Double]] }
struct SmolGolden: Decodable {
    let text: String; let tokens: [Int32]; let probe_ids: [Int]; let probe_logits: [[Double]]
    let top_ids: [[Int]]; let top_logits: [[Double]]
}

func maxAbsDiff(_ a: ArraySlice<Float>, _ b: [Double]) -> Double {
    zip(a, b).reduce(0.0) { max($0, abs(Double($1.0) - $1.1)) }
}

@Suite struct ModelTests {
    static let tiny: [String: TinyGolden] = try! JSONDecoder().decode(
        [String: TinyGolden].self, from: Data(contentsOf: Fixtures.url("tiny_goldens.json")))

    @Test(arguments: ["tiny-llama", "tiny-qwen2"])
    func tinyModelMatchesFloat64Reference(name: String) throws {
        let g = Self.tiny[name]!
        let engine = try Engine(path: Fixtures.url("\(name).gguf").path, threads: 2)
        let V = engine.model.config.vocab
        #expect(V == g.logits[0].count)
        #expect(engine.model.config.ropeNeox == (name == "tiny-qwen2"))
        #expect(engine.model.tiedEmbeddings == (name == "tiny-llama"))
        let scale = g.logits.flatMap { $0 }.reduce(0.0) { max($0, abs($1)) }
        // Prefill path (tiled matmul, f32) and decode path with f32 activations: tight.
        for (label, out) in [("prefill", engine.logits(g.tokens)), ("decode-f32", engine.stepLogits(g.tokens, precision: .f32))] {
            for t in 0..<g.tokens.count {
                let d = maxAbsDiff(out[(t * V)..<((t + 1) * V)], g.logits[t])
                #expect(d < 1e-4 * max(1, scale), "\(name) \(label) position \(t): max |Δ| \(d) (logit scale \(scale))")
            }
        }
        // Decode with int8 activations: close, and the same argmax wherever the reference is clear.
        let q = engine.stepLogits(g.tokens, precision: .int8Activations)
        for t in 0..<g.tokens.count {
            let row = g.logits[t], d = maxAbsDiff(q[(t * V)..<((t + 1) * V)], row)
            #expect(d < 0.05 * max(1, scale), "\(name) int8 position \(t): max |Δ| \(d)")
            let sorted = row.sorted(by: >)
            if sorted[0] - sorted[1] > 0.1 * max(1, scale) {
                let mine = q[(t * V)..<((t + 1) * V)].enumerated().max { $0.element < $1.element }!.offset
                #expect(mine == row.firstIndex(of: sorted[0])!)
            }
        }
    }

    @Test func tinyModelGeneratesDeterministically() throws {
        let engine = try Engine(path: Fixtures.url("tiny-llama.gguf").path, threads: 2)
        let prompt = engine.tokenizer.encode("Hello")
        var p = GenerateParams(maxTokens: 12, sampling: SamplingParams(temperature: 0.8, topK: 40, topP: 0.95, minP: 0.01, seed: 42))
        p.stopAtEndOfGeneration = false
        let a = try engine.generate(prompt: prompt, params: p), b = try engine.generate(prompt: prompt, params: p)
        #expect(a.tokens == b.tokens && a.tokens.count == 12 && a.logprobs.count == 12)
        #expect(a.logprobs.allSatisfy { $0 <= 0 && $0.isFinite })
        var streamed = ""
        let c = try engine.generate(prompt: prompt, params: p) { streamed += $0.text; return true }
        #expect(streamed == c.text && c.text == engine.tokenizer.decode(c.tokens))
        var seen = 0
        let cut = try engine.generate(prompt: prompt, params: p) { _ in seen += 1; return seen < 3 }
        #expect(cut.finishReason == .cancelled && cut.tokens == Array(a.tokens.prefix(3)))
        p.sampling.seed = 43
        let d = try engine.generate(prompt: prompt, params: p)
        #expect(d.tokens != a.tokens)
        // Greedy = argmax of the teacher-forced logits along its own path.
        let gp = GenerateParams(maxTokens: 6)
        let gr = try engine.generate(prompt: prompt, params: gp)
        let all = engine.logits(prompt + gr.tokens.dropLast())
        let V = engine.model.config.vocab
        for (i, tok) in gr.tokens.enumerated() {
            let row = all[((prompt.count - 1 + i) * V)..<((prompt.count + i) * V)]
            let sorted = row.sorted(by: >)
            if sorted[0] - sorted[1] > 0.05 { #expect(Int(tok) == row.firstIndex(of: sorted[0])! - (prompt.count - 1 + i) * V) }
        }
    }

    @Test func stopStringsCutAndHoldBack() throws {
        let engine = try Engine(path: Fixtures.url("tiny-llama.gguf").path, threads: 1)
        var p = GenerateParams(maxTokens: 30, sampling: SamplingParams(temperature: 1, seed: 1))
        p.stopAtEndOfGeneration = false
        let free = try engine.generate(prompt: [256, 72], params: p)
        let text = free.text
        guard text.count >= 6 else { return }
        let stop = String(Array(text)[3..<5])
        p.stopStrings = [stop]
        var streamed = ""
        let cut = try engine.generate(prompt: [256, 72], params: p) { streamed += $0.text; return true }
        #expect(cut.finishReason == .stopString)
        #expect(cut.text == String(text[..<text.range(of: stop)!.lowerBound]))
        #expect(streamed == cut.text)
    }

    @Test func splitUTF8AndStopPrefix() {
        let e = Array("é😀".utf8)
        #expect(splitValidUTF8(Array(e[0..<3])) == ("é", [0xF0]))
        #expect(splitValidUTF8(e) == ("é😀", []))
        #expect(stopPrefixSuffix("abc<<<", stops: ["<<<answer"]) == 3)
        #expect(stopPrefixSuffix("abc", stops: ["xyz"]) == 0)
    }

    @Test func smolLM2MatchesFloat64Reference() throws {
        let path = ModelCatalog.cacheDirectory() + "/SmolLM2-135M-Instruct.Q4_1.gguf"
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipping SmolLM2 check: \(path) missing (run `make test` set-up)")
            return
        }
        let g = try JSONDecoder().decode(SmolGolden.self, from: Data(contentsOf: Fixtures.url("smollm2_goldens.json")))
        let engine = try Engine(path: path, threads: 2)
        #expect(engine.renderChat([ChatMessage(role: "user", content: "What is 17 * 23?")]) == g.tokens)
        let V = engine.model.config.vocab
        let out = engine.logits(g.tokens)           // prefill path, f32 arithmetic
        var worst = 0.0
        for t in 0..<g.tokens.count {
            for (j, id) in g.top_ids[t].enumerated() { worst = max(worst, abs(Double(out[t * V + id]) - g.top_logits[t][j])) }
            for (j, id) in g.probe_ids.enumerated() { worst = max(worst, abs(Double(out[t * V + id]) - g.probe_logits[t][j])) }
            let row = out[(t * V)..<((t + 1) * V)]
            if g.top_logits[t][0] - g.top_logits[t][1] > 0.05 {
                #expect(row.firstIndex(of: row.max()!)! - t * V == g.top_ids[t][0], "position \(t): argmax differs")
            }
        }
        #expect(worst < 2e-2, "f32 prefill vs float64 reference: max |Δ| \(worst)")
        // Decode path (one token at a time, int8 activations): within about a logit (reference/engine.md §7).
        let q = engine.stepLogits(Array(g.tokens.prefix(g.tokens.count)), precision: .int8Activations)
        var worstQ = 0.0
        for t in (g.tokens.count - 4)..<g.tokens.count {
            for (j, id) in g.top_ids[t].enumerated() { worstQ = max(worstQ, abs(Double(q[t * V + id]) - g.top_logits[t][j])) }
            let row = q[(t * V)..<((t + 1) * V)]
            if g.top_logits[t][0] - g.top_logits[t][1] > 1 {
                #expect(row.firstIndex(of: row.max()!)! - t * V == g.top_ids[t][0])
            }
            let mineTop = Set(row.indices.sorted { row[$0] > row[$1] }.prefix(5).map { $0 - t * V })
            #expect(mineTop.intersection(g.top_ids[t].prefix(10)).count >= 4)
        }
        #expect(worstQ < 1.5, "int8 decode vs float64 reference: max |Δ| \(worstQ)")
        print("SmolLM2 max |Δ| logits: f32 prefill \(worst), int8 decode \(worstQ)")
    }
}

@Suite struct DeterminismTests {
    @Test func logitsDoNotDependOnThreadsOrRuns() throws {
        let path = Fixtures.url("tiny-qwen2.gguf").path
        let e1 = try Engine(path: path, threads: 1), e3 = try Engine(path: path, threads: 3)
        let toks: [Int32] = [256, 1, 2, 3, 200, 100, 50, 25, 12, 6, 3, 1]
        for p in [Precision.int8Activations, .f32] {
            let a = e1.stepLogits(toks, precision: p), b = e3.stepLogits(toks, precision: p), c = e3.stepLogits(toks, precision: p)
            #expect(a == b && b == c)
        }
        #expect(e1.logits(toks) == e3.logits(toks))
    }
}

@Suite struct BatchTests {
    @Test(arguments: [Precision.int8Activations, .f32], ["tiny-llama", "tiny-qwen2"])
    func batchEqualsSeparateRuns(precision: Precision, model: String) throws {
        let engine = try Engine(path: Fixtures.url("\(model).gguf").path, threads: 2)
        var p = GenerateParams(maxTokens: 10, sampling: SamplingParams(temperature: 0.9, topK: 50, seed: 100))
        p.precision = precision
        p.stopAtEndOfGeneration = true
        let prompt: [Int32] = [256, 80, 121, 116, 104, 111, 110]
        let batch = try engine.generateBatch(prompt: prompt, count: 6, params: p)
        #expect(batch.count == 6)
        for i in 0..<6 {
            var q = p; q.sampling.seed = 100 + UInt64(i)
            let one = try engine.generate(prompt: prompt, params: q)
            #expect(batch[i].tokens == one.tokens, "sample \(i)")
            if precision == .int8Activations {
                #expect(batch[i].logprobs == one.logprobs)   // same kernels, same order: bit-identical
            } else {                                         // f32 batch runs the tiled matmul: float rounding only
                #expect(zip(batch[i].logprobs, one.logprobs).allSatisfy { abs($0 - $1) < 1e-4 })
            }
            #expect(batch[i].text == one.text && batch[i].finishReason == one.finishReason)
        }
        #expect(Set(batch.map(\.tokens)).count > 1)
    }
}

@Suite struct SamplerTests {
    @Test func distributionsAndTruncation() {
        let logits: [Float] = [2, 1, 0, -1, 3, 0.5]
        let probs = logits.map { exp(Double($0)) }, z = probs.reduce(0, +)
        logits.withUnsafeBufferPointer { lg in
            var greedy = Sampler(.greedy)
            let g = greedy.sample(lg)
            #expect(g.id == 4 && abs(Double(g.logprob) - log(probs[4] / z)) < 1e-6)
            // Plain sampling: empirical frequencies follow softmax.
            var s = Sampler(SamplingParams(temperature: 1, seed: 7))
            var counts = [Int](repeating: 0, count: 6)
            for _ in 0..<20000 { counts[Int(s.sample(lg).id)] += 1 }
            for i in 0..<6 { #expect(abs(Double(counts[i]) / 20000 - probs[i] / z) < 0.015) }
            // top-k 2 → only ids 4 and 0; min-p 0.5 → ids with p ≥ 0.5·p_max (4 and 0); top-p 0.5 → id 4 only
            let cases: [(SamplingParams, Set<Int32>)] = [(SamplingParams(temperature: 1, topK: 2, seed: 1), [4, 0]),
                                                         (SamplingParams(temperature: 1, minP: 0.3, seed: 2), [4, 0]),
                                                         (SamplingParams(temperature: 1, topP: 0.5, seed: 3), [4])]
            for (params, allowed) in cases {
                var t = Sampler(params)
                var seen = Set<Int32>()
                for _ in 0..<500 { seen.insert(t.sample(lg).id) }
                #expect(seen == allowed, "\(params)")
            }
            // Logprob is under softmax(logits / T) before truncation.
            var hot = Sampler(SamplingParams(temperature: 2, topK: 1, seed: 4))
            let h = hot.sample(lg)
            let z2 = logits.map { exp(Double($0) / 2) }.reduce(0, +)
            #expect(h.id == 4 && abs(Double(h.logprob) - (1.5 - log(z2))) < 1e-6)
        }
    }
}

@Suite struct ChunkedPrefillTests {
    @Test(arguments: ["tiny-llama", "tiny-qwen2"])
    func chunksAgreeWithOnePass(name: String) throws {
        let g = ModelTests.tiny[name]!
        let engine = try Engine(path: Fixtures.url("\(name).gguf").path, threads: 2)
        let whole = engine.logits(g.tokens)
        for chunk in [1, 3, 5] {
            engine.prefillChunk = chunk
            let parts = engine.logits(g.tokens)
            #expect(zip(whole, parts).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($0)) }, "chunk \(chunk)")
        }
        // generation after a chunked prefill = after a one-pass prefill
        let p = GenerateParams(maxTokens: 5)
        let a = try engine.generate(prompt: g.tokens, params: p)
        engine.prefillChunk = 256
        let b = try engine.generate(prompt: g.tokens, params: p)
        #expect(a.tokens == b.tokens)
    }
}
