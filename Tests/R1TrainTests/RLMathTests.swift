// The GRPO/PPO math against the float64 numpy reference (oracle_rl.py):
// group advantages with and without std normalisation, the clipped surrogate
// with clip-higher and dual clip, k3 KL, the three loss aggregations, GAE over
// model tokens only with whitening, the clipped value loss — and the
// gradients with respect to logits and values, which the oracle takes by
// central differences.

import Foundation
import XCTest
@testable import R1Train

final class RLMathTests: XCTestCase {
    /// Sends `cases` to oracle_rl.py and returns its answers.
    func oracle(_ cases: [[String: Any]]) throws -> [[String: Any]] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("oracle_rl.py")
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        proc.arguments = ["python3", script.path]
        let input = Pipe(), output = Pipe()
        proc.standardInput = input; proc.standardOutput = output
        try proc.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: cases))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        proc.waitUntilExit()
        XCTAssertEqual(proc.terminationStatus, 0, "oracle_rl.py failed")
        return try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
    }

    func assertClose(_ a: [Double], _ b: [Double], tol: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        for (i, (x, y)) in zip(a, b).enumerated() where abs(x - y) > tol * max(1, abs(y)) {
            XCTFail("\(what)[\(i)]: \(x) vs oracle \(y)", file: file, line: line); return
        }
    }

    func testGroupAdvantagesMatchOracle() throws {
        let groups: [[Double]] = [[1, 0, 0, 1, 0], [0.1, 1.1, -0.1, 1.1], [1, 1, 1], [0.7], [0, 1]]
        let answers = try oracle([true, false].map { ["kind": "groups", "rewards": groups, "std_norm": $0, "eps": 1e-6] })
        for (norm, answer) in zip([true, false], answers) {
            let expected = answer["advantages"] as! [[Double]]
            for (g, rewards) in groups.enumerated() {
                assertClose(groupAdvantages(rewards, GroupAdvantageSettings(normalizeByStd: norm)), expected[g], tol: 1e-12,
                            "group \(g) std=\(norm)")
            }
        }
        // All-equal groups teach nothing: zero advantage, and dynamic sampling drops them.
        XCTAssertEqual(groupAdvantages([1, 1, 1], GroupAdvantageSettings()), [0, 0, 0])
        XCTAssertEqual(informativeGroups(groups), [0, 1, 4])
    }

    struct PolicyCase {
        var S = 3, T = 5, V = 6
        var logits: [[Float]] = []          // S × (T·V)
        var targets: [[Int32]] = [], mask: [[Float]] = []
        var old: [[Double]] = [], ref: [[Double]] = [], adv: [[Double]] = []
    }

    /// Random logits; old and reference log-probabilities near the current ones so some ratios clip.
    func makePolicyCase(seed: UInt64, temperature: Double) -> PolicyCase {
        var rng = TestRNG(seed: seed), c = PolicyCase()
        for s in 0..<c.S {
            let z = rng.floats(c.T * c.V, scale: 2), y = rng.tokens(c.T, vocab: c.V)
            var m = [Float](repeating: 1, count: c.T)
            m[0] = 0; if s == 1 { m[2] = 0 }              // a prompt position; an execution-result position
            if s == 2 { m[3] = 0; m[4] = 0 }
            let lp = tokenLogProbs(z, targets: y, mask: [Float](repeating: 1, count: c.T), V: c.V, temperature: temperature).logp
            c.logits.append(z); c.targets.append(y); c.mask.append(m)
            c.old.append(lp.map { $0 + Double(rng.uniform()) * 0.6 })
            c.ref.append(lp.map { $0 + Double(rng.uniform()) * 0.8 })
            let a = Double(rng.uniform()) * 1.5
            c.adv.append([Double](repeating: s == 1 ? -abs(a) - 0.5 : a, count: c.T))
        }
        return c
    }

    func testPolicyLossAndLogitGradientsMatchOracle() throws {
        let settings: [(agg: LossAggregation, clip: ClipSettings, β: Double, τ: Double)] = [
            (.tokenMean, ClipSettings(low: 0.2, high: 0.28), 0.1, 1.0),
            (.seqMeanTokenMean, ClipSettings(low: 0.2, high: 0.2, dualClip: nil), 0.05, 0.8),
            (.seqMeanTokenSumNorm, ClipSettings(low: 0.1, high: 0.3, dualClip: 1.2), 0.0, 1.0),
        ]
        let normLength = 7
        var cases: [[String: Any]] = [], built: [PolicyCase] = []
        for (k, st) in settings.enumerated() {
            let c = makePolicyCase(seed: 40 + UInt64(k), temperature: st.τ)
            built.append(c)
            cases.append(["kind": "policy", "temperature": st.τ, "clip_low": st.clip.low, "clip_high": st.clip.high,
                          "dual_clip": st.clip.dualClip.map { $0 as Any } ?? NSNull(), "kl_coef": st.β, "agg": st.agg.rawValue,
                          "norm_length": normLength,
                          "logits": c.logits.map { z in (0..<c.T).map { t in (0..<c.V).map { Double(z[t * c.V + $0]) } } },
                          "targets": c.targets.map { $0.map(Int.init) }, "mask": c.mask.map { $0.map(Double.init) },
                          "old": c.old, "ref": c.ref, "adv": c.adv])
        }
        let answers = try oracle(cases)
        var sawClip = false
        for (k, st) in settings.enumerated() {
            let c = built[k], a = answers[k]
            let weights = st.agg.weights(masks: c.mask, normLength: normLength)
            let tokenMean = LossAggregation.tokenMean.weights(masks: c.mask, normLength: 1)
            var pg = 0.0, kl = 0.0, clipfrac = 0.0
            let expectedGrad = a["dlogits"] as! [[[Double]]], expectedLogp = a["logp"] as! [[Double]]
            for s in 0..<c.S {
                let (logp, ent) = tokenLogProbs(c.logits[s], targets: c.targets[s], mask: c.mask[s], V: c.V, temperature: st.τ)
                for t in 0..<c.T where c.mask[s][t] > 0 {
                    XCTAssertEqual(logp[t], expectedLogp[s][t], accuracy: 1e-6, "logp \(s),\(t)")
                }
                let terms = sequencePolicyTerms(logp: logp, entropy: ent, old: c.old[s], advantages: c.adv[s], reference: c.ref[s],
                                                mask: c.mask[s], weights: weights[s], tokenMeanWeights: tokenMean[s],
                                                clip: st.clip, klCoef: st.β)
                pg += terms.pgLoss; kl += terms.klLoss; clipfrac += terms.clipfrac
                var dz = [Float](repeating: .nan, count: c.T * c.V)
                c.logits[s].withUnsafeBufferPointer { z in
                    dz.withUnsafeMutableBufferPointer { d in
                        logProbBackward(d.baseAddress!, z.baseAddress!, targets: c.targets[s], g: terms.gradient, V: c.V, temperature: st.τ)
                    }
                }
                assertClose(dz.map(Double.init), expectedGrad[s].flatMap { $0 }, tol: 2e-5, "case \(k) dlogits of sequence \(s)")
                for t in 0..<c.T where c.mask[s][t] == 0 {
                    XCTAssertTrue(dz[(t * c.V)..<((t + 1) * c.V)].allSatisfy { $0 == 0 }, "masked row \(s),\(t) must get exactly 0")
                }
            }
            XCTAssertEqual(pg, a["pg_loss"] as! Double, accuracy: 1e-9, "pg_loss case \(k)")
            if st.β > 0 { XCTAssertEqual(kl, a["kl_loss"] as! Double, accuracy: 1e-9, "kl_loss case \(k)") }
            XCTAssertEqual(pg + st.β * kl, a["loss"] as! Double, accuracy: 1e-9, "loss case \(k)")
            XCTAssertEqual(clipfrac, a["clipfrac"] as! Double, accuracy: 1e-12, "clipfrac case \(k)")
            sawClip = sawClip || clipfrac > 0
        }
        XCTAssertTrue(sawClip, "the cases should exercise the clipped branch")
    }

    func testGAEAndWhiteningMatchOracle() throws {
        var rng = TestRNG(seed: 77)
        let S = 3, T = 9
        var rewards: [[Double]] = [], values: [[Double]] = [], masks: [[Float]] = []
        for s in 0..<S {
            var m = [Float](repeating: 1, count: T)
            m[0] = 0; m[1] = 0; m[4] = 0; m[5] = 0                 // prompt, then an execution-result block
            if s == 2 { m[8] = 0 }
            var r = [Double](repeating: 0, count: T)
            r[m.lastIndex { $0 > 0 }!] = Double(s) - 0.5           // outcome reward on the last model token
            if s == 1 { for t in 0..<T where m[t] > 0 { r[t] -= 0.01 } }   // a KL-in-reward-like term
            rewards.append(r); masks.append(m)
            values.append((0..<T).map { _ in Double(rng.uniform()) })
        }
        for (gamma, lam) in [(1.0, 1.0), (0.9, 0.8)] {
            let a = try oracle([["kind": "gae", "rewards": rewards, "values": values, "mask": masks.map { $0.map(Double.init) },
                                 "gamma": gamma, "lam": lam]])[0]
            let expA = a["advantages"] as! [[Double]], expR = a["returns"] as! [[Double]], expW = a["whitened"] as! [[Double]]
            var advs: [[Double]] = []
            for s in 0..<S {
                let (adv, ret) = generalizedAdvantages(rewards: rewards[s], values: values[s], mask: masks[s], gamma: gamma, lambda: lam)
                advs.append(adv)
                for t in 0..<T where masks[s][t] > 0 {
                    XCTAssertEqual(adv[t], expA[s][t], accuracy: 1e-12, "advantage \(s),\(t) γ=\(gamma)")
                    XCTAssertEqual(ret[t], expR[s][t], accuracy: 1e-12, "return \(s),\(t)")
                }
                for t in 0..<T where masks[s][t] == 0 { XCTAssertEqual(adv[t], 0) }
            }
            let white = whitenMasked(advs, masks: masks)
            for s in 0..<S { for t in 0..<T where masks[s][t] > 0 { XCTAssertEqual(white[s][t], expW[s][t], accuracy: 1e-9) } }
        }
    }

    func testValueLossAndGradientMatchOracle() throws {
        var rng = TestRNG(seed: 5)
        let S = 2, T = 6, clip = 0.2
        let mask: [[Float]] = [[0, 1, 1, 0, 1, 1], [0, 0, 1, 1, 1, 0]]
        let values = (0..<S).map { _ in (0..<T).map { _ in Double(rng.uniform()) } }
        let oldValues = values.map { $0.map { $0 + Double(rng.uniform()) * 0.4 } }
        let returns = (0..<S).map { _ in (0..<T).map { _ in Double(rng.uniform()) } }
        let a = try oracle([["kind": "value", "values": values, "old_values": oldValues, "returns": returns,
                             "mask": mask.map { $0.map(Double.init) }, "clip": clip]])[0]
        let w = LossAggregation.tokenMean.weights(masks: mask, normLength: 1)
        var loss = 0.0, clipfrac = 0.0, grads: [Double] = []
        for s in 0..<S {
            for t in 0..<T {
                guard mask[s][t] > 0 else { grads.append(0); continue }
                let term = clippedValueTerm(value: values[s][t], oldValue: oldValues[s][t], target: returns[s][t], clip: clip)
                loss += w[s][t] * term.loss; clipfrac += w[s][t] * (term.clipped ? 1 : 0); grads.append(w[s][t] * term.gradient)
            }
        }
        XCTAssertEqual(loss, a["loss"] as! Double, accuracy: 1e-12)
        XCTAssertEqual(clipfrac, a["clipfrac"] as! Double, accuracy: 1e-12)
        XCTAssertGreaterThan(clipfrac, 0, "the case should exercise value clipping")
        assertClose(grads, (a["dvalues"] as! [[Double]]).flatMap { $0 }, tol: 1e-7, "dvalues")
    }

    /// The value head's gradient (w, b) against central differences of its token-mean loss.
    func testValueHeadGradientByFiniteDifferences() {
        var rng = TestRNG(seed: 12)
        let C = 5, N = 4
        let head = ValueHead(dim: C)
        for i in 0..<(C + 1) { head.params[i] = rng.uniform() }
        let hidden = rng.floats(N * C, scale: 1), returns = (0..<N).map { _ in Double(rng.uniform()) }
        func loss() -> Double {
            hidden.withUnsafeBufferPointer { h in
                zip(head.forward(h.baseAddress!, rows: N), returns).reduce(0.0) { $0 + 0.5 * ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(N)
            }
        }
        head.grads.zero()
        hidden.withUnsafeBufferPointer { h in
            let v = head.forward(h.baseAddress!, rows: N)
            head.backward(h.baseAddress!, dValues: zip(v, returns).map { ($0 - $1) / Double(N) })
        }
        for i in 0..<(C + 1) {
            let keep = head.params[i], h: Float = 1e-2
            head.params[i] = keep + h; let up = loss()
            head.params[i] = keep - h; let down = loss()
            head.params[i] = keep
            XCTAssertEqual(Double(head.grads[i]), (up - down) / Double(2 * h), accuracy: 1e-4, "value head parameter \(i)")
        }
    }
}
