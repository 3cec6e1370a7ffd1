// Tiny random models for the training tests, built in memory, and a minimal GGUF
// writer so the engine's own Transformer can load the same weights.

import Foundation
@testable import R1Train
import R1Engine

/// Test data from R1Train's SplitMix64 generator.
struct TestRNG {
    var source: SplitMix64
    init(seed: UInt64) { source = SplitMix64(state: seed) }
    mutating func next() -> UInt64 { source.next() }
    /// Uniform in [-1, 1).
    mutating func uniform() -> Float { Float(Double(next() >> 11) / Double(1 << 53)) * 2 - 1 }
    mutating func floats(_ n: Int, scale: Float) -> [Float] { (0..<n).map { _ in uniform() * scale } }
    mutating func tokens(_ n: Int, vocab: Int) -> [Int32] { (0..<n).map { _ in Int32(next() % UInt64(vocab)) } }
}

enum Tiny {
    /// llama: adjacent-pair RoPE, no biases; qwen2: half-split RoPE, Q/K/V biases. Both GQA (H = 4, Hkv = 2).
    static func shape(_ arch: String, tied: Bool, dim: Int = 16, ffn: Int = 24, vocab: Int = 32, layers: Int = 2) -> TrainShape {
        TrainShape(arch: arch, nLayers: layers, dim: dim, nHeads: 4, nKVHeads: 2, headDim: dim / 4, ffnDim: ffn,
                   vocab: vocab, ropeTheta: 10000, rmsEps: 1e-5, tiedEmbeddings: tied)
    }

    /// Random weights: matrices ~ U(−s, s) with s = 1/√fan-in (embedding 1), norms around 1.
    static func tensors(_ s: TrainShape, seed: UInt64) -> [String: [Float]] {
        var rng = TestRNG(seed: seed), out: [String: [Float]] = [:]
        for t in ParameterLayout(shape: s).tensors {
            if t.shape.count == 1 {
                out[t.name] = t.name.hasSuffix(".bias") ? rng.floats(t.count, scale: 0.3)
                                                        : rng.floats(t.count, scale: 0.3).map { 1 + $0 }
            } else {
                let scale: Float = t.name.contains("embd") || t.name.hasPrefix("output") ? 1 : 1 / Float(t.shape[1]).squareRoot()
                out[t.name] = rng.floats(t.count, scale: scale * 1.5)
            }
        }
        return out
    }

    static func model(_ arch: String, tied: Bool, seed: UInt64, dim: Int = 16, ffn: Int = 24, vocab: Int = 32) throws -> TrainModel {
        let s = shape(arch, tied: tied, dim: dim, ffn: ffn, vocab: vocab)
        return try TrainModel(shape: s, tensors: tensors(s, seed: seed))
    }
}

/// Writes GGUF v3 bytes holding `model`'s weights as F32 with the metadata the engine reads.
func ggufBytes(of model: TrainModel) -> [UInt8] {
    var out: [UInt8] = []
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
    func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
    func f32(_ v: Float) { u32(v.bitPattern) }
    func str(_ s: String) { u64(UInt64(s.utf8.count)); out += Array(s.utf8) }
    let s = model.shape, a = s.arch
    let ints: [(String, Int)] = [("\(a).embedding_length", s.dim), ("\(a).block_count", s.nLayers),
                                 ("\(a).attention.head_count", s.nHeads), ("\(a).attention.head_count_kv", s.nKVHeads),
                                 ("\(a).feed_forward_length", s.ffnDim), ("\(a).context_length", 256)]
    let floats: [(String, Float)] = [("\(a).rope.freq_base", s.ropeTheta), ("\(a).attention.layer_norm_rms_epsilon", s.rmsEps)]
    let tensors = model.layout.tensors
    out += Array("GGUF".utf8); u32(3); u64(UInt64(tensors.count)); u64(UInt64(1 + ints.count + floats.count))
    str("general.architecture"); u32(8); str(a)
    for (k, v) in ints { str(k); u32(4); u32(UInt32(v)) }
    for (k, v) in floats { str(k); u32(6); f32(v) }
    var offset = 0
    for t in tensors {
        str(t.name); u32(UInt32(t.shape.count))
        for d in t.shape.reversed() { u64(UInt64(d)) }      // GGUF ne order: columns first
        u32(0); u64(UInt64(offset))
        offset += (t.count * 4 + 31) / 32 * 32
    }
    while out.count % 32 != 0 { out.append(0) }
    for t in tensors {
        for x in model.tensor(t.name) { f32(x) }
        while out.count % 32 != 0 { out.append(0) }
    }
    return out
}

/// Engine logits (T, V) of one sequence from an empty cache, precision .f32.
func engineLogits(_ t: Transformer, _ tokens: [Int32]) -> [Float] {
    let cache = KVCache(config: t.config, capacity: tokens.count)
    let scratch = ForwardScratch(config: t.config, capacity: tokens.count)
    var logits = [Float](repeating: 0, count: tokens.count * t.config.vocab)
    logits.withUnsafeMutableBufferPointer {
        t.forward(tokens: tokens, cache: cache, scratch: scratch, pool: nil, precision: .f32, allLogits: true, logits: $0.baseAddress!)
    }
    return logits
}
