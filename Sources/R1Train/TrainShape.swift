// The hyper-parameters the training model needs: the engine's ModelConfig plus
// whether the LM head is tied to the embedding and whether Q/K/V carry biases.

import R1Engine

public struct TrainShape: Sendable, Equatable {
    public var arch: String            // "llama" or "qwen2"
    public var nLayers: Int            // L
    public var dim: Int                // C
    public var nHeads: Int             // H
    public var nKVHeads: Int           // Hkv
    public var headDim: Int            // D
    public var ffnDim: Int             // F
    public var vocab: Int              // V
    public var ropeTheta: Float
    public var ropeDim: Int            // rotated dims per head (≤ D, even)
    public var rmsEps: Float
    public var ropeNeox: Bool          // half-split pairs (qwen2) instead of adjacent pairs (llama GGUF)
    public var tiedEmbeddings: Bool    // LM head = token_embd.weight
    public var qkvBias: Bool           // attn_q/k/v.bias present (qwen2)
    public var qDim: Int { nHeads * headDim }
    public var kvDim: Int { nKVHeads * headDim }

    public init(arch: String, nLayers: Int, dim: Int, nHeads: Int, nKVHeads: Int, headDim: Int, ffnDim: Int,
                vocab: Int, ropeTheta: Float = 10000, ropeDim: Int? = nil, rmsEps: Float = 1e-5,
                ropeNeox: Bool? = nil, tiedEmbeddings: Bool = true, qkvBias: Bool? = nil) {
        self.arch = arch; self.nLayers = nLayers; self.dim = dim; self.nHeads = nHeads; self.nKVHeads = nKVHeads
        self.headDim = headDim; self.ffnDim = ffnDim; self.vocab = vocab; self.ropeTheta = ropeTheta
        self.ropeDim = ropeDim ?? headDim; self.rmsEps = rmsEps; self.ropeNeox = ropeNeox ?? (arch == "qwen2")
        self.tiedEmbeddings = tiedEmbeddings; self.qkvBias = qkvBias ?? (arch == "qwen2")
    }

    public init(_ c: ModelConfig, tiedEmbeddings: Bool, qkvBias: Bool) {
        self.init(arch: c.arch, nLayers: c.nLayers, dim: c.dim, nHeads: c.nHeads, nKVHeads: c.nKVHeads,
                  headDim: c.headDim, ffnDim: c.ffnDim, vocab: c.vocab, ropeTheta: c.ropeTheta, ropeDim: c.ropeDim,
                  rmsEps: c.rmsEps, ropeNeox: c.ropeNeox, tiedEmbeddings: tiedEmbeddings, qkvBias: qkvBias)
    }
}
