// Model definition for the `llama` (SmolLM2) and `qwen2` (Qwen2.5) architectures:
// hyper-parameters from GGUF metadata and weights pointed into the mapped file
// (kept in their quantized form). Names are GGUF tensor names.

import Foundation
import R1Kernels

public struct EngineError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

public struct ModelConfig: Sendable, Equatable {
    public var arch: String
    public var nLayers: Int
    public var dim: Int            // C: hidden size
    public var nHeads: Int         // H
    public var nKVHeads: Int       // Hkv (GQA: query head h reads kv head h / (H / Hkv))
    public var headDim: Int        // D
    public var ffnDim: Int         // F
    public var vocab: Int          // V
    public var contextLength: Int
    public var ropeTheta: Float
    public var ropeDim: Int
    public var rmsEps: Float
    /// Half-split RoPE pairs (NEOX, qwen2) instead of adjacent pairs (llama GGUF).
    public var ropeNeox: Bool
    public var qDim: Int { nHeads * headDim }
    public var kvDim: Int { nKVHeads * headDim }
}

/// A 2-D weight W (rows, cols): `rows` rows of `cols` elements (GGUF ne = [cols, rows]).
public struct Weight: @unchecked Sendable {
    public let data: UnsafeRawPointer
    public let type: Int32
    public let rows: Int
    public let cols: Int
    /// A repacked copy for the int8 kernels, made on first use (PackedWeights.swift).
    let packedBox = PackedWeight()
    public var rowBytes: Int { cols / Int(r1k_block_elems(type)) * Int(r1k_block_bytes(type)) }
}

public struct LayerWeights: @unchecked Sendable {
    public let attnNorm: [Float]          // (C)
    public let wq, wk, wv, wo: Weight     // (H·D, C), (Hkv·D, C), (Hkv·D, C), (C, H·D)
    public let bq, bk, bv: [Float]?       // (H·D), (Hkv·D), (Hkv·D) — qwen2 only
    public let ffnNorm: [Float]           // (C)
    public let gate, up, down: Weight     // (F, C), (F, C), (C, F)
}

public final class Transformer: @unchecked Sendable {
    public let config: ModelConfig
    public let gguf: GGUFFile
    public let tokenEmbedding: Weight     // (V, C)
    public let output: Weight             // (V, C); the embedding when tied
    public let outputNorm: [Float]        // (C)
    public let layers: [LayerWeights]
    public var tiedEmbeddings: Bool { output.data == tokenEmbedding.data }

    public convenience init(path: String) throws { try self.init(gguf: GGUFFile(path: path)) }

    public init(gguf: GGUFFile) throws {
        self.gguf = gguf
        guard let arch = gguf["general.architecture"]?.string else { throw EngineError("GGUF has no general.architecture") }
        guard arch == "llama" || arch == "qwen2" else { throw EngineError("architecture '\(arch)' is not supported (llama, qwen2)") }
        func int(_ k: String, _ def: Int? = nil) throws -> Int {
            if let v = gguf["\(arch).\(k)"]?.int { return v }
            if let d = def { return d }
            throw EngineError("GGUF metadata \(arch).\(k) missing")
        }
        func real(_ k: String, _ def: Double) -> Double { gguf["\(arch).\(k)"]?.double ?? def }
        let dim = try int("embedding_length"), nHeads = try int("attention.head_count")
        guard nHeads > 0, dim % nHeads == 0 else { throw EngineError("embedding_length \(dim) not divisible by head_count \(nHeads)") }
        let nKV = try int("attention.head_count_kv", nHeads)
        guard nKV > 0, nHeads % nKV == 0 else { throw EngineError("head_count \(nHeads) not a multiple of head_count_kv \(nKV)") }
        let headDim = try int("attention.key_length", dim / nHeads)
        guard let emb = gguf.tensor("token_embd.weight"), emb.shape.count == 2 else { throw EngineError("tensor token_embd.weight missing") }
        var cfg = ModelConfig(
            arch: arch, nLayers: try int("block_count"), dim: dim, nHeads: nHeads, nKVHeads: nKV, headDim: headDim,
            ffnDim: try int("feed_forward_length"), vocab: emb.shape[1], contextLength: try int("context_length", 2048),
            ropeTheta: Float(real("rope.freq_base", 10000)), ropeDim: try int("rope.dimension_count", headDim),
            rmsEps: Float(real("attention.layer_norm_rms_epsilon", 1e-5)), ropeNeox: arch == "qwen2")
        if cfg.ropeDim > headDim || cfg.ropeDim % 2 != 0 { cfg.ropeDim = headDim }
        config = cfg

        func weight(_ name: String, rows: Int, cols: Int) throws -> Weight {
            guard let t = gguf.tensor(name) else { throw EngineError("tensor \(name) missing") }
            guard t.shape.count == 2, t.shape[0] == cols, t.shape[1] == rows else {
                throw EngineError("tensor \(name): shape \(t.shape), expected [\(cols), \(rows)]")
            }
            guard r1k_type_supported(t.type) != 0 else { throw EngineError("tensor \(name): type \(ggmlTypeName(t.type)) is not supported") }
            return Weight(data: gguf.data(t), type: t.type, rows: rows, cols: cols)
        }
        func vector(_ name: String, _ n: Int) throws -> [Float] {
            guard let t = gguf.tensor(name) else { throw EngineError("tensor \(name) missing") }
            guard t.elementCount == n else { throw EngineError("tensor \(name): \(t.elementCount) elements, expected \(n)") }
            return try gguf.floats(t)
        }
        func optVector(_ name: String, _ n: Int) throws -> [Float]? { gguf.tensor(name) == nil ? nil : try vector(name, n) }

        tokenEmbedding = try weight("token_embd.weight", rows: cfg.vocab, cols: dim)
        output = gguf.tensor("output.weight") != nil ? try weight("output.weight", rows: cfg.vocab, cols: dim) : tokenEmbedding
        outputNorm = try vector("output_norm.weight", dim)
        var ls: [LayerWeights] = []
        for l in 0..<cfg.nLayers {
            let p = "blk.\(l)."
            ls.append(LayerWeights(
                attnNorm: try vector(p + "attn_norm.weight", dim),
                wq: try weight(p + "attn_q.weight", rows: cfg.qDim, cols: dim),
                wk: try weight(p + "attn_k.weight", rows: cfg.kvDim, cols: dim),
                wv: try weight(p + "attn_v.weight", rows: cfg.kvDim, cols: dim),
                wo: try weight(p + "attn_output.weight", rows: dim, cols: cfg.qDim),
                bq: try optVector(p + "attn_q.bias", cfg.qDim),
                bk: try optVector(p + "attn_k.bias", cfg.kvDim),
                bv: try optVector(p + "attn_v.bias", cfg.kvDim),
                ffnNorm: try vector(p + "ffn_norm.weight", dim),
                gate: try weight(p + "ffn_gate.weight", rows: cfg.ffnDim, cols: dim),
                up: try weight(p + "ffn_up.weight", rows: cfg.ffnDim, cols: dim),
                down: try weight(p + "ffn_down.weight", rows: dim, cols: cfg.ffnDim)))
        }
        layers = ls
    }
}
