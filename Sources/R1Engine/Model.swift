// Model definition for the `llama` (SmolLM2) and `qwen2` (Qwen2.5) architectures:
// hyper-parameters and weights taken by GGUF tensor name from a TensorSource (a
// GGUF file or a Hugging Face safetensors folder), pointed into the mapped file
// and kept in their stored type (quantized blocks, F16, BF16 or F32).

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
    /// Where the weights live (a GGUF file or a safetensors folder); kept alive
    /// because the weights point into its mapped memory.
    public let source: TensorSource
    public let tokenEmbedding: Weight     // (V, C)
    public let output: Weight             // (V, C); the embedding when tied
    public let outputNorm: [Float]        // (C)
    public let layers: [LayerWeights]
    public var tiedEmbeddings: Bool { output.data == tokenEmbedding.data }
    /// Bytes on disk of the weights' file(s).
    public var fileBytes: Int { source.fileBytes }

    /// A GGUF file or a Hugging Face model folder.
    public convenience init(path: String) throws { self.init(loaded: try LocalModel(path: path).transformer) }
    private init(loaded t: Transformer) {
        config = t.config; source = t.source; tokenEmbedding = t.tokenEmbedding; output = t.output
        outputNorm = t.outputNorm; layers = t.layers
    }

    public convenience init(gguf: GGUFFile) throws {
        try self.init(config: ModelConfig(gguf: gguf), tensors: GGUFTensorSource(gguf))
    }

    /// Takes every weight by GGUF name from `tensors`. `config.vocab` must equal the
    /// embedding's row count; `tiedEmbeddings` uses the embedding as the LM head
    /// even when the source also holds an output matrix.
    public init(config cfg: ModelConfig, tensors src: TensorSource, tiedEmbeddings tied: Bool? = nil) throws {
        config = cfg
        source = src
        let dim = cfg.dim
        func need(_ name: String) throws -> TensorView {
            guard let t = try src.tensor(name) else { throw EngineError("tensor \(src.sourceName(name)) missing from \(src.origin)") }
            return t
        }
        func weight(_ name: String, rows: Int, cols: Int) throws -> Weight {
            let t = try need(name)
            guard t.shape.count == 2, t.shape[0] == cols, t.shape[1] == rows else {
                throw EngineError("tensor \(t.name): shape \(Array(t.shape.reversed())), expected [\(rows), \(cols)]")
            }
            guard r1k_type_supported(t.type) != 0 else { throw EngineError("tensor \(t.name): type \(ggmlTypeName(t.type)) is not supported") }
            return Weight(data: t.data, type: t.type, rows: rows, cols: cols)
        }
        func vector(_ name: String, _ n: Int) throws -> [Float] {
            let t = try need(name)
            guard t.elementCount == n else { throw EngineError("tensor \(t.name): \(t.elementCount) elements, expected \(n)") }
            return try t.floats()
        }
        func optVector(_ name: String, _ n: Int) throws -> [Float]? { try src.tensor(name) == nil ? nil : try vector(name, n) }

        tokenEmbedding = try weight("token_embd.weight", rows: cfg.vocab, cols: dim)
        let untied = tied == true ? nil : try src.tensor("output.weight")
        if tied == false && untied == nil { throw EngineError("tensor \(src.sourceName("output.weight")) missing from \(src.origin) (embeddings are not tied)") }
        output = untied != nil ? try weight("output.weight", rows: cfg.vocab, cols: dim) : tokenEmbedding
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

extension ModelConfig {
    /// Hyper-parameters from GGUF metadata (`<arch>.*` keys); the vocab is the
    /// embedding's row count. llama GGUF files store Q/K rows for adjacent-pair RoPE.
    public init(gguf: GGUFFile) throws {
        guard let arch = gguf["general.architecture"]?.string else { throw EngineError("GGUF has no general.architecture") }
        guard Self.supportedArchitectures.contains(arch) else { throw EngineError("architecture '\(arch)' is not supported (llama, qwen2)") }
        func int(_ k: String, _ def: Int? = nil) throws -> Int {
            if let v = gguf["\(arch).\(k)"]?.int { return v }
            if let d = def { return d }
            throw EngineError("GGUF metadata \(arch).\(k) missing")
        }
        func real(_ k: String, _ def: Double) -> Double { gguf["\(arch).\(k)"]?.double ?? def }
        guard let emb = gguf.tensor("token_embd.weight"), emb.shape.count == 2 else { throw EngineError("tensor token_embd.weight missing") }
        let dim = try int("embedding_length"), nHeads = try int("attention.head_count")
        guard nHeads > 0, dim % nHeads == 0 else { throw EngineError("embedding_length \(dim) not divisible by head_count \(nHeads)") }
        let headDim = try int("attention.key_length", dim / nHeads)
        self = try .checked(arch: arch, nLayers: int("block_count"), dim: dim, nHeads: nHeads,
                      nKVHeads: int("attention.head_count_kv", nHeads), headDim: headDim,
                      ffnDim: int("feed_forward_length"), vocab: emb.shape[1], contextLength: int("context_length", 2048),
                      ropeTheta: Float(real("rope.freq_base", 10000)), ropeDim: int("rope.dimension_count", headDim),
                      rmsEps: Float(real("attention.layer_norm_rms_epsilon", 1e-5)), ropeNeox: arch == "qwen2")
    }

    public static let supportedArchitectures = ["llama", "qwen2"]

    /// Checks the shape relations the forward pass relies on.
    static func checked(arch: String, nLayers: Int, dim: Int, nHeads: Int, nKVHeads: Int, headDim: Int, ffnDim: Int, vocab: Int,
                        contextLength: Int, ropeTheta: Float, ropeDim: Int, rmsEps: Float, ropeNeox: Bool) throws -> ModelConfig {
        for (name, v) in [("layers", nLayers), ("hidden size", dim), ("heads", nHeads), ("head dim", headDim),
                          ("FFN size", ffnDim), ("vocab", vocab), ("context length", contextLength)] where v <= 0 || v > 1 << 24 {
            throw EngineError("model \(name) \(v) is out of range")
        }
        guard nKVHeads > 0, nHeads % nKVHeads == 0 else { throw EngineError("head count \(nHeads) is not a multiple of kv head count \(nKVHeads)") }
        guard ropeTheta.isFinite, ropeTheta > 0, rmsEps.isFinite, rmsEps >= 0 else { throw EngineError("bad rope theta \(ropeTheta) or RMS eps \(rmsEps)") }
        return ModelConfig(arch: arch, nLayers: nLayers, dim: dim, nHeads: nHeads, nKVHeads: nKVHeads, headDim: headDim, ffnDim: ffnDim,
                  vocab: vocab, contextLength: contextLength, ropeTheta: ropeTheta,
                  ropeDim: ropeDim > headDim || ropeDim <= 0 || ropeDim % 2 != 0 ? headDim : ropeDim,
                  rmsEps: rmsEps, ropeNeox: ropeNeox)
    }
}
