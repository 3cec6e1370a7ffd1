// Finite-difference checks of every operation's backward pass on small random
// inputs: for L = Σ r ⊙ op(x) with a random r, the analytic ∂L/∂x from the
// backward function must match central differences of the fp32 forward,
// accumulated in Double (h = 1e-2, tolerance 2e-3 relative to the largest entry).

import XCTest
@testable import R1Train
import R1Kernels

/// Gradient-check helpers shared by the op and LoRA tests.
extension XCTestCase {
    /// Central differences of f at every entry of `x` (which f reads).
    func numeric(_ x: inout [Float], h: Float = 1e-2, _ f: ([Float]) -> Double) -> [Double] {
        (0..<x.count).map { i in
            let keep = x[i]
            x[i] = keep + h; let up = f(x)
            x[i] = keep - h; let down = f(x)
            x[i] = keep
            return (up - down) / Double(2 * h)
        }
    }

    func assertClose(_ got: [Float], _ want: [Double], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, want.count, what, file: file, line: line)
        let scale = want.map(abs).max() ?? 0
        XCTAssertGreaterThan(scale, 1e-3, "\(what): gradient is all zero", file: file, line: line)
        var worst = 0.0
        for (g, w) in zip(got, want) { worst = max(worst, abs(Double(g) - w)) }
        XCTAssertLessThan(worst, 2e-3 * scale, "\(what): max |Δ| \(worst), scale \(scale)", file: file, line: line)
    }

    func dot(_ a: [Float], _ r: [Float]) -> Double { zip(a, r).reduce(0) { $0 + Double($1.0) * Double($1.1) } }
}

final class OpGradientTests: XCTestCase {
    func testRMSNorm() {
        var rng = TestRNG(seed: 1)
        let N = 3, C = 8
        var x = rng.floats(N * C, scale: 2), w = rng.floats(C, scale: 1)
        let r = rng.floats(N * C, scale: 1)
        func f(_ x: [Float], _ w: [Float]) -> [Float] {
            var y = [Float](repeating: 0, count: N * C), rstd = [Float](repeating: 0, count: N)
            rmsnormForward(&y, &rstd, x, w, N: N, C: C, eps: 1e-5)
            return y
        }
        var rstd = [Float](repeating: 0, count: N), y = [Float](repeating: 0, count: N * C)
        rmsnormForward(&y, &rstd, x, w, N: N, C: C, eps: 1e-5)
        var dx = [Float](repeating: 0, count: N * C), dw = [Float](repeating: 0, count: C)
        rmsnormBackward(&dx, &dw, r, x, w, rstd, N: N, C: C)
        let wFixed = w
        assertClose(dx, numeric(&x) { dot(f($0, wFixed), r) }, "rmsnorm dx")
        let xFixed = x
        assertClose(dw, numeric(&w) { dot(f(xFixed, $0), r) }, "rmsnorm dw")
    }

    func testLinearWithBias() {
        var rng = TestRNG(seed: 2)
        let pool = r1k_pool_new(2); defer { r1k_pool_free(pool) }
        let N = 5, I = 7, O = 19           // O not a multiple of 16: exercises the kernel's edge paths
        var x = rng.floats(N * I, scale: 1), w = rng.floats(O * I, scale: 1), b = rng.floats(O, scale: 1)
        let r = rng.floats(N * O, scale: 1)
        func f(_ x: [Float], _ w: [Float], _ b: [Float]) -> [Float] {
            var y = [Float](repeating: 0, count: N * O)
            linearForward(pool, &y, x, w, b, N: N, I: I, O: O)
            return y
        }
        var dx = [Float](repeating: 9, count: N * I), dw = [Float](repeating: 0, count: O * I), db = [Float](repeating: 0, count: O)
        linearBackward(pool, dX: &dx, dW: &dw, db: &db, r, x, w, N: N, I: I, O: O, accumulateDX: false)
        let (w0, b0, x0) = (w, b, x)
        assertClose(dx, numeric(&x) { dot(f($0, w0, b0), r) }, "linear dx")
        assertClose(dw, numeric(&w) { dot(f(x0, $0, b0), r) }, "linear dw")
        assertClose(db, numeric(&b) { dot(f(x0, w0, $0), r) }, "linear db")
    }

    func testRoPEBothConventions() {
        for neox in [false, true] {
            var rng = TestRNG(seed: 3)
            let T = 5, heads = 2, D = 8, N = 2 * T
            let table = RopeTable(T: T, rotDim: 6, theta: 100)      // partial rotation: last 2 dims pass through
            var x = rng.floats(N * heads * D, scale: 1)
            let r = rng.floats(N * heads * D, scale: 1)
            func f(_ x: [Float]) -> [Float] {
                var y = x
                ropeApply(&y, N: N, T: T, heads: heads, D: D, table: table, neox: neox, inverse: false)
                return y
            }
            var dx = r
            ropeApply(&dx, N: N, T: T, heads: heads, D: D, table: table, neox: neox, inverse: true)
            assertClose(dx, numeric(&x) { dot(f($0), r) }, "rope neox=\(neox)")
        }
    }

    func testSwiGLU() {
        var rng = TestRNG(seed: 4)
        let n = 20
        var g = rng.floats(n, scale: 3), u = rng.floats(n, scale: 2)
        let r = rng.floats(n, scale: 1)
        func f(_ g: [Float], _ u: [Float]) -> [Float] {
            var h = [Float](repeating: 0, count: n); swigluForward(&h, g, u, n: n); return h
        }
        var dg = [Float](repeating: 0, count: n), du = dg
        swigluBackward(&dg, &du, r, g, u, n: n)
        let (g0, u0) = (g, u)
        assertClose(dg, numeric(&g) { dot(f($0, u0), r) }, "swiglu dg")
        assertClose(du, numeric(&u) { dot(f(g0, $0), r) }, "swiglu du")
    }

    func testEmbedding() {
        var rng = TestRNG(seed: 5)
        let V = 6, C = 4, tokens: [Int32] = [1, 4, 1, 0]
        var E = rng.floats(V * C, scale: 1)
        let r = rng.floats(tokens.count * C, scale: 1)
        func f(_ E: [Float]) -> [Float] {
            var x = [Float](repeating: 0, count: tokens.count * C); embeddingForward(&x, E, tokens: tokens, C: C); return x
        }
        var dE = [Float](repeating: 0, count: V * C)
        embeddingBackward(&dE, r, tokens: tokens, C: C)
        assertClose(dE, numeric(&E) { dot(f($0), r) }, "embedding dE")
    }

    func testAttentionGQA() {
        var rng = TestRNG(seed: 6)
        let pool = r1k_pool_new(2); defer { r1k_pool_free(pool) }
        let B = 2, T = 5, H = 4, Hkv = 2, D = 8
        var q = rng.floats(B * T * H * D, scale: 1), k = rng.floats(B * T * Hkv * D, scale: 1), v = rng.floats(B * T * Hkv * D, scale: 1)
        let r = rng.floats(B * T * H * D, scale: 1)
        func f(_ q: [Float], _ k: [Float], _ v: [Float]) -> [Float] {
            var out = [Float](repeating: 0, count: B * T * H * D), probs = [Float](repeating: 0, count: B * H * T * T)
            attentionForward(pool, out: &out, probs: &probs, q: q, k: k, v: v, B: B, T: T, H: H, Hkv: Hkv, D: D)
            return out
        }
        var out = [Float](repeating: 0, count: B * T * H * D), probs = [Float](repeating: 0, count: B * H * T * T)
        attentionForward(pool, out: &out, probs: &probs, q: q, k: k, v: v, B: B, T: T, H: H, Hkv: Hkv, D: D)
        var dq = [Float](repeating: 0, count: q.count), dk = [Float](repeating: 0, count: k.count), dv = dk
        attentionBackward(pool, dq: &dq, dk: &dk, dv: &dv, dout: r, probs: probs, q: q, k: k, v: v, B: B, T: T, H: H, Hkv: Hkv, D: D)
        let (q0, k0, v0) = (q, k, v)
        assertClose(dq, numeric(&q) { dot(f($0, k0, v0), r) }, "attention dq")
        assertClose(dk, numeric(&k) { dot(f(q0, $0, v0), r) }, "attention dk")
        assertClose(dv, numeric(&v) { dot(f(q0, k0, $0), r) }, "attention dv")
    }

    func testCrossEntropyWithMask() {
        var rng = TestRNG(seed: 7)
        let N = 4, V = 9
        var z = rng.floats(N * V, scale: 3)
        let targets: [Int32] = [2, 0, 8, 5], mask: [Float] = [1, 0, 1, 1]
        var dz = [Float](repeating: 0, count: N * V)
        _ = crossEntropyForwardBackward(&dz, z, targets: targets, mask: mask, denominator: 3, V: V)
        let want = numeric(&z) { z in
            var scratch = [Float](repeating: 0, count: N * V)
            return crossEntropyForwardBackward(&scratch, z, targets: targets, mask: mask, denominator: 3, V: V) / 3
        }
        assertClose(dz, want, "cross-entropy dz")
        XCTAssertEqual(dz[V..<(2 * V)].map(abs).max(), 0, "masked row gets no gradient")
    }
}
