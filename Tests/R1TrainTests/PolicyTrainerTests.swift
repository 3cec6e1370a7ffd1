// The policy update on tiny models: masked positions (prompt, execution
// results) contribute nothing — changing their tokens' targets, rollout
// log-probabilities or advantages leaves the update bit-identical; with LoRA
// the base weights never move; a non-finite loss refuses the step and leaves
// the weights alone; the reference pass sees the starting weights; and a few
// GRPO steps with a positive advantage raise the sampled tokens' probability.

import XCTest
@testable import R1Train

final class PolicyTrainerTests: XCTestCase {
    func sequence(_ tokens: [Int32], mask: [Int32], seed: UInt64) -> PolicySequence {
        var rng = TestRNG(seed: seed)
        return PolicySequence(tokens: tokens, modelMask: mask, logprobs: tokens.map { _ in -abs(rng.uniform()) })
    }

    func settings(klCoef: Double = 0) -> PolicySettings {
        var s = PolicySettings()
        s.lr = 1e-2; s.klCoef = klCoef; s.clip = ClipSettings(low: 0.2, high: 0.28); s.totalSteps = 100
        return s
    }

    func testMaskedPositionsContributeNothing() throws {
        let tokens: [Int32] = [3, 7, 1, 9, 4, 4, 12, 5, 8, 2]
        //                     prompt ---- model -- exec ----- model
        let mask: [Int32] = [0, 0, 0, 1, 1, 0, 0, 1, 1, 0]        // last token: an execution result at the end
        func run(_ seqs: [PolicySequence], advantages: [[Double]]) throws -> [Float] {
            let model = try Tiny.model("qwen2", tied: false, seed: 21)
            let trainer = PolicyTrainer(model: model, settings: settings(klCoef: 0.1))
            let ref = trainer.referenceScores(seqs).map(\.logp)
            _ = try trainer.update(seqs, advantages: advantages, reference: ref)
            return model.params.array()
        }
        let a = sequence(tokens, mask: mask, seed: 1)
        var changedTail = tokens; changedTail[9] = 30              // a different execution-result token at the end
        let b = sequence(changedTail, mask: mask, seed: 2)         // and different rollout log-probabilities
        let adv = [Double](repeating: 0.7, count: a.length)
        var advB = adv
        for t in 0..<a.length where a.mask[t] == 0 { advB[t] = .nan }  // garbage where nothing is trained
        let p1 = try run([a], advantages: [adv]), p2 = try run([b], advantages: [advB])
        XCTAssertEqual(p1, p2, "tokens, log-probabilities and advantages at masked positions must not matter")
        let start = try Tiny.model("qwen2", tied: false, seed: 21).params.array()
        XCTAssertNotEqual(p1, start, "model positions must train")
    }

    func testLoRAKeepsBaseFrozenAndNonFiniteLossIsRefused() throws {
        let model = try Tiny.model("llama", tied: true, seed: 8)
        model.lora = try LoRAAdapters(shape: model.shape, settings: LoRASettings(rank: 2, targets: [.q, .v], seed: 3))
        let base = model.params.array(), adapters = model.lora!.params.array()
        let trainer = PolicyTrainer(model: model, settings: settings(klCoef: 0.05))
        let s = sequence([1, 2, 3, 4, 5, 6, 7], mask: [0, 0, 1, 1, 1, 0, 1], seed: 4)
        let ref = trainer.referenceScores([s]).map(\.logp)
        let m = try trainer.update([s], advantages: [[Double](repeating: 1, count: s.length)], reference: ref)
        XCTAssertTrue(m.loss.isFinite); XCTAssertGreaterThan(m.gradNorm, 0)
        XCTAssertEqual(model.params.array(), base, "base weights are frozen under LoRA")
        let after = model.lora!.params.array()
        XCTAssertNotEqual(after, adapters)
        // Only the B factors that received gradient moved from zero; every A moved by Adam's sign-like step.
        let bChanged = model.lora!.layout.tensors.filter { $0.name.hasSuffix("lora_b") }.allSatisfy { t in
            (t.offset..<(t.offset + t.count)).contains { after[$0] != 0 }
        }
        XCTAssertTrue(bChanged)
        // A NaN advantage on a model token: the step is refused, nothing changes.
        var bad = [Double](repeating: 1, count: s.length); bad[3] = .nan
        XCTAssertThrowsError(try trainer.update([s], advantages: [bad], reference: ref)) { e in
            XCTAssertTrue("\(e)".contains("refused"), "\(e)")
        }
        XCTAssertEqual(model.lora!.params.array(), after)
        XCTAssertEqual(trainer.step, 1)
    }

    func testReferenceIsTheStartingModelAndUpdatesRaiseRewardedTokens() throws {
        let model = try Tiny.model("llama", tied: false, seed: 5)
        let trainer = PolicyTrainer(model: model, settings: settings(klCoef: 0.01))
        let s = sequence([2, 9, 4, 11, 6, 3, 8], mask: [0, 0, 1, 1, 1, 1, 1], seed: 6)
        let start = trainer.score([s])[0].logp
        let ref = trainer.referenceScores([s]).map(\.logp)
        XCTAssertEqual(ref[0], start)
        var last = start
        for _ in 0..<3 {
            _ = try trainer.update([s], advantages: [[Double](repeating: 1, count: s.length)], reference: ref)
            let now = trainer.score([s])[0].logp
            let sumNow = zip(now, s.mask).reduce(0.0) { $0 + ($1.1 > 0 ? $1.0 : 0) }
            let sumLast = zip(last, s.mask).reduce(0.0) { $0 + ($1.1 > 0 ? $1.0 : 0) }
            XCTAssertGreaterThan(sumNow, sumLast, "a positive advantage must make the sampled tokens likelier")
            last = now
        }
        XCTAssertEqual(trainer.referenceScores([s])[0].logp, start, "the reference stays the starting model")
        XCTAssertEqual(trainer.score([s])[0].logp, last, "the reference pass puts the trained weights back")
    }

    func testPPOCriticLearnsReturns() throws {
        let model = try Tiny.model("qwen2", tied: true, seed: 9)
        var st = settings(); st.lr = 1e-4; st.criticLR = 5e-2
        let trainer = PolicyTrainer(model: model, settings: st, critic: true)
        let s = sequence([1, 5, 9, 2, 7, 3], mask: [0, 1, 1, 0, 1, 1], seed: 2)
        var losses: [Double] = []
        for _ in 0..<6 {
            let scores = trainer.score([s])[0]
            var r = [Double](repeating: 0, count: s.length); r[s.lastModelPosition!] = 1
            let (adv, ret) = generalizedAdvantages(rewards: r, values: scores.values!, mask: s.mask, gamma: 1, lambda: 1)
            let m = try trainer.update([s], advantages: whitenMasked([adv], masks: [s.mask]), old: [scores.logp],
                                       critic: ([scores.values!], [ret]))
            losses.append(m.vfLoss!)
        }
        XCTAssertLessThan(losses.last!, losses.first! * 0.8, "the value head must fit the returns: \(losses)")
    }
}
