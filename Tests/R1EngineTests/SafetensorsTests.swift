// The safetensors reader and HF folder loader on bad input: one clear error per
// corruption (truncated file, huge header length, bad JSON, offsets past the
// end, overlapping or misaligned data, unknown or unsupported dtypes, missing
// tensors, unsupported architecture), and thousands of random and mutated
// headers — safetensors here, and whole quantized GGUF models through the full
// loader (extending GGUFTests' header fuzzing) — that never crash.
import Foundation
import Testing
@testable import R1Engine

/// safetensors bytes from a header string and a data section.
func safetensorsBytes(_ header: String, data: [UInt8] = [], length: UInt64? = nil) -> [UInt8] {
    var b: [UInt8] = []
    withUnsafeBytes(of: (length ?? UInt64(header.utf8.count)).littleEndian) { b += $0 }
    return b + Array(header.utf8) + data
}

func safetensorsError(_ bytes: [UInt8]) -> String? {
    do {
        let f = try SafetensorsFile(bytes: bytes, path: "t.safetensors")
        for name in f.tensorNames { _ = try f.view(name)?.floats() }
        return nil
    } catch let e as EngineError { return e.description } catch { return "other: \(error)" }
}

@Suite struct SafetensorsTests {
    static let good = #"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"b":{"dtype":"BF16","shape":[4],"data_offsets":[16,24]},"c":{"dtype":"F16","shape":[3],"data_offsets":[24,30]}}"#
    static let goodData: [UInt8] = (0..<30).map { UInt8($0 * 7 % 256) }

    @Test func readsAValidFile() throws {
        var data = [UInt8](repeating: 0, count: 30)
        [Float(1), 2, 3, -4].withUnsafeBytes { for (i, x) in $0.enumerated() { data[i] = x } }
        data[16] = 0x80; data[17] = 0x3f        // bf16 1.0
        data[24] = 0x00; data[25] = 0x3c        // f16 1.0
        let f = try SafetensorsFile(bytes: safetensorsBytes(Self.good + "   ", data: data))
        #expect(f.metadata == ["format": "pt"] && f.tensorNames == ["a", "b", "c"])
        let a = try #require(try f.view("a"))
        let (av, bv, cv) = (try a.floats(), try f.view("b")?.floats(), try f.view("c")?.floats())
        #expect(a.shape == [2, 2] && a.type == 0 && av == [1, 2, 3, -4])
        #expect(bv?.first == 1 && cv?.first == 1)
        let (bt, ct) = (try f.view("b")?.type, try f.view("c")?.type)
        #expect(bt == 30 && ct == 1)
        #expect(try f.view("zzz") == nil)
    }

    @Test func clearErrors() {
        let cases: [([UInt8], String)] = [
            ([], "truncated file: 0 bytes"),
            ([1, 0, 0], "truncated file: 3 bytes"),
            (safetensorsBytes(Self.good, length: 1 << 40), "larger than the 100 MB limit"),
            (safetensorsBytes(Self.good, length: 5000), "truncated file: header of 5000 bytes"),
            (Array(safetensorsBytes(Self.good, data: Self.goodData).dropLast(3)), "run past the end of the data"),
            (safetensorsBytes("[1,2,3]"), "does not start with '{'"),
            (safetensorsBytes("{\"a\": {\"dtype\": "), "not valid JSON"),
            (safetensorsBytes(#"{"a":{"dtype":"Q9","shape":[1],"data_offsets":[0,1]}}"#, data: [0]), "unknown dtype 'Q9'"),
            (safetensorsBytes(#"{"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8)),
             "dtype I64, which is not supported"),
            (safetensorsBytes(#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8)),
             "needs 16"),
            (safetensorsBytes(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
                              data: [UInt8](repeating: 0, count: 12)), "overlap"),
            (safetensorsBytes(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}}"#, data: [UInt8](repeating: 0, count: 8)), "misaligned"),
            (safetensorsBytes(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#, data: [UInt8](repeating: 0, count: 8)), "0 ≤ begin ≤ end"),
            (safetensorsBytes(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}"#), "0 ≤ begin ≤ end"),
            (safetensorsBytes(#"{"a":{"dtype":"F32","shape":"big","data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "shape missing"),
            (safetensorsBytes(#"{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#), "too large"),
            (safetensorsBytes(#"{"__metadata__":{"k":1}}"#), "not a string"),
            (safetensorsBytes("{\"a\":" + String(repeating: "[", count: 200_000)), "not valid JSON"),   // no stack overflow
        ]
        for (bytes, want) in cases {
            let e = safetensorsError(bytes)
            #expect(e?.contains(want) == true, "want '\(want)', got \(e ?? "success")")
            #expect(e?.contains("\n") == false)
        }
        #expect(throws: EngineError.self) { try SafetensorsFile(path: "/nonexistent/model.safetensors") }
    }

    /// A copy of the tiny llama folder that `edit` may break.
    func brokenFolder(_ edit: (String) throws -> Void) throws -> String? {
        let (dir, _) = try TinyHF.get()
        let d = NSTemporaryDirectory() + "r1ci-broken-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: dir + "/hf-llama", toPath: d)
        try edit(d)
        defer { try? FileManager.default.removeItem(atPath: d) }
        do { _ = try LocalModel(path: d); return nil } catch { return "\(error)" }
    }

    @Test func folderErrors() throws {
        func setConfig(_ d: String, _ key: String, _ value: Any) throws {
            var c = try readJSONObject(d + "/config.json")
            c[key] = value
            try JSONSerialization.data(withJSONObject: c).write(to: URL(fileURLWithPath: d + "/config.json"))
        }
        let shard2 = "/model-00002-of-00002.safetensors"
        let cases: [(String, (String) throws -> Void)] = [
            ("architecture 'MistralForCausalLM' is not supported", { try setConfig($0, "architectures", ["MistralForCausalLM"]) }),
            ("rope_scaling 'llama3' is not supported", { try setConfig($0, "rope_scaling", ["rope_type": "llama3"]) }),
            ("num_hidden_layers missing", { d in
                var c = try readJSONObject(d + "/config.json"); c["num_hidden_layers"] = nil
                try JSONSerialization.data(withJSONObject: c).write(to: URL(fileURLWithPath: d + "/config.json")) }),
            ("tensor model.layers.2.input_layernorm.weight missing", { try setConfig($0, "num_hidden_layers", 3) }),
            ("vocab_size 9 in config.json", { try setConfig($0, "vocab_size", 9) }),
            ("no config.json", { try FileManager.default.removeItem(atPath: $0 + "/config.json") }),
            ("no tokenizer.json", { try FileManager.default.removeItem(atPath: $0 + "/tokenizer.json") }),
            ("missing from", { try FileManager.default.removeItem(atPath: $0 + shard2) }),   // layer-1 tensors gone
            ("is in both", { try FileManager.default.copyItem(atPath: $0 + shard2, toPath: $0 + "/extra.safetensors") }),
            ("names model-00003.safetensors, which is missing", { d in
                try #"{"weight_map":{"model.norm.weight":"model-00003.safetensors"}}"#.write(toFile: d + "/model.safetensors.index.json", atomically: true, encoding: .utf8) }),
            ("truncated file", { d in
                let b = try Data(contentsOf: URL(fileURLWithPath: d + shard2))
                try b.prefix(100).write(to: URL(fileURLWithPath: d + shard2)) }),
            ("tokenizer model 'WordPiece' is not supported", { d in
                var t = try readJSONObject(d + "/tokenizer.json"); var m = t["model"] as! [String: Any]; m["type"] = "WordPiece"; t["model"] = m
                try JSONSerialization.data(withJSONObject: t).write(to: URL(fileURLWithPath: d + "/tokenizer.json")) }),
            ("normalizer Lowercase is not supported", { d in
                var t = try readJSONObject(d + "/tokenizer.json"); t["normalizer"] = ["type": "Lowercase"]
                try JSONSerialization.data(withJSONObject: t).write(to: URL(fileURLWithPath: d + "/tokenizer.json")) }),
        ]
        for (want, edit) in cases {
            let e = try brokenFolder(edit)
            #expect(e?.contains(want) == true, "want '\(want)', got \(e ?? "success")")
        }
        #expect(try brokenFolder { _ in } == nil)
    }

    /// GGUF models with one thing wrong, rewritten by GGUFWriter from a good one.
    @Test func ggufModelErrors() throws {
        let (dir, _) = try TinyHF.get()
        let good = try GGUFFile(path: dir + "/hf-qwen2.gguf")
        func rewrite(_ name: String, dropping: String? = nil, arch: String? = nil) throws -> String {
            var w = GGUFWriter()
            for k in good.metadataOrder {
                w.add(k, k == "general.architecture" && arch != nil ? .string(arch!) : good[k]!)
            }
            for t in good.tensors where t.name != dropping {
                let src = good.data(t), n = t.byteCount
                w.tensors.append(GGUFWriter.Tensor(name: t.name, shape: t.shape, type: t.type) { $0.copyMemory(from: src, byteCount: n) })
            }
            let path = dir + "/" + name
            try w.write(to: path)
            return path
        }
        // The writer round-trips every tensor and value it is given.
        let same = try GGUFFile(path: try rewrite("same.gguf"))
        #expect(same.metadataOrder == good.metadataOrder && same.tensors.count == good.tensors.count)
        for k in good.metadataOrder { #expect(same[k] == good[k], "\(k)") }
        for t in good.tensors { #expect(memcmp(same.data(same.tensor(t.name)!), good.data(t), t.byteCount) == 0) }
        let cases = [(try rewrite("noffn.gguf", dropping: "blk.1.ffn_down.weight"), "tensor blk.1.ffn_down.weight missing"),
                     (try rewrite("mistral.gguf", arch: "mistral"), "architecture 'mistral' is not supported")]
        for (path, want) in cases {
            #expect(throws: EngineError.self) { try LocalModel(path: path) }
            do { _ = try LocalModel(path: path) } catch { #expect("\(error)".contains(want), "\(error)") }
        }
    }

    @Test func fuzzedHeadersNeverCrash() {
        var r = Rand(77)
        let base = safetensorsBytes(Self.good, data: Self.goodData)
        let text = Array(Self.good.utf8)
        let pieces = ["{", "}", "[", "]", ",", ":", "\"", "0", "-1", "1e309", "99999999999999999999", "\"F32\"", "\"BF16\"",
                      "\"shape\"", "\"data_offsets\"", "\"dtype\"", "null", "true", "[0,4]", "\\u0000", "\u{FFFF}"]
        var parsed = 0, failed = 0
        let digits = text.indices.filter { (48...57).contains(text[$0]) }
        for i in 0..<7000 {
            var b: [UInt8]
            switch i % 7 {
            case 6:                                                                                // digits changed: valid JSON,
                var t = text                                                                       // wrong shapes and offsets
                for _ in 0..<(1 + i % 3) { t[digits[Int(r.unit() * Double(digits.count))]] = 48 + r.byte() % 10 }
                b = safetensorsBytes(String(decoding: t, as: UTF8.self), data: Self.goodData)
            case 0: b = Array(base.prefix(Int(r.unit() * Double(base.count))))                   // truncation
            case 1:                                                                                // byte flips in the header
                b = base
                for _ in 0..<(1 + i % 6) { b[8 + Int(r.unit() * Double(text.count))] = r.byte() }
            case 2:                                                                                // JSON-aware splices
                var t = text
                for _ in 0..<(1 + i % 4) {
                    let at = Int(r.unit() * Double(t.count)), len = Int(r.unit() * 6)
                    t.replaceSubrange(at..<min(t.count, at + len), with: Array(pieces[Int(r.unit() * Double(pieces.count))].utf8))
                }
                b = safetensorsBytes(String(decoding: t, as: UTF8.self), data: Self.goodData)
            case 3:                                                                                // a wrong length field
                b = base
                let n = [UInt64(r.unit() * 400), UInt64.max, UInt64(1) << 63, UInt64(text.count) + UInt64(r.unit() * 40) - 20][i % 4]
                withUnsafeBytes(of: n.littleEndian) { for k in 0..<8 { b[k] = $0[k] } }
            case 4: b = Array(base.prefix(8)) + r.bytes(Int(r.unit() * 300))                     // random header
            default: b = r.bytes(Int(r.unit() * 64))                                              // random everything
            }
            do {
                let f = try SafetensorsFile(bytes: b)
                parsed += 1
                for e in f.entries.values { #expect(f.dataOffset + e.end <= b.count) }
                for name in f.tensorNames { _ = try? f.view(name)?.floats() }
            } catch let e as EngineError {
                failed += 1
                #expect(!e.description.isEmpty && !e.description.contains("\n"))
            } catch {
                Issue.record("unexpected error type \(error)")
            }
        }
        print("safetensors fuzz: \(parsed) parsed, \(failed) clear errors")
        #expect(parsed + failed == 7000 && failed > 2000 && parsed > 50)
    }

    /// Whole quantized models (our GGUF writer's output) with corrupted headers go
    /// through the full load — GGUF parse, config, every weight, the tokenizer —
    /// and must load or fail with a clear error.
    @Test func fuzzedQuantizedModelsNeverCrash() throws {
        let (dir, _) = try TinyHF.get()
        let path = dir + "/fuzz-base.gguf"
        try Quantizer.write(LocalModel(path: dir + "/hf-qwen2"), type: .q4_0, to: path)
        let base = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let headerEnd = try GGUFFile(bytes: base).dataOffset
        var r = Rand(91)
        var loaded = 0, failed = 0
        for i in 0..<1500 {
            var b = base
            switch i % 3 {
            case 0: for _ in 0..<(1 + i % 5) { b[Int(r.unit() * Double(headerEnd))] = r.byte() }
            case 1:
                let at = Int(r.unit() * Double(headerEnd - 8))
                for k in 0..<8 { b[at + k] = [0xff, 0x00, r.byte()][Int(r.unit() * 3)] }
            default: b = Array(b.prefix(Int(r.unit() * Double(b.count))))
            }
            do {
                let g = try GGUFFile(bytes: b)
                _ = try Transformer(config: ModelConfig(gguf: g), tensors: GGUFTensorSource(g))
                _ = try Tokenizer(gguf: g)
                loaded += 1
            } catch is GGUFError { failed += 1 } catch is EngineError { failed += 1 } catch is TokenizerError { failed += 1 } catch {
                Issue.record("unexpected error type \(error)")
            }
        }
        print("quantized-model fuzz: \(loaded) loaded, \(failed) clear errors")
        #expect(loaded + failed == 1500 && failed > 300)
    }
}
