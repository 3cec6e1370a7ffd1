// The blocked training matrix product (train_gemm.c) and the optimizer passes
// (train_optim.c): each against a float64 reference, its scalar twin, and
// itself on another thread count (results must be bit-identical).

import XCTest
@testable import R1Train
import R1Kernels

final class TrainGemmTests: XCTestCase {
    /// Shapes that cut across every block edge: MR 6, NR 16, KC 256, MC ≤ 144, NC ≤ 256.
    static let shapes: [(M: Int, N: Int, K: Int)] = [
        (1, 1, 1), (5, 17, 3), (6, 16, 8), (7, 33, 257), (150, 270, 40), (13, 300, 520), (300, 7, 19), (4, 9, 0)]

    func testSgemmAllLayoutsAgainstFloat64AndTwins() {
        var rng = TestRNG(seed: 41)
        let one = r1k_pool_new(1), two = r1k_pool_new(2)
        defer { r1k_pool_free(one); r1k_pool_free(two) }
        for (M, N, K) in Self.shapes {
            let A = rng.floats(M * K, scale: 1), B = rng.floats(K * N, scale: 1), C0 = rng.floats(M * N, scale: 1)
            var At = [Float](repeating: 0, count: K * M), Bt = [Float](repeating: 0, count: N * K)
            r1k_transpose(A, Int64(M), Int64(K), &At)
            r1k_transpose(B, Int64(K), Int64(N), &Bt)
            // (storage, row stride, column stride) of the same logical A (M, K) and B (K, N).
            let aForms = [(A, K, 1), (At, 1, M)], bForms = [(B, N, 1), (Bt, 1, K)]
            for (a, ars, acs) in aForms {
                for (b, brs, bcs) in bForms {
                    for accumulate: Int32 in [0, 1] {
                        var fast1 = C0, fast2 = C0, twin = C0, plain = C0
                        r1k_sgemm(one, Int64(M), Int64(N), Int64(K), a, Int64(ars), Int64(acs), b, Int64(brs), Int64(bcs),
                                  &fast1, Int64(N), accumulate)
                        r1k_sgemm(two, Int64(M), Int64(N), Int64(K), a, Int64(ars), Int64(acs), b, Int64(brs), Int64(bcs),
                                  &fast2, Int64(N), accumulate)
                        r1k_sgemm_blocked_scalar(two, Int64(M), Int64(N), Int64(K), a, Int64(ars), Int64(acs), b,
                                                 Int64(brs), Int64(bcs), &twin, Int64(N), accumulate)
                        r1k_sgemm_scalar(Int64(M), Int64(N), Int64(K), a, Int64(ars), Int64(acs), b, Int64(brs), Int64(bcs),
                                         &plain, Int64(N), accumulate)
                        let what = "\(M)x\(N)x\(K) A(\(ars),\(acs)) B(\(brs),\(bcs)) acc \(accumulate)"
                        XCTAssertEqual(fast1, fast2, "thread count changed the result: \(what)")
                        var worst = 0.0, worstTwin: Float = 0
                        for m in 0..<M {
                            for n in 0..<N {
                                var want = accumulate == 1 ? Double(C0[m * N + n]) : 0
                                for k in 0..<K { want += Double(A[m * K + k]) * Double(B[k * N + n]) }
                                for got in [fast1, twin, plain] { worst = max(worst, abs(Double(got[m * N + n]) - want)) }
                                worstTwin = max(worstTwin, abs(fast1[m * N + n] - twin[m * N + n]))
                            }
                        }
                        // |terms| < 1: fp32 summation error grows at most like K·2⁻²⁴ per element.
                        XCTAssertLessThan(worst, 1e-6 * Double(K + 2), what)
                        XCTAssertLessThan(Double(worstTwin), 1e-6 * Double(K + 2), what)
                    }
                }
            }
        }
    }

    /// C written into a wider matrix (ldc > N) leaves the columns outside alone.
    func testSgemmRespectsRowStrideOfC() {
        var rng = TestRNG(seed: 42)
        let (M, N, K, ldc) = (20, 19, 11, 40)
        let A = rng.floats(M * K, scale: 1), B = rng.floats(K * N, scale: 1)
        var C = [Float](repeating: 7, count: M * ldc)
        r1k_sgemm(nil, Int64(M), Int64(N), Int64(K), A, Int64(K), 1, B, Int64(N), 1, &C, Int64(ldc), 0)
        for m in 0..<M {
            for n in 0..<ldc {
                if n >= N { XCTAssertEqual(C[m * ldc + n], 7); continue }
                var want = 0.0
                for k in 0..<K { want += Double(A[m * K + k]) * Double(B[k * N + n]) }
                XCTAssertEqual(Double(C[m * ldc + n]), want, accuracy: 1e-5)
            }
        }
    }

    func testAdamWKernelAgainstTwinAndThreadCount() {
        var rng = TestRNG(seed: 43)
        let n = 70_000 + 5   // several chunks and a SIMD tail
        let g = rng.floats(n, scale: 1), p0 = rng.floats(n, scale: 1)
        let m0 = rng.floats(n, scale: 0.1), v0 = rng.floats(n, scale: 0.1).map { $0 * $0 }
        var args = r1k_adamw_args(lr: 1e-2, beta1: 0.9, beta2: 0.95, eps: 1e-8, weight_decay: 0.1,
                                  c1: 1 - 0.9 * 0.9, c2: 1 - 0.95 * 0.95, grad_scale: 0.7)
        let one = r1k_pool_new(1), two = r1k_pool_new(2)
        defer { r1k_pool_free(one); r1k_pool_free(two) }
        var (p1, m1, v1) = (p0, m0, v0), (p2, m2, v2) = (p0, m0, v0), (ps, ms, vs) = (p0, m0, v0)
        r1k_adamw(one, Int64(n), &p1, g, &m1, &v1, &args)
        r1k_adamw(two, Int64(n), &p2, g, &m2, &v2, &args)
        r1k_adamw_scalar(Int64(n), &ps, g, &ms, &vs, &args)
        XCTAssertEqual(p1, p2); XCTAssertEqual(m1, m2); XCTAssertEqual(v1, v2)
        var worst = 0.0
        for i in 0..<n {
            let gi = Double(g[i]) * 0.7
            let m = 0.9 * Double(m0[i]) + 0.1 * gi, v = 0.95 * Double(v0[i]) + 0.05 * gi * gi
            let want = Double(p0[i]) - 1e-2 * ((m / Double(args.c1)) / ((v / Double(args.c2)).squareRoot() + 1e-8) + 0.1 * Double(p0[i]))
            worst = max(worst, abs(Double(p2[i]) - want), abs(Double(ps[i]) - want))
            XCTAssertEqual(Double(m2[i]), m, accuracy: 1e-6)
        }
        XCTAssertLessThan(worst, 1e-6)
    }

    func testSumOfSquaresAgainstFloat64AndThreadCount() {
        var rng = TestRNG(seed: 44)
        let n = 200_003
        let x = rng.floats(n, scale: 3)
        let one = r1k_pool_new(1), two = r1k_pool_new(2)
        defer { r1k_pool_free(one); r1k_pool_free(two) }
        let want = x.reduce(0.0) { $0 + Double($1) * Double($1) }
        let s1 = r1k_sum_squares(one, Int64(n), x), s2 = r1k_sum_squares(two, Int64(n), x)
        XCTAssertEqual(s1, s2)
        XCTAssertEqual(s2, want, accuracy: want * 1e-12)
        XCTAssertEqual(r1k_sum_squares_scalar(Int64(n), x), want, accuracy: want * 1e-12)
        XCTAssertEqual(r1k_sum_squares(two, 0, x), 0)
    }
}
