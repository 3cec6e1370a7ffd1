// The activation arena for one (B, T) batch: everything the forward pass keeps
// for the backward pass, per layer, plus gradient scratch reused across layers.
// N = B·T rows; letters as in TrainShape.

public final class Activations: @unchecked Sendable {
    public let B: Int, T: Int
    var N: Int { B * T }
    let residual: FloatBuffer     // (L+1, N, C) input of each layer, then the final stream
    let ln1, ln2: FloatBuffer     // (L, N, C) normed inputs of attention / FFN
    let rstd1, rstd2: FloatBuffer // (L, N)
    let q: FloatBuffer            // (L, N, H·D) after RoPE
    let k, v: FloatBuffer         // (L, N, Hkv·D), k after RoPE
    let probs: FloatBuffer        // (L, B, H, T, T) softmax of attention
    let att: FloatBuffer          // (L, N, H·D) attention output before W_o
    let mid: FloatBuffer          // (L, N, C) residual after attention
    let gate, up, act: FloatBuffer // (L, N, F); act = silu(gate) ⊙ up
    let lnf: FloatBuffer          // (N, C) after output_norm
    let rstdf: FloatBuffer        // (N)
    public let logits: FloatBuffer // (N, V)
    // gradient scratch
    let dres: FloatBuffer         // (N, C) gradient of the residual stream
    let dln: FloatBuffer          // (N, C)
    let dq, datt: FloatBuffer     // (N, H·D)
    let dk, dv: FloatBuffer       // (N, Hkv·D)
    let dgate, dup, dact: FloatBuffer // (N, F)
    /// (N, V) the gradient of the logits, written over them by the cross-entropy.
    var dlogits: FloatBuffer { logits }
    let rope: RopeTable

    public init(shape s: TrainShape, B: Int, T: Int) {
        self.B = B; self.T = T
        let N = B * T, L = s.nLayers, C = s.dim, Q = s.qDim, KV = s.kvDim, F = s.ffnDim
        func buf(_ n: Int) -> FloatBuffer { FloatBuffer(count: n) }
        residual = buf((L + 1) * N * C)
        ln1 = buf(L * N * C); ln2 = buf(L * N * C); rstd1 = buf(L * N); rstd2 = buf(L * N)
        q = buf(L * N * Q); k = buf(L * N * KV); v = buf(L * N * KV)
        probs = buf(L * B * s.nHeads * T * T); att = buf(L * N * Q); mid = buf(L * N * C)
        gate = buf(L * N * F); up = buf(L * N * F); act = buf(L * N * F)
        lnf = buf(N * C); rstdf = buf(N); logits = buf(N * s.vocab)
        dres = buf(N * C); dln = buf(N * C); dq = buf(N * Q); datt = buf(N * Q); dk = buf(N * KV); dv = buf(N * KV)
        dgate = buf(N * F); dup = buf(N * F); dact = buf(N * F);
        rope = RopeTable(T: T, rotDim: s.ropeDim, theta: s.ropeTheta)
    }

    /// Bytes held by the arena.
    public var byteCount: Int {
        [residual, ln1, ln2, rstd1, rstd2, q, k, v, probs, att, mid, gate, up, act, lnf, rstdf, logits,
         dres, dln, dq, datt, dk, dv, dgate, dup, dact].reduce(0) { $0 + $1.count * 4 }
    }
}
