// The training forward must produce the engine's own f32 logits: on tiny random
// llama/qwen2 models (written to GGUF in memory) and on the real SmolLM2-135M.

import XCTest
@testable import R1Train
import R1Engine
import R1Kernels

final class EngineAgreementTests: XCTestCase {
    func checkAgreement(_ transformer: Transformer, sequences: [[Int32]], tolerance: Float) throws {
        let model = try TrainModel(transformer: transformer)
        let B = sequences.count, T = sequences[0].count, V = model.shape.vocab
        let acts = Activations(shape: model.shape, B: B, T: T)
        let pool = r1k_pool_new(2); defer { r1k_pool_free(pool) }
        model.forward(tokens: sequences.flatMap { $0 }, acts: acts, pool: pool)
        for (b, seq) in sequences.enumerated() {
            let want = engineLogits(transformer, seq)
            var worst: Float = 0
            for i in 0..<(T * V) { worst = max(worst, abs(acts.logits[b * T * V + i] - want[i])) }
            XCTAssertLessThan(worst, tolerance, "sequence \(b): max |Δlogit| = \(worst)")
        }
    }

    func testTinyModelsMatchEngine() throws {
        for (arch, tied) in [("llama", true), ("llama", false), ("qwen2", true), ("qwen2", false)] {
            let model = try Tiny.model(arch, tied: tied, seed: 11, dim: 64, ffn: 96, vocab: 80)
            let transformer = try Transformer(gguf: GGUFFile(bytes: ggufBytes(of: model)))
            XCTAssertEqual(transformer.tiedEmbeddings, tied)
            var rng = TestRNG(seed: 5)
            try checkAgreement(transformer, sequences: [rng.tokens(19, vocab: 80), rng.tokens(19, vocab: 80)], tolerance: 1e-4)
        }
    }

    func testSmolLM2MatchesEngine() throws {
        let path = ModelCatalog.cacheDirectory() + "/SmolLM2-135M-Instruct.Q4_1.gguf"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "SmolLM2 not downloaded")
        let transformer = try Transformer(path: path)
        let seq: [Int32] = [1, 9690, 198, 2683, 359, 253, 5356, 5646, 11173, 3365, 28, 7018, 411, 42, 2, 198, 1, 4093, 198, 504]
        // Measured max |Δ| 1.5e-4 over 20 × 49152 logits of magnitude up to ~30 (fp32 summation order).
        try checkAgreement(transformer, sequences: [seq], tolerance: 3e-4)
    }
}
