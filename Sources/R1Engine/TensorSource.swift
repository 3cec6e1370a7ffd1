// Tensors by name, whatever the file: the model asks for GGUF names
// (`blk.3.attn_q.weight`) and each source maps them to its own naming —
// a GGUF file answers directly, a Hugging Face folder translates to
// `model.layers.3.self_attn.q_proj.weight` (HFModel.swift).

import R1Kernels

/// One tensor in place: a pointer into mapped file data (or an aligned copy).
public struct TensorView: @unchecked Sendable {
    /// The name the file uses (for messages).
    public let name: String
    /// ne0-first, GGUF style: shape[0] is the contiguous dimension, so a 2-D
    /// weight (rows, cols) has shape [cols, rows].
    public let shape: [Int]
    /// ggml type id (F32 0, F16 1, BF16 30, or a block-quantized type).
    public let type: Int32
    public let data: UnsafeRawPointer
    public var elementCount: Int { shape.reduce(1, *) }

    /// A view of `data`, which the caller keeps alive as long as the view is used
    /// (tensor sources built in memory, such as the trainer's rollout weights).
    public init(name: String, shape: [Int], type: Int32, data: UnsafeRawPointer) {
        self.name = name; self.shape = shape; self.type = type; self.data = data
    }

    /// The tensor dequantized to f32, in memory order.
    public func floats() throws -> [Float] {
        guard r1k_type_supported(type) != 0 else { throw EngineError("tensor \(name): type \(ggmlTypeName(type)) cannot be dequantized") }
        var out = [Float](repeating: 0, count: elementCount)
        let rc = out.withUnsafeMutableBufferPointer { r1k_dequantize_row(type, data, $0.baseAddress, Int64(elementCount)) }
        guard rc == 0 else { throw EngineError("tensor \(name): dequantization failed") }
        return out
    }
}

/// A by-name tensor store. Sources keep their memory alive as long as they live.
public protocol TensorSource: AnyObject, Sendable {
    /// The tensor with this GGUF name; nil when the file has none. Throws when the
    /// tensor is there but cannot be used (unsupported dtype).
    func tensor(_ ggufName: String) throws -> TensorView?
    /// The file's own name for a GGUF name, for "missing tensor" messages.
    func sourceName(_ ggufName: String) -> String
    /// Where the tensors come from (a path), for messages.
    var origin: String { get }
    /// Bytes on disk of the file(s) behind this source.
    var fileBytes: Int { get }
}

/// A GGUF file as a tensor source: names are already GGUF names.
public final class GGUFTensorSource: TensorSource, @unchecked Sendable {
    public let file: GGUFFile
    public let origin: String
    public init(_ file: GGUFFile, origin: String = "GGUF file") { self.file = file; self.origin = origin }

    public func tensor(_ ggufName: String) throws -> TensorView? {
        guard let t = file.tensor(ggufName) else { return nil }
        return TensorView(name: t.name, shape: t.shape, type: t.type, data: file.data(t))
    }
    public func sourceName(_ ggufName: String) -> String { ggufName }
    public var fileBytes: Int { file.fileSize }
}
