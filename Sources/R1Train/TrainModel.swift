// A model being trained: fp32 parameters in one flat buffer with a gradient
// buffer of the same layout. Built from fp32 tensors by name (tests, checkpoints)
// or from an engine Transformer, dequantizing its GGUF weights.

import R1Engine
import R1Kernels

public struct TrainError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

public final class TrainModel: @unchecked Sendable {
    public let shape: TrainShape
    public let layout: ParameterLayout
    public let params: FloatBuffer      // (layout.totalCount)
    public let grads: FloatBuffer       // (layout.totalCount), same offsets
    /// When set, only the adapters train: base weights get no gradient and are never updated.
    public var lora: LoRAAdapters?

    /// Every tensor of the layout must be given, with exactly its element count.
    public init(shape: TrainShape, tensors: [String: [Float]]) throws {
        self.shape = shape
        layout = ParameterLayout(shape: shape)
        params = FloatBuffer(count: layout.totalCount)
        grads = FloatBuffer(count: layout.totalCount)
        for t in layout.tensors {
            guard let values = tensors[t.name] else { throw TrainError("tensor \(t.name) missing") }
            guard values.count == t.count else {
                throw TrainError("tensor \(t.name): \(values.count) values, expected \(t.count) for shape \(t.shape)")
            }
            (params.pointer + t.offset).update(from: values, count: t.count)
        }
        let known = Set(layout.tensors.map(\.name))
        if let extra = tensors.keys.sorted().first(where: { !known.contains($0) }) {
            throw TrainError("tensor \(extra) is not part of a \(shape.arch) model of this shape")
        }
    }

    /// Dequantizes every weight of `model` to fp32.
    public init(transformer model: Transformer) throws {
        let tied = model.tiedEmbeddings, bias = model.layers.first?.bq != nil
        shape = TrainShape(model.config, tiedEmbeddings: tied, qkvBias: bias)
        layout = ParameterLayout(shape: shape)
        params = FloatBuffer(count: layout.totalCount)
        grads = FloatBuffer(count: layout.totalCount)
        func putMatrix(_ name: String, _ w: Weight) throws {
            let dst = params.pointer + layout.require(name).offset
            for r in 0..<w.rows {
                guard r1k_dequantize_row(w.type, w.data + r * w.rowBytes, dst + r * w.cols, Int64(w.cols)) == 0 else {
                    throw TrainError("tensor \(name): cannot dequantize type \(ggmlTypeName(w.type))")
                }
            }
        }
        func putVector(_ name: String, _ v: [Float]?) {
            guard let v else { return }
            (params.pointer + layout.require(name).offset).update(from: v, count: v.count)
        }
        try putMatrix("token_embd.weight", model.tokenEmbedding)
        if !tied { try putMatrix("output.weight", model.output) }
        putVector("output_norm.weight", model.outputNorm)
        for (l, L) in model.layers.enumerated() {
            let p = "blk.\(l)."
            putVector(p + "attn_norm.weight", L.attnNorm)
            try putMatrix(p + "attn_q.weight", L.wq); try putMatrix(p + "attn_k.weight", L.wk)
            try putMatrix(p + "attn_v.weight", L.wv); try putMatrix(p + "attn_output.weight", L.wo)
            putVector(p + "attn_q.bias", L.bq); putVector(p + "attn_k.bias", L.bk); putVector(p + "attn_v.bias", L.bv)
            putVector(p + "ffn_norm.weight", L.ffnNorm)
            try putMatrix(p + "ffn_gate.weight", L.gate); try putMatrix(p + "ffn_up.weight", L.up)
            try putMatrix(p + "ffn_down.weight", L.down)
        }
    }

    public func param(_ name: String) -> UnsafeMutablePointer<Float> { params.pointer + layout.require(name).offset }
    public func grad(_ name: String) -> UnsafeMutablePointer<Float> { grads.pointer + layout.require(name).offset }
    /// Copy of one parameter tensor's values.
    public func tensor(_ name: String) -> [Float] {
        let t = layout.require(name)
        return Array(UnsafeBufferPointer(start: params.pointer + t.offset, count: t.count))
    }
    /// Copy of one tensor's gradient.
    public func gradient(_ name: String) -> [Float] {
        let t = layout.require(name)
        return Array(UnsafeBufferPointer(start: grads.pointer + t.offset, count: t.count))
    }
    public func zeroGrads() { grads.zero(); lora?.grads.zero() }
    /// What the optimizer updates: the adapters when attached, else every parameter.
    public var trainableLayout: ParameterLayout { lora?.layout ?? layout }
    public var trainableParams: FloatBuffer { lora?.params ?? params }
    public var trainableGrads: FloatBuffer { lora?.grads ?? grads }
    /// Gradient of a weight matrix, nil when the base weights are frozen.
    func weightGrad(_ name: String) -> UnsafeMutablePointer<Float>? { lora == nil ? grad(name) : nil }
    /// The LM head matrix (V, C): output.weight, or the embedding when tied.
    var headName: String { shape.tiedEmbeddings ? "token_embd.weight" : "output.weight" }
}
