// Export of a trained run: a few SFT steps on the tiny llama fixture, then the
// Hugging Face folder and the GGUF that `r1ci export` writes, loaded by the
// engine, against the training forward's own fp32 logits; the gguf Python
// package reads the GGUF with llama.cpp's metadata keys and tensor names.

import Foundation
import Testing
@testable import R1Train
import R1Engine
import R1Kernels

@Suite struct ExportTests {
    let tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../R1EngineTests/Fixtures/tiny-llama.gguf").standardized.path

    @Test func trainedRunExportsToHFAndGGUFThatTheEngineRuns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("d.jsonl").path
        let lines = (0..<4).map { #"{"messages": [{"role": "user", "content": "say \#($0)"}, {"role": "assistant", "content": "\#($0) \#($0)"}]}"# }
        try lines.joined(separator: "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let config = try SFTJob.schema.resolve(file: ["model": .string(tiny), "data": .string(data), "steps": .int(3),
                                                      "lr": .float(1e-3), "seq": .int(48), "eval_fraction": .float(0)])
        let job = try SFTJob(config: config)
        var first = 0.0
        for i in 0..<3 { let m = try job.step(); if i == 0 { first = m["train/loss"]! } }

        // The training forward's logits after training.
        let seq: [Int32] = [1, 5, 9, 17, 33, 2, 64, 7, 12]
        let T = seq.count, V = job.model.shape.vocab
        let acts = Activations(shape: job.model.shape, B: 1, T: T)
        let pool = r1k_pool_new(2); defer { r1k_pool_free(pool) }
        job.model.forward(tokens: seq, acts: acts, pool: pool)
        let trained = (0..<(T * V)).map { acts.logits[$0] }
        let original = engineLogits(try Transformer(path: tiny), seq)
        func maxDiff(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) } }
        #expect(maxDiff(trained, original) > 1e-2, "training changed the model (first loss \(first))")

        let hf = dir.appendingPathComponent("hf").path
        try job.writeHFModel(to: hf)
        // The HF folder holds the fp32 weights exactly: fp32 summation-order differences only.
        #expect(maxDiff(engineLogits(try Transformer(path: hf), seq), trained) < 1e-4)

        let gguf = dir.appendingPathComponent("m.gguf").path
        try Quantizer.write(try LocalModel(path: hf), type: .q8_0, to: gguf)
        let quantized = engineLogits(try Transformer(path: gguf), seq)
        // Q8_0 rounds each weight to 1/254 of its block's largest: a small fraction of the logit range.
        let range = trained.map(abs).max()!
        let worst = maxDiff(quantized, trained)
        // Q8_0 rounds every weight to 1/127 of its block's largest; on this tiny random model the
        // untrained fixture re-quantized the same way moves logits by 1.8 of a range of 33 (measured),
        // so the bound is loose; the exact check is the F32 GGUF below.
        #expect(worst < 0.25 * range, "max |Δlogit| \(worst) of range \(range)")
        let f32 = dir.appendingPathComponent("f32.gguf").path
        try Quantizer.write(try LocalModel(path: hf), type: .f32, to: f32)
        #expect(maxDiff(engineLogits(try Transformer(path: f32), seq), trained) < 1e-4)

        // The gguf package (llama.cpp's own reader) sees llama metadata and llama.cpp tensor names.
        let script = """
        import sys, gguf
        r = gguf.GGUFReader(sys.argv[1])
        f = r.fields["general.architecture"]
        print(bytes(f.parts[f.data[0]]).decode())
        print(int(r.fields["llama.block_count"].parts[-1][0]))
        for t in r.tensors: print(t.name, t.tensor_type.name)
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, gguf]
        let out = Pipe(); p.standardOutput = out
        try p.run(); let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self); p.waitUntilExit()
        let rows = text.split(separator: "\n").map(String.init)
        #expect(rows.first == "llama" && rows.dropFirst().first == "2", "\(text)")
        let tensors = Dictionary(rows.dropFirst(2).map { ($0.split(separator: " ")[0], $0.split(separator: " ")[1]) }, uniquingKeysWith: { a, _ in a })
        var expected = ["token_embd.weight", "output_norm.weight"]
        for l in 0..<2 {
            expected += ["attn_norm", "attn_q", "attn_k", "attn_v", "attn_output", "ffn_norm", "ffn_gate", "ffn_up", "ffn_down"].map { "blk.\(l).\($0).weight" }
        }
        #expect(Set(tensors.keys.map(String.init)) == Set(expected), "\(text)")
        #expect(tensors["blk.0.attn_q.weight"] == "Q8_0" && tensors["blk.0.attn_norm.weight"] == "F32", "\(text)")
    }
}
