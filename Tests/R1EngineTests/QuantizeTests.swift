// `r1ci quantize` and its row quantizers: bytes equal to gguf-py's reference
// quantizers (gguf.quants.quantize); dequantized rows within the block
// formulas' error bounds; quantized tiny models read back by gguf-py (every
// tensor equal to gguf-py's own quantization of the source, llama Q/K permuted)
// and run by the engine within a stated tolerance of the float64 reference.
import Foundation
import Testing
import R1Kernels
@testable import R1Engine

func hexBytes(_ s: String) -> [UInt8] {
    var out: [UInt8] = [], it = s.utf8.makeIterator()
    while let a = it.next(), let b = it.next() { out.append(UInt8(String(decoding: [a, b], as: UTF8.self), radix: 16)!) }
    return out
}

/// RMS of (out − ref) over RMS of ref, for (T, V) logits.
func relativeRMS(_ out: [Float], _ ref: [[Double]]) -> Double {
    var e = 0.0, r = 0.0
    for (t, row) in ref.enumerated() { for (v, x) in row.enumerated() { e += pow(Double(out[t * row.count + v]) - x, 2); r += x * x } }
    return (e / max(r, 1e-30)).squareRoot()
}

/// The fraction of positions whose argmax agrees.
func top1Agreement(_ out: [Float], _ ref: [[Double]]) -> Double {
    let V = ref[0].count
    let same = ref.enumerated().filter { t, row in
        let mine = out[(t * V)..<((t + 1) * V)].enumerated().max { $0.element < $1.element }!.offset
        return mine == row.indices.max { row[$0] < row[$1] }!
    }.count
    return Double(same) / Double(ref.count)
}

@Suite struct QuantizeTests {
    @Test(arguments: [QuantType.q8_0, .q4_0])
    func rowsMatchReferenceQuantizer(type: QuantType) throws {
        let (_, exp) = try TinyHF.get()
        let bb = Int(r1k_block_bytes(type.ggmlType))
        for (i, row) in exp.quant_rows.enumerated() {
            var q = [UInt8](repeating: 0, count: row.x.count / 32 * bb)
            #expect(r1k_quantize_row(type.ggmlType, row.x, &q, Int64(row.x.count)) == 0)
            #expect(q == hexBytes(type == .q8_0 ? row.q8_0 : row.q4_0), "row \(i) \(type): bytes differ from gguf-py")
            // Round trip: each value comes back within the block's step (Q8_0: half a step
            // plus the fp16 rounding of d; Q4_0: one step, for the clamped top value).
            var y = [Float](repeating: 0, count: row.x.count)
            #expect(r1k_dequantize_row(type.ggmlType, q, &y, Int64(row.x.count)) == 0)
            for b in 0..<(row.x.count / 32) {
                let xs = row.x[(32 * b)..<(32 * b + 32)]
                let amax = xs.map { abs($0) }.max()!
                let d32 = type == .q8_0 ? amax / 127 : amax / 8
                let d16 = abs(r1k_fp16_to_fp32(UInt16(q[b * bb]) | UInt16(q[b * bb + 1]) << 8))
                let levels: Float = type == .q8_0 ? 127 : 8
                let bound = (type == .q8_0 ? 0.5 : 1.0) * d32 + levels * abs(d16 - d32) + 1e-6 * amax
                for j in 0..<32 { #expect(abs(xs[32 * b + j] - y[32 * b + j]) <= bound, "row \(i) block \(b) element \(j)") }
            }
        }
        #expect(r1k_quantize_row(type.ggmlType, [Float](repeating: 1, count: 33), nil, 33) == -1)
        #expect(r1k_quantize_row(Int32(R1K_Q4_1), [Float](repeating: 1, count: 32), nil, 32) == -1)
    }

    /// How far a quantized tiny random model may drift from the float64 reference of its
    /// unquantized weights: RMS logit error over RMS logit. Quantization noise alone (the
    /// float64 forward over gguf-py's dequantization of the file drifts the same): measured
    /// 0.026 / 0.036 (Q8_0, llama / qwen2) and 0.40 / 0.52 (Q4_0) — these random models
    /// amplify weight noise through sharp attention. Top-1 agreement with Q8_0: 1.0 / 0.90.
    static let tolerance: [QuantType: Double] = [.q8_0: 0.06, .q4_0: 0.8]

    struct CheckReport: Decodable { let ok: Bool; let checked: Int; let errors: [String]; let logits: [[Double]] }

    @Test(arguments: ["hf-llama", "hf-qwen2"], [QuantType.q8_0, .q4_0])
    func quantizedFolderModel(name: String, type: QuantType) throws {
        let (dir, exp) = try TinyHF.get()
        let g = try #require(exp.models[name])
        let out = dir + "/\(name)-\(type.rawValue).gguf"
        let s = try Quantizer.write(LocalModel(path: dir + "/" + name), type: type, to: out)
        #expect(s.quantized == (g.tied ? 1 : 2) + 7 * 2)
        #expect(!FileManager.default.fileExists(atPath: out + ".part-\(getpid())"))
        // gguf-py reads it: metadata, names, and every tensor equal to its own quantization of the source.
        let json = try python(["make_tiny_hf.py", "check", out, dir + "/" + name, type.rawValue, dir + "/expected.json", name])
        let report = try JSONDecoder().decode(CheckReport.self, from: Data(json.utf8))
        #expect(report.ok && report.checked == s.tensors, "\(report.errors)")
        // Our engine runs the file exactly as a float64 forward over gguf-py's dequantization of it …
        let engine = try Engine(path: out, threads: 2)
        #expect(engine.model.config.ropeNeox == (name == "hf-qwen2"))
        #expect(engine.model.layers[0].wq.type == type.ggmlType)
        let logits = engine.logits(g.tokens)
        let (dq, qscale) = logitError(logits, report.logits)
        #expect(dq < 1e-4 * max(1, qscale), "\(name) \(type): engine vs float64 of the dequantized file: max |Δ| \(dq)")
        // … and within the stated tolerance of the unquantized float64 reference.
        let rel = relativeRMS(logits, g.logits)
        print("quantized \(name) \(type.rawValue): RMS logit error / RMS logit = \(rel)")
        #expect(rel < Self.tolerance[type]!, "\(name) \(type): relative RMS error \(rel)")
        if type == .q8_0 { #expect(top1Agreement(logits, g.logits) >= 0.8) }
        // Same tokenizer and template come through the GGUF.
        let src = try Engine(folder: dir + "/" + name, threads: 1)
        #expect(engine.tokenizer.tokens == src.tokenizer.tokens && engine.tokenizer.mergeList == src.tokenizer.mergeList)
        #expect(engine.tokenizer.endOfGeneration == src.tokenizer.endOfGeneration && engine.tokenizer.eos == src.tokenizer.eos)
        #expect(engine.template.text == src.template.text)
        #expect(engine.renderChat([ChatMessage(role: "user", content: "2+2?")]) == src.renderChat([ChatMessage(role: "user", content: "2+2?")]))
    }

    @Test func quantizeAGGUFModel() throws {
        // The mixed-type tiny llama GGUF (adjacent-pair Q/K already): requantized, it keeps its logits.
        let path = Fixtures.url("tiny-llama.gguf").path
        let out = NSTemporaryDirectory() + "r1ci-q-\(getpid())-tiny.gguf"
        defer { unlink(out) }
        try Quantizer.write(LocalModel(path: path), type: .q8_0, to: out)
        let a = try Engine(path: path, threads: 2), b = try Engine(path: out, threads: 2)
        #expect(!b.model.config.ropeNeox && b.model.tiedEmbeddings)
        let toks = ModelTests.tiny["tiny-llama"]!.tokens
        let la = a.logits(toks), lb = b.logits(toks)
        let V = a.model.config.vocab
        let ref = (0..<toks.count).map { t in la[(t * V)..<((t + 1) * V)].map(Double.init) }
        let rel = relativeRMS(lb, ref)
        #expect(rel < Self.tolerance[.q8_0]!, "requantized tiny-llama: relative RMS error \(rel)")
    }

    @Test func adjacentPairOrderUndoesHalfSplit() {
        // One head of 8: adjacent rows (0,1),(2,3).. hold half-split rows (0,4),(1,5)..
        #expect(Quantizer.adjacentPairRowOrder(heads: 1, headDim: 8) == [0, 4, 1, 5, 2, 6, 3, 7])
        #expect(Quantizer.adjacentPairRowOrder(heads: 2, headDim: 4) == [0, 2, 1, 3, 4, 6, 5, 7])
    }
}
