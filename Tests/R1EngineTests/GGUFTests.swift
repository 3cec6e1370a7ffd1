// The GGUF reader: metadata of a real file, exact error messages for the
// classic corruptions, and thousands of random/mutated headers that must give
// either a clean parse or a GGUFError — never a crash.
import Foundation
import Testing
@testable import R1Engine

/// A little GGUF builder for hand-made headers.
struct GGUFBytes {
    var b: [UInt8] = []
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { b += $0 } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { b += $0 } }
    mutating func str(_ s: String) { u64(UInt64(s.utf8.count)); b += Array(s.utf8) }
    static func header(nTensors: UInt64, nKV: UInt64, version: UInt32 = 3) -> GGUFBytes {
        var g = GGUFBytes(); g.u32(0x4655_4747); g.u32(version); g.u64(nTensors); g.u64(nKV); return g
    }
}

func parseError(_ bytes: [UInt8]) -> String? {
    do { _ = try GGUFFile(bytes: bytes); return nil } catch let e as GGUFError { return e.description } catch { return "other: \(error)" }
}

@Suite struct GGUFTests {
    static let tinyBytes = try! [UInt8](Data(contentsOf: Fixtures.url("tiny-llama.gguf")))

    @Test func readsTinyModel() throws {
        let g = try GGUFFile(bytes: Self.tinyBytes)
        #expect(g.version == 3 && g.alignment == 32)
        #expect(g["general.architecture"]?.string == "llama")
        #expect(g["llama.embedding_length"]?.int == 64)
        #expect(g["tokenizer.ggml.tokens"]?.array?.count == 258)
        let t = try #require(g.tensor("blk.1.ffn_down.weight"))
        #expect(t.shape == [256, 64] && t.type == 14)
        #expect(g.tensor("nope") == nil)
        #expect(g.tensors.count == 2 * 9 + 2)
    }

    @Test func allValueTypes() throws {
        var g = GGUFBytes.header(nTensors: 0, nKV: 13)
        let vals: [(UInt32, [UInt8])] = [(0, [7]), (1, [0xff]), (2, [1, 2]), (3, [0xfe, 0xff]), (4, [1, 0, 0, 0]), (5, [0xff, 0xff, 0xff, 0xff]),
                                         (6, [0, 0, 0x80, 0x3f]), (7, [1]), (10, [9, 0, 0, 0, 0, 0, 0, 0]), (11, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
                                         (12, [0, 0, 0, 0, 0, 0, 0xf0, 0x3f])]
        for (i, (t, raw)) in vals.enumerated() { g.str("k\(i)"); g.u32(t); g.b += raw }
        g.str("s"); g.u32(8); g.str("héllo")
        g.str("a"); g.u32(9); g.u32(8); g.u64(2); g.str("x"); g.str("yz")
        let f = try GGUFFile(bytes: g.b)
        #expect(f["k0"] == .u8(7) && f["k1"] == .i8(-1) && f["k2"] == .u16(0x201) && f["k3"] == .i16(-2))
        #expect(f["k4"] == .u32(1) && f["k5"] == .i32(-1) && f["k6"] == .f32(1) && f["k7"] == .bool(true))
        #expect(f["k8"] == .u64(9) && f["k9"] == .i64(-1) && f["k10"] == .f64(1))
        #expect(f["s"]?.string == "héllo" && f["a"] == .array([.string("x"), .string("yz")]))
        #expect(f.metadataOrder.count == 13)
    }

    @Test func clearErrors() {
        #expect(parseError([]) != nil)
        #expect(parseError(Array("GGUX0000000000000000000000".utf8))!.contains("bad magic"))
        #expect(parseError(GGUFBytes.header(nTensors: 0, nKV: 0, version: 7).b)!.contains("version 7"))
        #expect(parseError(Array(Self.tinyBytes.prefix(1000)))!.contains("truncated"))
        #expect(parseError(Array(Self.tinyBytes.dropLast(100)))!.contains("past the end"))
        // unknown tensor type and an offset past the end
        for (type, off, want) in [(UInt32(77), UInt64(0), "unknown ggml type 77"), (0, 1 << 40, "past the end"), (0, 3, "not aligned")] {
            var g = GGUFBytes.header(nTensors: 1, nKV: 0)
            g.str("w"); g.u32(1); g.u64(32); g.u32(type); g.u64(off)
            g.b += [UInt8](repeating: 0, count: 256)
            #expect(parseError(g.b)?.contains(want) == true, "\(want): \(parseError(g.b) ?? "parsed")")
        }
        var g = GGUFBytes.header(nTensors: 0, nKV: 1)
        g.str("k"); g.u32(42); g.u32(0)
        #expect(parseError(g.b)!.contains("unknown metadata value type 42"))
        var h = GGUFBytes.header(nTensors: 0, nKV: 1)
        h.str("k"); h.u32(9); h.u32(8); h.u64(1 << 50)
        #expect(parseError(h.b)!.contains("truncated"))
        #expect(parseError(GGUFBytes.header(nTensors: 1 << 60, nKV: 0).b)!.contains("cannot fit"))
        #expect(throws: GGUFError.self) { try GGUFFile(path: "/nonexistent/x.gguf") }
    }

    @Test func fuzzedHeadersNeverCrash() {
        var r = Rand(2024)
        // A small valid file: varied metadata (incl. a string array) and three tensors.
        var g = GGUFBytes.header(nTensors: 3, nKV: 5)
        g.str("general.architecture"); g.u32(8); g.str("llama")
        g.str("general.alignment"); g.u32(4); g.u32(32)
        g.str("n"); g.u32(5); g.u32(7)
        g.str("toks"); g.u32(9); g.u32(8); g.u64(4); for t in ["a", "bb", "<|x|>", "é"] { g.str(t) }
        g.str("f"); g.u32(12); g.u64(0x3ff0_0000_0000_0000)
        g.str("w0"); g.u32(2); g.u64(32); g.u64(2); g.u32(0); g.u64(0)
        g.str("w1"); g.u32(1); g.u64(64); g.u32(8); g.u64(256)
        g.str("w2"); g.u32(1); g.u64(256); g.u32(12); g.u64(320)
        while g.b.count % 32 != 0 { g.b.append(0) }
        g.b += r.bytes(320 + 144)
        let base = g.b
        #expect(parseError(base) == nil)
        let headerEnd = base.count - 464
        var parsed = 0, failed = 0
        for i in 0..<5000 {
            var b = base
            switch i % 5 {
            case 0: b = Array(b.prefix(Int(r.unit() * Double(b.count))))          // truncation
            case 1: for _ in 0..<(1 + i % 8) { b[Int(r.unit() * Double(headerEnd))] = r.byte() }  // byte flips
            case 2:                                                                 // a random u64 field smash
                let at = Int(r.unit() * Double(headerEnd - 8))
                for k in 0..<8 { b[at + k] = [0xff, 0x00, r.byte()][Int(r.unit() * 3)] }
            case 3: b = Array(b.prefix(24)) + r.bytes(Int(r.unit() * 1000))         // random body
            default:                                                                // random everything after magic
                b = [0x47, 0x47, 0x55, 0x46] + r.bytes(Int(r.unit() * 200))
            }
            do {
                let f = try GGUFFile(bytes: b)
                parsed += 1
                for t in f.tensors { #expect(f.dataOffset + t.offset + t.byteCount <= b.count) }
            } catch let e as GGUFError {
                failed += 1
                #expect(!e.description.isEmpty)
            } catch {
                Issue.record("unexpected error type \(error)")
            }
        }
        #expect(parsed + failed == 5000 && failed > 1000 && parsed > 0)
    }
}
