// Hugging Face checkpoints: a folder written from a training model must give the
// engine the same logits as the model it came from (tiny llama and qwen2, tied
// and untied, and the real SmolLM2 with its tokenizer); and a short SFT run on
// a tiny dataset must lower that data's loss and save a folder that generates.

import XCTest
@testable import R1Train
import R1Engine
import R1Kernels

final class CheckpointTests: XCTestCase {
    func tempFolder(_ name: String) -> String {
        NSTemporaryDirectory() + "r1ci-ckpt-\(getpid())-\(name)"
    }

    func maxDiff(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) } }

    func testTinyCheckpointsGiveTheSourceLogits() throws {
        for (arch, tied) in [("llama", true), ("llama", false), ("qwen2", true), ("qwen2", false)] {
            let model = try Tiny.model(arch, tied: tied, seed: 21, dim: 32, ffn: 48, vocab: 40)
            let source = try Transformer(gguf: GGUFFile(bytes: ggufBytes(of: model)))
            let folder = tempFolder("\(arch)-\(tied)"); defer { try? FileManager.default.removeItem(atPath: folder) }
            try writeHFCheckpoint(model, info: HFCheckpointInfo(contextLength: 256, bos: 1, eos: 2), extraFiles: [:], to: folder)
            let config = try HFConfig(path: folder + "/config.json")
            XCTAssertEqual(config.tiedEmbeddings, tied)
            let loaded = try Transformer(config: config.model, tensors: HFTensorSource(try SafetensorsSet(folder: folder)),
                                         tiedEmbeddings: config.tiedEmbeddings)
            var rng = TestRNG(seed: 3)
            let tokens = rng.tokens(23, vocab: 40)
            let want = engineLogits(source, tokens), got = engineLogits(loaded, tokens)
            XCTAssertLessThan(maxDiff(want, got), 1e-4, "\(arch) tied=\(tied)")
            XCTAssertGreaterThan(want.map(abs).max()!, 0.1)
            // Written again over the same folder: replaced whole, no temporary left beside it.
            try writeHFCheckpoint(model, info: HFCheckpointInfo(contextLength: 256, bos: 1, eos: 2), extraFiles: ["x.txt": Data("x".utf8)], to: folder)
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/x.txt"))
            let siblings = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            XCTAssertFalse(siblings.contains { $0.contains("r1ci-ckpt-\(getpid())-\(arch)-\(tied).tmp") || $0.contains(".old-") && $0.contains("\(arch)-\(tied)") })
        }
    }

    func smolPath() throws -> String {
        let path = ModelCatalog.cacheDirectory() + "/SmolLM2-135M-Instruct.Q4_1.gguf"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "SmolLM2 not downloaded")
        return path
    }

    func testSmolLM2CheckpointAtStepZeroMatchesTheGGUF() throws {
        let path = try smolPath()
        let source = try LocalModel(path: path)
        let model = try TrainModel(transformer: source.transformer)
        let folder = tempFolder("smol"); defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try tokenizerFiles(for: source.tokenizer, chatTemplate: source.template.text)
        try writeHFCheckpoint(model, info: HFCheckpointInfo(contextLength: source.transformer.config.contextLength,
                                                            bos: source.tokenizer.bos, eos: source.tokenizer.eos),
                              extraFiles: files, to: folder)
        let a = try Engine(path: path, threads: 2), b = try Engine(path: folder, threads: 2)
        let chat = [ChatMessage(role: "user", content: "What is 12 * 7? Use python: ```python\nprint(12*7)\n```")]
        let ta = a.renderChat(chat), tb = b.renderChat(chat)
        XCTAssertEqual(ta, tb, "the written tokenizer.json and chat template encode like the GGUF's")
        // The GGUF engine multiplies the Q4_1 weights directly, the folder holds them dequantized to f32.
        let la = a.logits(ta), lb = b.logits(tb)
        XCTAssertLessThan(maxDiff(la, lb), 3e-3)
    }

    func testTinySFTLowersLossAndTheFolderGenerates() throws {
        let path = try smolPath()
        let source = try LocalModel(path: path)
        let tok = source.tokenizer
        // A tiny random llama with SmolLM2's vocabulary, so the real tokenizer and template apply.
        let shape = TrainShape(arch: "llama", nLayers: 2, dim: 32, nHeads: 4, nKVHeads: 2, headDim: 8, ffnDim: 48,
                               vocab: tok.count, tiedEmbeddings: true)
        let model = try TrainModel(shape: shape, tensors: Tiny.tensors(shape, seed: 9).mapValues { $0.map { $0 * 0.3 } })
        let traces = (1...6).map { i in [
            ChatMessage(role: "user", content: "What is \(i) + \(i)?"),
            ChatMessage(role: "assistant", content: "```python\nprint(\(i)+\(i))\n```\nCode Execution Results:\n```\n\(2 * i)\n```\n<<<\(2 * i)>>>")] }
        let encoder = SFTEncoder(tokenizer: tok, template: source.template)
        let data = try SFTDataset(try traces.map { try encoder.encode($0) }, maxTokens: 128, evalFraction: 0, seed: 1)
        var settings = SFTSettings(steps: 12); settings.batch = 3; settings.lr = 1e-2; settings.warmup = 2
        let run = SFTRun(model: model, data: data, settings: settings, pad: tok.eos ?? 0)
        let all = paddedBatch(data.train, pad: tok.eos ?? 0)
        let before = run.trainer.evaluate([all]).loss
        var losses: [Double] = []
        try run.run { losses.append($0.result.loss) }
        let after = run.trainer.evaluate([all]).loss
        XCTAssertEqual(losses.count, 12)
        XCTAssertLessThan(after, before - 1, "loss \(before) → \(after)")
        let folder = tempFolder("sft"); defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeHFCheckpoint(model, info: HFCheckpointInfo(contextLength: 256, bos: tok.bos, eos: tok.eos),
                              extraFiles: try tokenizerFiles(for: tok, chatTemplate: source.template.text), to: folder)
        let engine = try Engine(path: folder, threads: 2)
        let prompt = engine.renderChat([ChatMessage(role: "user", content: "What is 3 + 3?")])
        var params = GenerateParams(maxTokens: 8); params.stopAtEndOfGeneration = false
        XCTAssertEqual(try engine.generate(prompt: prompt, params: params).tokens.count, 8)
        // The saved weights are the trained ones: the engine's loss on the data equals the trainer's.
        let e = data.train[0]
        let lg = engine.logits(e.tokens)
        var sum = 0.0, n = 0.0
        for i in 0..<(e.tokens.count - 1) where e.modelMask[i + 1] > 0 {
            let row = lg[(i * tok.count)..<((i + 1) * tok.count)]
            let mx = Double(row.max()!), lse = mx + log(row.reduce(0.0) { $0 + exp(Double($1) - mx) })
            sum += lse - Double(row[row.startIndex + Int(e.tokens[i + 1])]); n += 1
        }
        let trainerLoss = run.trainer.evaluate([paddedBatch([e], pad: 0)]).loss
        XCTAssertEqual(sum / n, trainerLoss, accuracy: 1e-3)
    }
}
