// `r1ci quantize`: any loaded model (GGUF or Hugging Face folder) to a Q8_0 or
// Q4_0 GGUF that llama.cpp and this engine both run. 2-D weights are
// dequantized row by row to f32 and requantized with the reference block
// formulas (r1k_quantize_row); norms and biases are written as F32. A llama
// model from an HF folder (half-split RoPE) gets its Q/K rows permuted to the
// adjacent-pair order llama GGUF files use (reference/engine.md §4).

import Foundation
import R1Kernels

public enum QuantType: String, CaseIterable, Sendable {
    case q8_0, q4_0, f32
    public var ggmlType: Int32 {
        switch self {
        case .q8_0: return Int32(R1K_Q8_0)
        case .q4_0: return Int32(R1K_Q4_0)
        case .f32: return Int32(R1K_F32)   // unquantized: what `r1ci export` uses for exact weights
        }
    }
    /// general.file_type (llama_ftype): ALL_F32 = 0, MOSTLY_Q8_0 = 7, MOSTLY_Q4_0 = 2.
    var fileType: UInt32 {
        switch self {
        case .q8_0: return 7
        case .q4_0: return 2
        case .f32: return 0
        }
    }
}

public struct QuantizeSummary: Sendable {
    public let path: String
    public let bytes: Int
    public let tensors: Int
    public let quantized: Int
}

public enum Quantizer {
    /// Writes `model` as a GGUF of `type` at `path` (temp file + rename).
    @discardableResult
    public static func write(_ model: LocalModel, type: QuantType, to path: String) throws -> QuantizeSummary {
        let m = model.transformer, c = m.config
        // llama GGUF means adjacent-pair RoPE: folder llama weights need their Q/K rows reordered.
        let permuteQK = c.arch == "llama" && c.ropeNeox
        if permuteQK && c.ropeDim != c.headDim {
            throw EngineError("cannot write a llama GGUF for partial rotary embeddings (rope dim \(c.ropeDim) of \(c.headDim))")
        }
        var w = GGUFWriter()
        for (k, v) in metadata(model, type: type) { w.add(k, v) }
        var quantized = 0
        func matrix(_ name: String, _ weight: Weight, ropeHeads: Int? = nil) {
            let q = weight.cols % 32 == 0
            if q { quantized += 1 }
            let outType = q ? type.ggmlType : Int32(R1K_F32)
            let order = ropeHeads.map { adjacentPairRowOrder(heads: $0, headDim: c.headDim) }
            w.tensors.append(GGUFWriter.Tensor(name: name, shape: [weight.cols, weight.rows], type: outType) { dst in
                try writeRows(weight, type: outType, rowOrder: order, to: dst)
            })
        }
        func vector(_ name: String, _ v: [Float]) {
            w.tensors.append(GGUFWriter.Tensor(name: name, shape: [v.count], type: Int32(R1K_F32)) { dst in
                v.withUnsafeBytes { dst.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            })
        }
        func bias(_ name: String, _ v: [Float]?, ropeHeads: Int? = nil) {
            guard let v else { return }
            vector(name, ropeHeads.map { adjacentPairRowOrder(heads: $0, headDim: c.headDim).map { v[$0] } } ?? v)
        }
        matrix("token_embd.weight", m.tokenEmbedding)
        if !m.tiedEmbeddings { matrix("output.weight", m.output) }
        vector("output_norm.weight", m.outputNorm)
        for (l, L) in m.layers.enumerated() {
            let p = "blk.\(l)."
            vector(p + "attn_norm.weight", L.attnNorm)
            matrix(p + "attn_q.weight", L.wq, ropeHeads: permuteQK ? c.nHeads : nil)
            matrix(p + "attn_k.weight", L.wk, ropeHeads: permuteQK ? c.nKVHeads : nil)
            matrix(p + "attn_v.weight", L.wv)
            bias(p + "attn_q.bias", L.bq, ropeHeads: permuteQK ? c.nHeads : nil)
            bias(p + "attn_k.bias", L.bk, ropeHeads: permuteQK ? c.nKVHeads : nil)
            bias(p + "attn_v.bias", L.bv)
            matrix(p + "attn_output.weight", L.wo)
            vector(p + "ffn_norm.weight", L.ffnNorm)
            matrix(p + "ffn_gate.weight", L.gate)
            matrix(p + "ffn_up.weight", L.up)
            matrix(p + "ffn_down.weight", L.down)
        }
        let bytes = try w.write(to: path)
        return QuantizeSummary(path: path, bytes: bytes, tensors: w.tensors.count, quantized: quantized)
    }

    /// Output row r of a Q or K matrix (heads × headDim rows) in adjacent-pair
    /// order reads input row order[r] of the half-split order: within a head,
    /// adjacent row 2i + j holds half-split row j·D/2 + i.
    public static func adjacentPairRowOrder(heads: Int, headDim D: Int) -> [Int] {
        var order = [Int](repeating: 0, count: heads * D)
        for h in 0..<heads { for i in 0..<(D / 2) { for j in 0..<2 { order[h * D + 2 * i + j] = h * D + j * (D / 2) + i } } }
        return order
    }

    /// Dequantizes each row of `w` (in `rowOrder` when given) and stores it as `type`.
    static func writeRows(_ w: Weight, type: Int32, rowOrder: [Int]?, to dst: UnsafeMutableRawPointer) throws {
        var row = [Float](repeating: 0, count: w.cols)
        let outRowBytes = w.cols / Int(r1k_block_elems(type)) * Int(r1k_block_bytes(type))
        for r in 0..<w.rows {
            let src = rowOrder?[r] ?? r
            try row.withUnsafeMutableBufferPointer { buf in
                guard r1k_dequantize_row(w.type, w.data + src * w.rowBytes, buf.baseAddress, Int64(w.cols)) == 0 else {
                    throw EngineError("cannot dequantize a \(ggmlTypeName(w.type)) row")
                }
                let out = dst + r * outRowBytes
                if type == Int32(R1K_F32) {
                    out.copyMemory(from: buf.baseAddress!, byteCount: w.cols * 4)
                } else if r1k_quantize_row(type, buf.baseAddress, out, Int64(w.cols)) != 0 {
                    throw EngineError("cannot quantize a row of \(w.cols) values to \(ggmlTypeName(type))")
                }
            }
        }
    }

    /// Everything a GGUF reader needs to run the model: the architecture's
    /// hyper-parameters, the tokenizer and the chat template.
    static func metadata(_ model: LocalModel, type: QuantType) -> [(String, GGUFValue)] {
        let c = model.transformer.config, a = c.arch, tok = model.tokenizer
        var kv: [(String, GGUFValue)] = [
            ("general.architecture", .string(a)),
            ("general.name", .string(model.name)),
            ("general.file_type", .u32(type.fileType)),
            ("general.quantization_version", .u32(2)),
            ("\(a).context_length", .u32(UInt32(c.contextLength))),
            ("\(a).embedding_length", .u32(UInt32(c.dim))),
            ("\(a).block_count", .u32(UInt32(c.nLayers))),
            ("\(a).feed_forward_length", .u32(UInt32(c.ffnDim))),
            ("\(a).attention.head_count", .u32(UInt32(c.nHeads))),
            ("\(a).attention.head_count_kv", .u32(UInt32(c.nKVHeads))),
            ("\(a).rope.freq_base", .f32(c.ropeTheta)),
            ("\(a).rope.dimension_count", .u32(UInt32(c.ropeDim))),
            ("\(a).attention.layer_norm_rms_epsilon", .f32(c.rmsEps)),
            ("\(a).vocab_size", .u32(UInt32(c.vocab))),
        ]
        if c.headDim * c.nHeads != c.dim {
            kv += [("\(a).attention.key_length", .u32(UInt32(c.headDim))), ("\(a).attention.value_length", .u32(UInt32(c.headDim)))]
        }
        kv += [
            ("tokenizer.ggml.model", .string("gpt2")),
            ("tokenizer.ggml.pre", .string(tok.pre)),
            ("tokenizer.ggml.tokens", .array(tok.tokens.map { .string($0) })),
            ("tokenizer.ggml.token_type", .array(tok.types.map { .i32($0.rawValue) })),
            ("tokenizer.ggml.merges", .array(tok.mergeList.map { .string($0) })),
            ("tokenizer.ggml.add_bos_token", .bool(tok.addBOS)),
        ]
        if let b = tok.bos { kv.append(("tokenizer.ggml.bos_token_id", .u32(UInt32(b)))) }
        if let e = tok.eos { kv.append(("tokenizer.ggml.eos_token_id", .u32(UInt32(e)))) }
        if let e = tok.endOfGeneration.subtracting(tok.eos.map { [$0] } ?? []).min() {
            kv.append(("tokenizer.ggml.eot_token_id", .u32(UInt32(e))))
        }
        if let p = tok.padding { kv.append(("tokenizer.ggml.padding_token_id", .u32(UInt32(p)))) }
        if let t = model.template.text { kv.append(("tokenizer.chat_template", .string(t))) }
        return kv
    }
}
