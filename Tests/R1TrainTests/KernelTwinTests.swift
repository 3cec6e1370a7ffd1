// The SIMD, threaded training kernels against their scalar twins and a float64 product.

import XCTest
@testable import R1Train
import R1Kernels

final class KernelTwinTests: XCTestCase {
    func testGemmLayoutsAgainstFloat64() {
        var rng = TestRNG(seed: 21)
        let pool = r1k_pool_new(2); defer { r1k_pool_free(pool) }
        for (M, N, K) in [(1, 1, 1), (7, 33, 5), (100, 130, 40), (13, 16, 70), (5, 20, 300)] {   // K > 256: several K slices
            let A = rng.floats(M * K, scale: 1), B = rng.floats(K * N, scale: 1), C0 = rng.floats(M * N, scale: 1)
            // A read directly (row stride K) and transposed from a (K, M) copy (row stride 1).
            var At = [Float](repeating: 0, count: K * M)
            r1k_transpose(A, Int64(M), Int64(K), &At)
            for (src, rs, cs) in [(A, K, 1), (At, 1, M)] {
                for accumulate: Int32 in [0, 1] {
                    var fast = C0, slow = C0
                    r1k_gemm(pool, Int64(M), Int64(N), Int64(K), src, Int64(rs), Int64(cs), B, Int64(N), &fast, Int64(N), accumulate)
                    r1k_gemm_scalar(Int64(M), Int64(N), Int64(K), src, Int64(rs), Int64(cs), B, Int64(N), &slow, Int64(N), accumulate)
                    for m in 0..<M {
                        for n in 0..<N {
                            var want = accumulate == 1 ? Double(C0[m * N + n]) : 0
                            for k in 0..<K { want += Double(A[m * K + k]) * Double(B[k * N + n]) }
                            let tol = 1e-5 * Double(K + 1)
                            XCTAssertEqual(Double(fast[m * N + n]), want, accuracy: tol, "gemm \(M)x\(N)x\(K) [\(m),\(n)]")
                            XCTAssertEqual(Double(slow[m * N + n]), want, accuracy: tol, "gemm scalar \(M)x\(N)x\(K) [\(m),\(n)]")
                        }
                    }
                }
            }
        }
    }

    func testAttentionMatchesScalarTwin() {
        var rng = TestRNG(seed: 22)
        let pool = r1k_pool_new(2); defer { r1k_pool_free(pool) }
        let B = 2, T = 11, H = 6, Hkv = 2, D = 20   // D not a multiple of 8: SIMD tails
        let q = rng.floats(B * T * H * D, scale: 1), k = rng.floats(B * T * Hkv * D, scale: 1), v = rng.floats(B * T * Hkv * D, scale: 1)
        let dout = rng.floats(B * T * H * D, scale: 1)
        var out1 = [Float](repeating: 0, count: q.count), out2 = out1
        var p1 = [Float](repeating: 0, count: B * H * T * T), p2 = p1
        r1k_attention_train_forward(pool, q, k, v, &p1, &out1, Int64(B), Int64(T), Int32(H), Int32(Hkv), Int32(D))
        r1k_attention_train_forward_scalar(q, k, v, &p2, &out2, Int64(B), Int64(T), Int32(H), Int32(Hkv), Int32(D))
        for i in 0..<out1.count { XCTAssertEqual(out1[i], out2[i], accuracy: 1e-5) }
        var dq1 = [Float](repeating: 0, count: q.count), dq2 = dq1
        var dk1 = [Float](repeating: 0, count: k.count), dk2 = dk1, dv1 = dk1, dv2 = dk1
        r1k_attention_train_backward(pool, q, k, v, p1, dout, &dq1, &dk1, &dv1, Int64(B), Int64(T), Int32(H), Int32(Hkv), Int32(D))
        r1k_attention_train_backward_scalar(q, k, v, p2, dout, &dq2, &dk2, &dv2, Int64(B), Int64(T), Int32(H), Int32(Hkv), Int32(D))
        for i in 0..<dq1.count { XCTAssertEqual(dq1[i], dq2[i], accuracy: 1e-4) }
        for i in 0..<dk1.count { XCTAssertEqual(dk1[i], dk2[i], accuracy: 1e-4); XCTAssertEqual(dv1[i], dv2[i], accuracy: 1e-4) }
    }
}
