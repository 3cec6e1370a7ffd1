// Where each parameter tensor lives in the one flat parameter buffer (and, at the
// same offsets, in the gradient and optimizer-state buffers). Names are GGUF
// tensor names; matrices are (rows, cols) row-major like the GGUF data.

public struct ParameterTensor: Sendable, Equatable {
    public let name: String
    public let shape: [Int]        // [rows, cols] for matrices, [n] for vectors
    public let offset: Int         // in floats
    public var count: Int { shape.reduce(1, *) }
    /// Weight decay applies to matrices only, never to norms or biases.
    public var decays: Bool { shape.count == 2 }
}

public struct ParameterLayout: Sendable {
    public let tensors: [ParameterTensor]
    public let totalCount: Int
    private let index: [String: Int]

    public init(shape s: TrainShape) {
        var entries: [(String, [Int])] = []
        func add(_ name: String, _ dims: [Int]) { entries.append((name, dims)) }
        add("token_embd.weight", [s.vocab, s.dim])
        for l in 0..<s.nLayers {
            let p = "blk.\(l)."
            add(p + "attn_norm.weight", [s.dim])
            add(p + "attn_q.weight", [s.qDim, s.dim])
            add(p + "attn_k.weight", [s.kvDim, s.dim])
            add(p + "attn_v.weight", [s.kvDim, s.dim])
            if s.qkvBias {
                add(p + "attn_q.bias", [s.qDim]); add(p + "attn_k.bias", [s.kvDim]); add(p + "attn_v.bias", [s.kvDim])
            }
            add(p + "attn_output.weight", [s.dim, s.qDim])
            add(p + "ffn_norm.weight", [s.dim])
            add(p + "ffn_gate.weight", [s.ffnDim, s.dim])
            add(p + "ffn_up.weight", [s.ffnDim, s.dim])
            add(p + "ffn_down.weight", [s.dim, s.ffnDim])
        }
        add("output_norm.weight", [s.dim])
        if !s.tiedEmbeddings { add("output.weight", [s.vocab, s.dim]) }
        self.init(entries: entries)
    }

    /// Tensors (name, shape) laid out one after another in the given order.
    public init(entries: [(String, [Int])]) {
        var list: [ParameterTensor] = [], offset = 0
        for (name, dims) in entries {
            list.append(ParameterTensor(name: name, shape: dims, offset: offset))
            offset += dims.reduce(1, *)
        }
        tensors = list
        totalCount = offset
        index = Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1.name, $0) })
    }

    public subscript(name: String) -> ParameterTensor? { index[name].map { tensors[$0] } }

    /// The tensor that must exist (a programming error otherwise).
    public func require(_ name: String) -> ParameterTensor {
        guard let t = self[name] else { preconditionFailure("no parameter \(name)") }
        return t
    }
}
