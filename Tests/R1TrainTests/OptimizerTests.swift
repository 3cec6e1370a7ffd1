// AdamW and the learning-rate schedule against float64 references of the update rules.

import Foundation
import XCTest
@testable import R1Train

final class OptimizerTests: XCTestCase {
    func testAdamWMatchesFloat64Reference() throws {
        let shape = Tiny.shape("qwen2", tied: false)
        let model = try TrainModel(shape: shape, tensors: Tiny.tensors(shape, seed: 31))
        let settings = AdamWSettings(beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.1)
        let opt = AdamW(layout: model.layout, settings: settings)
        let P = model.layout.totalCount
        var p = model.params.array().map(Double.init), m = [Double](repeating: 0, count: P), v = m
        let decays = model.layout.tensors.flatMap { [Bool](repeating: $0.decays, count: $0.count) }
        var rng = TestRNG(seed: 32)
        let rates: [Double] = [1e-2, 5e-3, 2e-3]
        for (step, lr) in rates.enumerated() {
            let g = rng.floats(P, scale: 1), scale: Float = step == 1 ? 0.5 : 1
            (model.grads.pointer).update(from: g, count: P)
            opt.update(params: model.params, grads: model.grads, lr: Float(lr), gradScale: scale)
            let t = Double(step + 1)
            for i in 0..<P {
                let gi = Double(g[i]) * Double(scale)
                m[i] = 0.9 * m[i] + 0.1 * gi
                v[i] = 0.99 * v[i] + 0.01 * gi * gi
                let mhat = m[i] / (1 - pow(0.9, t)), vhat = v[i] / (1 - pow(0.99, t))
                p[i] = p[i] * (1 - lr * (decays[i] ? 0.1 : 0)) - lr * mhat / (vhat.squareRoot() + 1e-8)
            }
        }
        var worst = 0.0
        for i in 0..<P { worst = max(worst, abs(Double(model.params[i]) - p[i])) }
        XCTAssertLessThan(worst, 1e-5)
        // Norm weights never decay: with zero gradient they stay put; matrices shrink.
        model.grads.zero()
        let norm = model.layout.require("blk.0.attn_norm.weight"), mat = model.layout.require("blk.0.attn_q.weight")
        let opt2 = AdamW(layout: model.layout, settings: settings)
        let before = (model.params[norm.offset], model.params[mat.offset])
        opt2.update(params: model.params, grads: model.grads, lr: 0.1)
        XCTAssertEqual(model.params[norm.offset], before.0)
        XCTAssertEqual(Double(model.params[mat.offset]), Double(before.1) * (1 - 0.1 * 0.1), accuracy: 1e-6)
    }

    func testScheduleWarmupThenCosine() {
        let s = LRSchedule(peak: 1e-3, minLR: 1e-4, warmupSteps: 4, totalSteps: 14)
        XCTAssertEqual(s.rate(at: 0), 2.5e-4, accuracy: 1e-9)
        XCTAssertEqual(s.rate(at: 3), 1e-3, accuracy: 1e-9)
        XCTAssertEqual(s.rate(at: 4), 1e-3, accuracy: 1e-9)
        XCTAssertEqual(s.rate(at: 9), Float(1e-4 + 0.5 * (1 + cos(Double.pi * 0.5)) * 9e-4), accuracy: 1e-9)
        XCTAssertEqual(s.rate(at: 14), 1e-4, accuracy: 1e-9)
        XCTAssertEqual(s.rate(at: 20), 1e-4, accuracy: 1e-9)
    }

    func testGradientClipping() {
        let g = FloatBuffer(count: 3)
        g[0] = 3; g[1] = 0; g[2] = 4
        let (norm, scale) = gradientClipScale(g, maxNorm: 1)
        XCTAssertEqual(norm, 5, accuracy: 1e-12)
        XCTAssertEqual(Double(scale), 0.2, accuracy: 1e-6)
        XCTAssertEqual(gradientClipScale(g, maxNorm: 10).scale, 1)
        XCTAssertEqual(gradientClipScale(g, maxNorm: 0).scale, 1)
    }
}
