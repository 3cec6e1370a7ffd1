// Gradient accumulation: two micro-batches of one sequence give the same update
// as one batch of both; and a few steps on a fixed batch lower its loss.

import XCTest
@testable import R1Train

final class TrainerTests: XCTestCase {
    func batch(_ rng: inout TestRNG, B: Int, T: Int, V: Int) -> TrainBatch {
        let toks = rng.tokens(B * T, vocab: V)
        var mask = [Float](repeating: 1, count: B * T)
        for i in 0..<(B * T) where rng.next() % 3 == 0 { mask[i] = 0 }
        return TrainBatch(tokens: toks, targets: rng.tokens(B * T, vocab: V), mask: mask)
    }

    func testAccumulationEqualsOneBigBatch() throws {
        let shape = Tiny.shape("qwen2", tied: true), T = 7
        let tensors = Tiny.tensors(shape, seed: 41)
        var rng = TestRNG(seed: 42)
        let a = batch(&rng, B: 1, T: T, V: shape.vocab), b = batch(&rng, B: 1, T: T, V: shape.vocab)
        let both = TrainBatch(tokens: a.tokens + b.tokens, targets: a.targets + b.targets, mask: a.mask + b.mask)
        let schedule = LRSchedule(peak: 1e-2, warmupSteps: 0, totalSteps: 2)
        let settings = AdamWSettings(weightDecay: 0.1)
        let split = Trainer(model: try TrainModel(shape: shape, tensors: tensors), batch: 1, seq: T, schedule: schedule,
                            adamw: settings, maxGradNorm: 0.5)
        let whole = Trainer(model: try TrainModel(shape: shape, tensors: tensors), batch: 2, seq: T, schedule: schedule,
                            adamw: settings, maxGradNorm: 0.5)
        let r1 = split.step([a, b]), r2 = whole.step([both])
        XCTAssertEqual(r1.loss, r2.loss, accuracy: 1e-5)
        XCTAssertEqual(r1.gradNorm, r2.gradNorm, accuracy: 1e-5 * r2.gradNorm)
        XCTAssertEqual(r1.tokens, r2.tokens)
        var worst: Float = 0
        for i in 0..<split.model.layout.totalCount { worst = max(worst, abs(split.model.params[i] - whole.model.params[i])) }
        XCTAssertLessThan(worst, 1e-6)
    }

    func testLossFallsOnAFixedBatch() throws {
        let shape = Tiny.shape("llama", tied: false), T = 8
        var rng = TestRNG(seed: 43)
        let data = batch(&rng, B: 2, T: T, V: shape.vocab)
        let trainer = Trainer(model: try TrainModel(shape: shape, tensors: Tiny.tensors(shape, seed: 44)), batch: 2, seq: T,
                              schedule: LRSchedule(peak: 3e-2, warmupSteps: 2, totalSteps: 30), adamw: AdamWSettings())
        let first = trainer.step([data]).loss
        var last = first
        for _ in 0..<29 { last = trainer.step([data]).loss }
        XCTAssertLessThan(last, first * 0.5, "loss \(first) → \(last)")
    }
}
