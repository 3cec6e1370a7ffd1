// Kernels: every AVX2 kernel against its scalar twin on random data, and the
// dequantizers against block formulas written here in Float64 from the format
// description (reference/engine.md §2), independently of the C code.
import Foundation
import Testing
import R1Kernels

struct Rand {
    var g: SplitMix
    init(_ seed: UInt64) { g = SplitMix(seed) }
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: g.next()) }
    mutating func unit() -> Double { Double(g.next() >> 11) * 0x1.0p-53 }
    mutating func normal() -> Float { Float(sqrt(-2 * log(max(unit(), 1e-300))) * cos(2 * .pi * unit())) }
    mutating func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in byte() } }
}
struct SplitMix { var s: UInt64; init(_ s: UInt64) { self.s = s }
    mutating func next() -> UInt64 { s &+= 0x9E3779B97F4A7C15; var z = s; z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) &* 0x94D049BB133111EB; return z ^ (z >> 31) } }

/// Random blocks with finite, moderate fp16 scale fields.
func randomBlocks(_ type: Int32, blocks: Int, _ r: inout Rand) -> [UInt8] {
    let bb = Int(r1k_block_bytes(type))
    var b = r.bytes(blocks * bb)
    func putHalf(_ i: Int, _ off: Int, _ v: Float) {
        let h = r1k_fp32_to_fp16(v); b[i * bb + off] = UInt8(h & 0xff); b[i * bb + off + 1] = UInt8(h >> 8)
    }
    for i in 0..<blocks {
        let d = Float(0.01 + r.unit() * 0.05)
        switch type {
        case 2, 6, 8: putHalf(i, 0, d)
        case 3, 7, 12: putHalf(i, 0, d); putHalf(i, 2, type == 12 ? d : -d * 8)
        case 14: putHalf(i, 208, d)
        default: break
        }
    }
    return b
}

func half(_ b: [UInt8], _ o: Int) -> Double { Double(r1k_fp16_to_fp32(UInt16(b[o]) | UInt16(b[o + 1]) << 8)) }

/// Float64 dequantization of one block, written from the format description.
func referenceBlock(_ type: Int32, _ b: [UInt8]) -> [Double] {
    func nib(_ j: Int, _ base: Int) -> Int { j < 16 ? Int(b[base + j] & 15) : Int(b[base + j - 16] >> 4) }
    switch type {
    case 2: return (0..<32).map { half(b, 0) * Double(nib($0, 2) - 8) }
    case 3: return (0..<32).map { half(b, 0) * Double(nib($0, 4)) + half(b, 2) }
    case 6, 7:
        let qh = (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[(type == 6 ? 2 : 4) + $1]) << (8 * $1) }
        return (0..<32).map { j in
            let q = nib(j, type == 6 ? 6 : 8) | Int((qh >> UInt32(j)) & 1) << 4
            return type == 6 ? half(b, 0) * Double(q - 16) : half(b, 0) * Double(q) + half(b, 2)
        }
    case 8: return (0..<32).map { half(b, 0) * Double(Int8(bitPattern: b[2 + $0])) }
    case 12:
        var y = [Double](repeating: 0, count: 256)
        let sc = Array(b[4..<16])
        for e in 0..<256 {
            let chunk = e / 64, hiNib = (e % 64) >= 32, l = e % 32, s = 2 * chunk + (hiNib ? 1 : 0)
            let scl: Int, mn: Int
            if s < 4 { scl = Int(sc[s] & 63); mn = Int(sc[s + 4] & 63) }
            else { scl = Int(sc[s + 4] & 15) | Int(sc[s - 4] >> 6) << 4; mn = Int(sc[s + 4] >> 4) | Int(sc[s] >> 6) << 4 }
            let byte = b[16 + 32 * chunk + l]
            let q = hiNib ? Int(byte >> 4) : Int(byte & 15)
            y[e] = half(b, 0) * Double(scl) * Double(q) - half(b, 2) * Double(mn)
        }
        return y
    case 14:
        var y = [Double](repeating: 0, count: 256)
        let d = half(b, 208)
        for e in 0..<256 {
            let h = e / 128, r = e % 128, quarter = r / 32, l = r % 32
            let L = 64 * h, H = 128 + 32 * h, S = 192 + 8 * h
            let low = quarter % 2 == 0 ? Int(b[L + l + (quarter == 0 || quarter == 2 ? 0 : 32)] & 15) : 0
            // element l + 32·quarter: (low/high nibble of ql[l] or ql[l+32]) | bits (2·quarter) of qh[l]
            let qlByte = b[L + l + (quarter == 1 || quarter == 3 ? 32 : 0)]
            let nibble = quarter < 2 ? Int(qlByte & 15) : Int(qlByte >> 4)
            _ = low
            let q = nibble | Int((b[H + l] >> UInt8(2 * quarter)) & 3) << 4
            let scale = Double(Int8(bitPattern: b[S + l / 16 + 2 * quarter]))
            y[e] = d * scale * Double(q - 32)
        }
        return y
    default: fatalError()
    }
}

@Suite struct KernelTests {
    @Test(arguments: [Int32(2), 3, 6, 7, 8, 12, 14])
    func dequantizeMatchesFormulas(type: Int32) {
        var r = Rand(UInt64(type) * 77)
        let be = Int(r1k_block_elems(type)), bb = Int(r1k_block_bytes(type)), nb = 40
        let raw = randomBlocks(type, blocks: nb, &r)
        var out = [Float](repeating: 0, count: nb * be)
        #expect(r1k_dequantize_row(type, raw, &out, Int64(nb * be)) == 0)
        var worst = 0.0
        for i in 0..<nb {
            let ref = referenceBlock(type, Array(raw[(i * bb)..<((i + 1) * bb)]))
            for j in 0..<be { worst = max(worst, abs(Double(out[i * be + j]) - ref[j]) / max(1, abs(ref[j]))) }
        }
        #expect(worst < 1e-6, "type \(type): worst rel error \(worst)")
    }

    @Test(arguments: [Int32(3), 8, 2, 6, 14])
    func fastDequantizeIsIdentical(type: Int32) {
        var r = Rand(UInt64(type) + 500)
        let be = Int(r1k_block_elems(type)), nb = 64
        let raw = randomBlocks(type, blocks: nb, &r)
        var a = [Float](repeating: 0, count: nb * be), b = a
        r1k_dequantize_row(type, raw, &a, Int64(nb * be))
        r1k_dequantize_row_fast(type, raw, &b, Int64(nb * be))
        #expect(a == b)
    }

    @Test func halfAndBFloat() {
        for v: Float in [0, 1, -2.5, 65504, 1e-7, 6.1e-5, 0.1, -0.3333] {
            let h = r1k_fp32_to_fp16(v)
            #expect(abs(r1k_fp16_to_fp32(h) - v) <= abs(v) * 1e-3 + 1e-7)
        }
        #expect(r1k_fp16_to_fp32(0x3c00) == 1 && r1k_fp16_to_fp32(0xc000) == -2 && r1k_fp16_to_fp32(0x0001) == 0x1p-24)
        #expect(r1k_fp16_to_fp32(0x7c00) == .infinity)
        #expect(r1k_bf16_to_fp32(0x3f80) == 1 && r1k_bf16_to_fp32(0xc040) == -3)
        var f16 = [UInt8](repeating: 0, count: 4), out = [Float](repeating: 0, count: 2)
        f16[1] = 0x3c; f16[3] = 0xc0
        #expect(r1k_dequantize_row(1, f16, &out, 2) == 0 && out == [1, -2])
        #expect(r1k_dequantize_row(99, f16, &out, 2) == -1)
        #expect(r1k_dequantize_row(2, f16, &out, 31) == -1)
    }

    typealias QDot = @convention(c) (Int64, UnsafeRawPointer?, UnsafePointer<r1k_q8a>?) -> Float

    @Test func simdDotsMatchScalar() throws {
        try #require(r1k_cpu_has_avx2() != 0, "no AVX2 on this CPU: nothing to compare")
        let pairs: [(Int32, QDot, QDot)] = [
            (8, r1k_dot_q8_0_q8a_scalar, r1k_dot_q8_0_q8a_avx2), (3, r1k_dot_q4_1_q8a_scalar, r1k_dot_q4_1_q8a_avx2),
            (2, r1k_dot_q4_0_q8a_scalar, r1k_dot_q4_0_q8a_avx2), (6, r1k_dot_q5_0_q8a_scalar, r1k_dot_q5_0_q8a_avx2)]
        var r = Rand(5)
        for (type, scalar, simd) in pairs {
            for trial in 0..<50 {
                let n = 32 * (1 + trial % 48)
                let w = randomBlocks(type, blocks: n / 32, &r)
                if type == 8 && trial == 0 { for i in 0..<(n / 32) { for j in 0..<32 { _ = i; _ = j } } }
                let x = (0..<n).map { _ in r.normal() }
                var a = [r1k_q8a](repeating: r1k_q8a(), count: n / 32)
                r1k_quantize_q8a(x, &a, Int64(n))
                let s = scalar(Int64(n), w, a), v = simd(Int64(n), w, a)
                #expect(abs(s - v) <= 1e-4 * max(1, abs(s)), "type \(type) n \(n): scalar \(s) simd \(v)")
                // and the int8 dot approximates the exact f32 dot
                var wf = [Float](repeating: 0, count: n)
                r1k_dequantize_row(type, w, &wf, Int64(n))
                let exact = zip(wf, x).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
                let mag = zip(wf, x).reduce(0.0) { $0 + abs(Double($1.0) * Double($1.1)) }
                #expect(abs(Double(s) - exact) <= 0.02 * mag + 1e-3, "type \(type): int8 \(s) vs exact \(exact)")
            }
        }
        // Q8_0 weights with −128 (the sign trick's edge case)
        var w = randomBlocks(8, blocks: 2, &r)
        for j in 0..<32 { w[2 + j] = 0x80 }
        var a = [r1k_q8a](repeating: r1k_q8a(), count: 2)
        r1k_quantize_q8a((0..<64).map { _ in -r.normal().magnitude - 1 }, &a, 64)
        #expect(abs(r1k_dot_q8_0_q8a_scalar(64, w, a) - r1k_dot_q8_0_q8a_avx2(64, w, a)) < 1e-3)
    }

    typealias FDot = @convention(c) (Int64, UnsafeRawPointer?, UnsafePointer<Float>?) -> Float

    @Test func fusedF32DotsMatchScalarAndDequantized() {
        let pairs: [(Int32, FDot, FDot)] = [(3, r1k_dot_q4_1_f32_scalar, r1k_dot_q4_1_f32_avx2), (8, r1k_dot_q8_0_f32_scalar, r1k_dot_q8_0_f32_avx2)]
        var r = Rand(21)
        for (type, scalar, simd) in pairs {
            for trial in 0..<40 {
                let n = 32 * (1 + trial % 40)
                let w = randomBlocks(type, blocks: n / 32, &r)
                let x = (0..<n).map { _ in r.normal() }
                var wf = [Float](repeating: 0, count: n)
                r1k_dequantize_row(type, w, &wf, Int64(n))
                let exact = zip(wf, x).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
                let mag = zip(wf, x).reduce(0.0) { $0 + abs(Double($1.0) * Double($1.1)) }
                let s = scalar(Int64(n), w, x)
                #expect(abs(Double(s) - exact) <= 1e-5 * mag + 1e-5)
                if r1k_cpu_has_avx2() != 0 {
                    let v = simd(Int64(n), w, x)
                    #expect(abs(Double(v) - exact) <= 1e-5 * mag + 1e-5, "type \(type) n \(n): \(v) vs \(exact)")
                }
            }
        }
    }

    @Test func f32DotAndMatmul() throws {
        var r = Rand(9)
        for n in [1, 7, 8, 31, 32, 33, 100, 576] {
            let a = (0..<n).map { _ in r.normal() }, b = (0..<n).map { _ in r.normal() }
            let exact = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            #expect(abs(Double(r1k_dot_f32_scalar(Int64(n), a, b)) - exact) < 1e-3)
            if r1k_cpu_has_avx2() != 0 { #expect(abs(Double(r1k_dot_f32_avx2(Int64(n), a, b)) - exact) < 1e-3) }
        }
        // matmul (tiled, SIMD, threaded) vs the plain reference, for several types and odd shapes
        let pool = r1k_pool_new(2)
        defer { r1k_pool_free(pool) }
        for (type, rows, cols, T) in [(Int32(0), 37, 40, 7), (3, 50, 64, 9), (8, 33, 96, 4), (14, 19, 256, 6), (1, 18, 24, 5)] {
            let be = Int(r1k_block_elems(type))
            let w: [UInt8] = type == 0 ? (0..<(rows * cols)).flatMap { _ in withUnsafeBytes(of: r.normal()) { Array($0) } }
                : type == 1 ? (0..<(rows * cols)).flatMap { _ in withUnsafeBytes(of: r1k_fp32_to_fp16(r.normal())) { Array($0) } }
                : randomBlocks(type, blocks: rows * cols / be, &r)
            var wf = [Float](repeating: 0, count: rows * cols)
            r1k_dequantize_row(type, w, &wf, Int64(rows * cols))
            let X = (0..<(T * cols)).map { _ in r.normal() }
            var Y = [Float](repeating: 0, count: T * rows), R = Y, V = [Float](repeating: 0, count: rows)
            #expect(r1k_matmul(pool, type, w, Int64(rows), Int64(cols), X, Int64(T), &Y) == 0)
            r1k_matmul_f32_scalar(wf, Int64(rows), Int64(cols), X, Int64(T), &R)
            for i in 0..<(T * rows) { #expect(abs(Y[i] - R[i]) <= 1e-3 * max(1, abs(R[i]))) }
            // matvec f32 path agrees with row 0 of the reference; thread count does not change results
            #expect(r1k_matvec(pool, type, w, Int64(rows), Int64(cols), X, &V, 0) == 0)
            var V1 = V
            #expect(r1k_matvec(nil, type, w, Int64(rows), Int64(cols), X, &V1, 0) == 0)
            #expect(V == V1)
            for i in 0..<rows { #expect(abs(V[i] - R[i]) <= 1e-3 * max(1, abs(R[i]))) }
        }
    }

    @Test func scalarAndSimdDispatchAgreeOnMatvec() {
        var r = Rand(11)
        let rows = 64, cols = 256
        let w = randomBlocks(3, blocks: rows * cols / 32, &r)
        let x = (0..<cols).map { _ in r.normal() }
        var a = [Float](repeating: 0, count: rows), b = a
        r1k_set_simd(0); r1k_matvec(nil, 3, w, Int64(rows), Int64(cols), x, &a, 1)
        r1k_set_simd(1); r1k_matvec(nil, 3, w, Int64(rows), Int64(cols), x, &b, 1)
        for i in 0..<rows { #expect(abs(a[i] - b[i]) <= 1e-4 * max(1, abs(a[i]))) }
    }

    @Test func normsSoftmaxRope() {
        var r = Rand(3)
        let n = 96
        let x = (0..<n).map { _ in r.normal() }, w = (0..<n).map { _ in r.normal() }
        var out = [Float](repeating: 0, count: n)
        r1k_rmsnorm(&out, x, w, Int64(n), 1e-5)
        let ms = x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(n)
        for i in 0..<n { #expect(abs(Double(out[i]) - Double(x[i]) / sqrt(ms + 1e-5) * Double(w[i])) < 1e-5) }
        var s = x
        r1k_softmax(&s, Int64(n))
        let z = x.reduce(0.0) { $0 + exp(Double($1)) }
        for i in 0..<n { #expect(abs(Double(s[i]) - exp(Double(x[i])) / z) < 1e-6) }
        // RoPE: adjacent and half-split pairs, two heads of 8, position 5, theta 100
        for neox in [Int32(0), 1] {
            var v = Array(x[0..<16])
            r1k_rope(&v, 2, 8, 8, 5, 100, neox)
            for h in 0..<2 { for i in 0..<4 {
                let a = neox == 1 ? h * 8 + i : h * 8 + 2 * i, b = neox == 1 ? a + 4 : a + 1
                let ang = 5 * pow(100.0, -2.0 * Double(i) / 8)
                let ea = Double(x[a]) * cos(ang) - Double(x[b]) * sin(ang), eb = Double(x[a]) * sin(ang) + Double(x[b]) * cos(ang)
                #expect(abs(Double(v[a]) - ea) < 1e-5 && abs(Double(v[b]) - eb) < 1e-5)
            } }
        }
    }

    @Test func poolSharesOutWorkRepeatedly() {
        // Each job hands out 64 items through an atomic counter; every item must be done
        // exactly once whichever threads join.
        final class Job: @unchecked Sendable {
            let next = ManagedAtomicInt()
            let done = UnsafeMutablePointer<Int>.allocate(capacity: 64)
            init() { done.initialize(repeating: 0, count: 64) }
            deinit { done.deallocate() }
        }
        let pool = r1k_pool_new(3)
        defer { r1k_pool_free(pool) }
        #expect(r1k_pool_threads(pool) == 3)
        for _ in 0..<2000 {
            let job = Job()
            let ctx = Unmanaged.passUnretained(job).toOpaque()
            r1k_pool_run(pool, { ctx, _, _ in
                let j = Unmanaged<Job>.fromOpaque(ctx!).takeUnretainedValue()
                while true { let i = j.next.increment(); if i >= 64 { break }; j.done[i] += 1 }
            }, ctx)
            #expect((0..<64).allSatisfy { job.done[$0] == 1 })
        }
    }
}

/// A tiny atomic counter over a heap word (C11 atomics are not visible to Swift here).
final class ManagedAtomicInt: @unchecked Sendable {
    let p = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    init() { p.initialize(to: 0) }
    deinit { p.deallocate() }
    /// Returns the old value.
    func increment() -> Int { r1k_test_fetch_add(p, 1) }
}

/// Runs `body` at every ISA level this CPU supports (scalar, AVX2, AVX-512 VNNI), then restores the default.
func atEveryISALevel(_ body: (Int32) -> Void) {
    defer { r1k_set_isa(-1) }
    for level in 0...r1k_isa_supported() { r1k_set_isa(level); body(level) }
}

@Suite struct PackedKernelTests {
    /// Y (T, rows) through r1k_pk_run.
    func packedProduct(_ P: OpaquePointer, _ X: [Float], T: Int, rows: Int, pool: OpaquePointer?) -> [Float] {
        var Y = [Float](repeating: .nan, count: T * rows)
        Y.withUnsafeMutableBufferPointer { y in
            var op = r1k_pk_op(w: P, y: y.baseAddress, ldy: Int64(rows), up: nil)
            #expect(r1k_pk_run(pool, X, Int64(T), &op, 1) == 0)
        }
        return Y
    }

    @Test func isaLevelsClampToTheCPU() {
        let best = r1k_isa_supported()
        #expect(best >= 0 && best <= 2)
        r1k_set_isa(5); #expect(r1k_isa() == best)
        r1k_set_isa(0); #expect(r1k_isa() == 0 && r1k_simd_enabled() == 0)
        r1k_set_isa(-1); #expect(r1k_isa() == best)
        print("ISA level supported here: \(best) (0 scalar, 1 AVX2, 2 AVX-512 VNNI)")
    }

    @Test func quantizerFollowsTheRuleAtEveryLevel() {
        var r = Rand(41)
        let n = 32 * 9
        var x = (0..<n).map { _ in r.normal() * 3 }
        for j in 32..<64 { x[j] = 0 }                 // an all-zero block
        x[70] = 1e-30                                  // a tiny value beside normal ones
        var first: ([Int8], [Float], [Float], [Int32])?
        atEveryISALevel { level in
            var q = [Int8](repeating: 0, count: n), d = [Float](repeating: 0, count: n / 32), s = d
            var sum = [Int32](repeating: 0, count: n / 32)
            r1k_pk_quantize(x, Int64(n), &q, &d, &s, &sum)
            for b in 0..<(n / 32) {
                let amax = x[(32 * b)..<(32 * b + 32)].map { abs($0) }.max()!
                let db = amax / 127, id: Float = db > 0 ? 1 / db : 0
                var total: Int32 = 0
                for j in 0..<32 {
                    let v = Int32(max(-127, min(127, (x[32 * b + j] * id).rounded(.toNearestOrEven))))
                    #expect(q[32 * b + j] == Int8(v), "level \(level) block \(b) element \(j)")
                    total += v
                }
                #expect(d[b] == db && sum[b] == total && s[b] == db * Float(total))
            }
            if let f = first { #expect(f.0 == q && f.1 == d && f.2 == s && f.3 == sum, "level \(level) differs") }
            else { first = (q, d, s, sum) }
        }
    }

    @Test(arguments: [Int32(2), 3, 8])
    func packedProductsAreExactAcrossLevelsTokensAndThreads(type: Int32) throws {
        var r = Rand(UInt64(type) * 1000 + 7)
        let pool2 = r1k_pool_new(2), pool3 = r1k_pool_new(3)
        defer { r1k_pool_free(pool2); r1k_pool_free(pool3) }
        for (rows, cols, T) in [(50, 96, 11), (16, 32, 1), (33, 576, 70), (7, 64, 9)] {
            let w = randomBlocks(type, blocks: rows * cols / 32, &r)
            let P = try #require(r1k_pack_new(type, w, Int64(rows), Int64(cols)))
            defer { r1k_pack_free(P) }
            #expect(r1k_pack_rows(P) == Int64(rows) && r1k_pack_cols(P) == Int64(cols))
            let X = (0..<(T * cols)).map { _ in r.normal() }
            // Independent check: the exact product of the dequantized weights (formulas tested above).
            var wf = [Float](repeating: 0, count: rows * cols)
            r1k_dequantize_row(type, w, &wf, Int64(rows * cols))
            var reference: [Float]?
            atEveryISALevel { level in
                for pool in [nil, pool2, pool3] {
                    let Y = packedProduct(P, X, T: T, rows: rows, pool: pool)
                    if let ref = reference { #expect(Y == ref, "type \(type) \(rows)×\(cols) T \(T): level \(level) differs") }
                    else { reference = Y }
                }
            }
            let Y = reference!
            for t in 0..<T { for i in 0..<rows {
                var exact = 0.0, mag = 0.0
                for k in 0..<cols { let p = Double(wf[i * cols + k]) * Double(X[t * cols + k]); exact += p; mag += abs(p) }
                #expect(abs(Double(Y[t * rows + i]) - exact) <= 0.02 * mag + 1e-3, "type \(type) t \(t) row \(i): \(Y[t * rows + i]) vs \(exact)")
            } }
            // One token at a time gives the same bits as all T at once (decode = prefill = batched decode).
            for t in [0, T - 1] {
                let one = packedProduct(P, Array(X[(t * cols)..<((t + 1) * cols)]), T: 1, rows: rows, pool: pool2)
                #expect(one == Array(Y[(t * rows)..<((t + 1) * rows)]))
            }
            // And the old int8 matvec (per-row dots over r1k_q8a) agrees to float rounding.
            var v = [Float](repeating: 0, count: rows)
            r1k_matvec(nil, type, w, Int64(rows), Int64(cols), X, &v, 1)
            for i in 0..<rows { #expect(abs(v[i] - Y[i]) <= 1e-4 * max(1, abs(Y[i]))) }
        }
    }

    @Test func fusedOpsEqualSeparateOnes() throws {
        var r = Rand(77)
        let rows = 40, cols = 128, T = 5
        let pool = r1k_pool_new(2)
        defer { r1k_pool_free(pool) }
        let wg = randomBlocks(3, blocks: rows * cols / 32, &r), wu = randomBlocks(3, blocks: rows * cols / 32, &r)
        let wv = randomBlocks(8, blocks: 24 * cols / 32, &r)
        let G = try #require(r1k_pack_new(3, wg, Int64(rows), Int64(cols)))
        let U = try #require(r1k_pack_new(3, wu, Int64(rows), Int64(cols)))
        let V = try #require(r1k_pack_new(8, wv, 24, Int64(cols)))
        defer { r1k_pack_free(G); r1k_pack_free(U); r1k_pack_free(V) }
        let X = (0..<(T * cols)).map { _ in r.normal() }
        let g = packedProduct(G, X, T: T, rows: rows, pool: pool), u = packedProduct(U, X, T: T, rows: rows, pool: pool)
        let v = packedProduct(V, X, T: T, rows: 24, pool: pool)
        var expected = [Float](repeating: 0, count: T * rows)
        r1k_swiglu(&expected, g, u, Int64(T * rows))
        atEveryISALevel { level in
            var fused = [Float](repeating: .nan, count: T * rows), v2 = [Float](repeating: .nan, count: T * 24)
            fused.withUnsafeMutableBufferPointer { f in v2.withUnsafeMutableBufferPointer { vb in
                var ops = [r1k_pk_op(w: G, y: f.baseAddress, ldy: Int64(rows), up: U), r1k_pk_op(w: V, y: vb.baseAddress, ldy: 24, up: nil)]
                #expect(r1k_pk_run(pool, X, Int64(T), &ops, 2) == 0)
            } }
            #expect(fused == expected && v2 == v, "level \(level)")
        }
        // silu(g)·u against Float64 on the same g, u
        for i in 0..<(T * rows) {
            let e = Double(g[i]) / (1 + exp(-Double(g[i]))) * Double(u[i])
            #expect(abs(Double(expected[i]) - e) <= 1e-5 * max(1, abs(e)))
        }
        var bad = r1k_pk_op(w: V, y: nil, ldy: 0, up: G)   // gate/up shapes differ
        #expect(r1k_pk_run(pool, X, Int64(T), &bad, 1) == -1)
        #expect(r1k_pack_new(14, wg, 1, 256) == nil)   // Q6_K has no packed kernels
    }

    /// Float64 causal attention with GQA for queries at positions pos0 ..< pos0+T.
    func referenceAttention(q: [Float], K: [Float], V: [Float], T: Int, pos0: Int, H: Int, Hkv: Int, D: Int) -> [Double] {
        var out = [Double](repeating: 0, count: T * H * D)
        let kvDim = Hkv * D
        for t in 0..<T { for h in 0..<H {
            let kv = h / (H / Hkv), n = pos0 + t + 1
            var s = (0..<n).map { j in (0..<D).reduce(0.0) { $0 + Double(q[t * H * D + h * D + $1]) * Double(K[j * kvDim + kv * D + $1]) } / sqrt(Double(D)) }
            let m = s.max()!; s = s.map { exp($0 - m) }; let z = s.reduce(0, +)
            for d in 0..<D { out[t * H * D + h * D + d] = (0..<n).reduce(0.0) { $0 + s[$1] / z * Double(V[$1 * kvDim + kv * D + d]) } }
        } }
        return out
    }

    @Test(arguments: [(9, 3, 64, 30, 5), (14, 2, 64, 1, 40), (4, 4, 16, 70, 0), (6, 2, 24, 3, 2)])
    func attentionMatchesFloat64AtEveryLevelAndThreadCount(shape: (Int, Int, Int, Int, Int)) {
        let (H, Hkv, D, T, pos0) = shape
        var r = Rand(UInt64(H * 100 + T))
        let n = pos0 + T, kvDim = Hkv * D
        let q = (0..<(T * H * D)).map { _ in r.normal() }
        let K = (0..<(n * kvDim)).map { _ in r.normal() }, V = (0..<(n * kvDim)).map { _ in r.normal() }
        let ref = referenceAttention(q: q, K: K, V: V, T: T, pos0: pos0, H: H, Hkv: Hkv, D: D)
        let pool2 = r1k_pool_new(2), pool3 = r1k_pool_new(3)
        defer { r1k_pool_free(pool2); r1k_pool_free(pool3) }
        func run(_ pool: OpaquePointer?, t0: Int = 0, count: Int? = nil) -> [Float] {
            let c = count ?? T
            var out = [Float](repeating: .nan, count: c * H * D)
            r1k_attention(pool, Array(q[(t0 * H * D)...]), Int64(H * D), Int64(c), Int64(pos0 + t0), K, V, Int64(kvDim),
                          Int32(H), Int32(Hkv), Int32(D), &out, Int64(H * D))
            return out
        }
        atEveryISALevel { level in
            let a = run(nil), b = run(pool2), c = run(pool3)
            #expect(a == b && b == c, "H \(H) T \(T) level \(level): thread count changes results")
            let worst = zip(a, ref).reduce(0.0) { max($0, abs(Double($1.0) - $1.1)) }
            #expect(worst < 1e-4, "H \(H) T \(T) level \(level): max |Δ| \(worst)")
            // A token's result does not depend (beyond rounding) on the block it was computed in (chunked prefill).
            if T > 2 {
                let tail = run(pool2, t0: T - 2, count: 2)
                let d = zip(a[((T - 2) * H * D)...], tail).reduce(0.0) { max($0, abs(Double($1.0) - Double($1.1))) }
                #expect(d < 1e-6, "H \(H) T \(T) level \(level): chunked prefill differs by \(d)")
            }
            // Decode (one token) gives the same bits as that token inside a prefill block.
            if T > 1 { #expect(Array(a[((T - 1) * H * D)...]) == run(pool3, t0: T - 1, count: 1)) }
        }
    }

    /// Decode attention of several sequences in one job: each sequence's output equals a
    /// one-token r1k_attention call over its own cache, bit for bit, at every ISA level and
    /// thread count, and the float64 reference within rounding.
    @Test(arguments: [(9, 3, 64), (4, 2, 16), (6, 2, 24)])
    func batchedDecodeAttentionEqualsOneCallPerSequence(shape: (Int, Int, Int)) {
        let (H, Hkv, D) = shape
        let lengths = [1, 17, 64, 3, 40]                       // keys per sequence (the query at the last)
        let B = lengths.count, kvDim = Hkv * D
        var r = Rand(UInt64(H * 31 + D))
        let q = (0..<(B * H * D)).map { _ in r.normal() }
        let Ks = lengths.map { n in (0..<(n * kvDim)).map { _ in r.normal() } }
        let Vs = lengths.map { n in (0..<(n * kvDim)).map { _ in r.normal() } }
        let kp = Ks.map { k -> UnsafeMutablePointer<Float> in let p = UnsafeMutablePointer<Float>.allocate(capacity: k.count); p.initialize(from: k, count: k.count); return p }
        let vp = Vs.map { v -> UnsafeMutablePointer<Float> in let p = UnsafeMutablePointer<Float>.allocate(capacity: v.count); p.initialize(from: v, count: v.count); return p }
        defer { (kp + vp).forEach { $0.deallocate() } }
        let pos = lengths.map { Int64($0 - 1) }
        let pool2 = r1k_pool_new(2), pool3 = r1k_pool_new(3)
        defer { r1k_pool_free(pool2); r1k_pool_free(pool3) }
        func batched(_ pool: OpaquePointer?) -> [Float] {
            var out = [Float](repeating: .nan, count: B * H * D)
            let kr: [UnsafePointer<Float>?] = kp.map { UnsafePointer($0) }, vr: [UnsafePointer<Float>?] = vp.map { UnsafePointer($0) }
            r1k_attention_batch(pool, q, Int64(H * D), Int64(B), pos, kr, vr, Int64(kvDim), Int32(H), Int32(Hkv), Int32(D), &out, Int64(H * D))
            return out
        }
        func oneByOne() -> [Float] {
            var out = [Float](repeating: .nan, count: B * H * D)
            for b in 0..<B {
                var o = [Float](repeating: .nan, count: H * D)
                r1k_attention(nil, Array(q[(b * H * D)..<((b + 1) * H * D)]), Int64(H * D), 1, pos[b], kp[b], vp[b], Int64(kvDim),
                              Int32(H), Int32(Hkv), Int32(D), &o, Int64(H * D))
                out.replaceSubrange((b * H * D)..<((b + 1) * H * D), with: o)
            }
            return out
        }
        atEveryISALevel { level in
            let a = batched(nil), b = batched(pool2), c = batched(pool3)
            #expect(a == b && b == c, "level \(level): thread count changes results")
            #expect(a == oneByOne(), "level \(level): batched differs from one call per sequence")
            for s in 0..<B {
                let ref = referenceAttention(q: Array(q[(s * H * D)..<((s + 1) * H * D)]), K: Ks[s], V: Vs[s], T: 1,
                                             pos0: lengths[s] - 1, H: H, Hkv: Hkv, D: D)
                let worst = zip(a[(s * H * D)..<((s + 1) * H * D)], ref).reduce(0.0) { max($0, abs(Double($1.0) - $1.1)) }
                #expect(worst < 1e-4, "level \(level) sequence \(s): max |Δ| \(worst)")
            }
        }
    }
}
