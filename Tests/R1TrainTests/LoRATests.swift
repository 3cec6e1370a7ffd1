// LoRA: the adapter's gradients by finite differences (alone and wired into the
// whole model), step 0 equal to the base model, training that moves only the
// adapters, and merging into a plain model with the same logits.

import XCTest
@testable import R1Train
import R1Kernels

final class LoRATests: XCTestCase {
    func testLoRALinearGradients() {
        var rng = TestRNG(seed: 71)
        let pool = r1k_pool_new(2); defer { r1k_pool_free(pool) }
        let N = 5, I = 7, O = 19, r = 3, s: Float = 1.5
        var x = rng.floats(N * I, scale: 1), a = rng.floats(r * I, scale: 1), b = rng.floats(O * r, scale: 1)
        let base = rng.floats(N * O, scale: 1), up = rng.floats(N * O, scale: 1)
        let scratch = LoRAScratch()
        func f(_ x: [Float], _ a: [Float], _ b: [Float]) -> [Float] {
            var y = base                                                  // stands in for W·x: the adapter adds to it
            loraForward(pool, &y, x, a, b, scale: s, N: N, I: I, O: O, r: r, scratch: scratch)
            return y
        }
        var dx = [Float](repeating: 0.25, count: N * I)                   // added to, so the check subtracts it
        var da = [Float](repeating: 0, count: r * I), db = [Float](repeating: 0, count: O * r)
        loraBackward(pool, dX: &dx, dA: &da, dB: &db, up, x, a, b, scale: s, N: N, I: I, O: O, r: r, scratch: scratch)
        let (x0, a0, b0) = (x, a, b)
        assertClose(dx.map { $0 - 0.25 }, numeric(&x) { dot(f($0, a0, b0), up) }, "lora dx")
        assertClose(da, numeric(&a) { dot(f(x0, $0, b0), up) }, "lora dA")
        assertClose(db, numeric(&b) { dot(f(x0, a0, $0), up) }, "lora dB")
    }

    /// A tiny model with adapters on every target and B made non-zero, so dA is not trivially 0.
    func adaptedModel(_ arch: String, tied: Bool, rank: Int = 2, randomB: Bool) throws -> TrainModel {
        let model = try Tiny.model(arch, tied: tied, seed: 72)
        let lora = try LoRAAdapters(shape: model.shape, settings: LoRASettings(rank: rank, alpha: 3, seed: 5))
        if randomB {
            var rng = TestRNG(seed: 73)
            for t in lora.layout.tensors where t.name.hasSuffix("lora_b") {
                for i in 0..<t.count { lora.params[t.offset + i] = rng.uniform() * 0.5 }
            }
        }
        model.lora = lora
        return model
    }

    func testWholeModelAdapterGradients() throws {
        for (arch, tied) in [("llama", false), ("qwen2", true)] {
            let model = try adaptedModel(arch, tied: tied, randomB: true)
            let B = 2, T = 5, V = model.shape.vocab
            var rng = TestRNG(seed: 74)
            let tokens = rng.tokens(B * T, vocab: V), targets = rng.tokens(B * T, vocab: V)
            let mask: [Float] = (0..<(B * T)).map { $0 % 4 == 1 ? 0 : 1 }
            let acts = Activations(shape: model.shape, B: B, T: T)
            func loss() -> Double {
                model.forward(tokens: tokens, acts: acts, pool: nil)
                return model.crossEntropy(targets: targets, mask: mask, denominator: 1, acts: acts)
            }
            model.zeroGrads()
            _ = loss()
            model.backward(tokens: tokens, acts: acts, pool: nil)
            let lora = try XCTUnwrap(model.lora)
            var values = lora.params.array()
            let want = numeric(&values) { v in
                lora.params.pointer.update(from: v, count: v.count)
                return loss()
            }
            lora.params.pointer.update(from: values, count: values.count)
            assertClose(lora.grads.array(), want, "\(arch) adapter gradients")
        }
    }

    func testStepZeroEqualsBaseModel() throws {
        let model = try Tiny.model("qwen2", tied: true, seed: 75)
        var rng = TestRNG(seed: 76)
        let tokens = rng.tokens(2 * 6, vocab: model.shape.vocab)
        let acts = Activations(shape: model.shape, B: 2, T: 6)
        model.forward(tokens: tokens, acts: acts, pool: nil)
        let base = acts.logits.array()
        model.lora = try LoRAAdapters(shape: model.shape, settings: LoRASettings(rank: 4, seed: 1))
        model.forward(tokens: tokens, acts: acts, pool: nil)
        XCTAssertEqual(acts.logits.array(), base, "B = 0 must leave the logits unchanged")
        XCTAssertNotEqual(model.lora!.params.array().map(abs).max(), 0, "A is initialised")
    }

    func testTrainingMovesOnlyAdaptersAndMergeKeepsLogits() throws {
        for (arch, tied) in [("llama", false), ("qwen2", true)] {
            let model = try Tiny.model(arch, tied: tied, seed: 77)
            let baseParams = model.params.array()
            model.lora = try LoRAAdapters(shape: model.shape, settings: LoRASettings(rank: 4, alpha: 8, seed: 2))
            let T = 8
            var rng = TestRNG(seed: 78)
            let data = TrainBatch(tokens: rng.tokens(2 * T, vocab: model.shape.vocab),
                                  targets: rng.tokens(2 * T, vocab: model.shape.vocab), mask: [Float](repeating: 1, count: 2 * T))
            let trainer = Trainer(model: model, batch: 2, seq: T, schedule: LRSchedule(peak: 2e-2, warmupSteps: 0, totalSteps: 20),
                                  adamw: AdamWSettings(weightDecay: 0.01))
            let first = trainer.step([data]).loss
            var last = first
            for _ in 0..<19 { last = trainer.step([data]).loss }
            XCTAssertLessThan(last, first * 0.8, "\(arch): loss \(first) → \(last)")
            XCTAssertEqual(model.params.array(), baseParams, "\(arch): base weights must stay bit-identical")

            let acts = Activations(shape: model.shape, B: 2, T: T)
            model.forward(tokens: data.tokens, acts: acts, pool: nil)
            let adapted = acts.logits.array()
            model.mergeLoRA()
            XCTAssertNil(model.lora)
            XCTAssertNotEqual(model.params.array(), baseParams, "\(arch): merging changes the weights")
            model.forward(tokens: data.tokens, acts: acts, pool: nil)
            let merged = acts.logits.array()
            let worst = zip(adapted, merged).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThan(worst, 1e-5, "\(arch): merged logits differ by \(worst)")
        }
    }

    func testBadSettings() throws {
        let shape = Tiny.shape("llama", tied: true)
        XCTAssertThrowsError(try LoRAAdapters(shape: shape, settings: LoRASettings(rank: 0))) {
            XCTAssertTrue("\($0)".contains("rank"), "\($0)")
        }
        XCTAssertEqual(try LoRATarget.parseList("q, v,q"), [.q, .v])
        XCTAssertThrowsError(try LoRATarget.parseList("q,mlp")) { XCTAssertTrue("\($0)".contains("'mlp'"), "\($0)") }
    }
}
