// The training forward pass of the llama / qwen2 model over a (B, T) batch,
// keeping every activation the backward pass needs (see Activations).

extension TrainModel {
    /// tokens (B·T), row-major by sequence. Leaves logits (B·T, V) in acts.logits.
    public func forward(tokens: [Int32], acts a: Activations, pool: OpaquePointer?) {
        let s = shape, N = a.N, C = s.dim, Q = s.qDim, KV = s.kvDim, F = s.ffnDim
        precondition(tokens.count == N, "forward: \(tokens.count) tokens for B·T = \(N)")
        precondition(tokens.allSatisfy { $0 >= 0 && Int($0) < s.vocab }, "forward: token id out of range")
        embeddingForward(a.residual.pointer, param("token_embd.weight"), tokens: tokens, C: C)     // x (N, C)
        for l in 0..<s.nLayers {
            let p = "blk.\(l).", x = a.residual.pointer + l * N * C
            let ln1 = a.ln1.pointer + l * N * C, ln2 = a.ln2.pointer + l * N * C
            let q = a.q.pointer + l * N * Q, k = a.k.pointer + l * N * KV, v = a.v.pointer + l * N * KV
            let att = a.att.pointer + l * N * Q, mid = a.mid.pointer + l * N * C
            let g = a.gate.pointer + l * N * F, u = a.up.pointer + l * N * F, h = a.act.pointer + l * N * F
            // ── attention ──
            rmsnormForward(ln1, a.rstd1.pointer + l * N, x, param(p + "attn_norm.weight"), N: N, C: C, eps: s.rmsEps)
            linearForward(pool, q, ln1, param(p + "attn_q.weight"), bias(p + "attn_q.bias"), N: N, I: C, O: Q)
            lora?.forward(.q, layer: l, pool, y: q, x: ln1, N: N)
            linearForward(pool, k, ln1, param(p + "attn_k.weight"), bias(p + "attn_k.bias"), N: N, I: C, O: KV)
            lora?.forward(.k, layer: l, pool, y: k, x: ln1, N: N)
            linearForward(pool, v, ln1, param(p + "attn_v.weight"), bias(p + "attn_v.bias"), N: N, I: C, O: KV)
            lora?.forward(.v, layer: l, pool, y: v, x: ln1, N: N)
            ropeApply(q, N: N, T: a.T, heads: s.nHeads, D: s.headDim, table: a.rope, neox: s.ropeNeox, inverse: false)
            ropeApply(k, N: N, T: a.T, heads: s.nKVHeads, D: s.headDim, table: a.rope, neox: s.ropeNeox, inverse: false)
            attentionForward(pool, out: att, probs: a.probs.pointer + l * a.B * s.nHeads * a.T * a.T, q: q, k: k, v: v,
                             B: a.B, T: a.T, H: s.nHeads, Hkv: s.nKVHeads, D: s.headDim)            // att (N, H·D)
            linearForward(pool, mid, att, param(p + "attn_output.weight"), nil, N: N, I: Q, O: C)
            lora?.forward(.o, layer: l, pool, y: mid, x: att, N: N)
            for i in 0..<(N * C) { mid[i] += x[i] }                                               // mid (N, C)
            // ── feed-forward ──
            rmsnormForward(ln2, a.rstd2.pointer + l * N, mid, param(p + "ffn_norm.weight"), N: N, C: C, eps: s.rmsEps)
            linearForward(pool, g, ln2, param(p + "ffn_gate.weight"), nil, N: N, I: C, O: F)
            lora?.forward(.gate, layer: l, pool, y: g, x: ln2, N: N)
            linearForward(pool, u, ln2, param(p + "ffn_up.weight"), nil, N: N, I: C, O: F)
            lora?.forward(.up, layer: l, pool, y: u, x: ln2, N: N)
            swigluForward(h, g, u, n: N * F, pool: pool)                                          // h (N, F)
            let out = a.residual.pointer + (l + 1) * N * C
            linearForward(pool, out, h, param(p + "ffn_down.weight"), nil, N: N, I: F, O: C)
            lora?.forward(.down, layer: l, pool, y: out, x: h, N: N)
            for i in 0..<(N * C) { out[i] += mid[i] }
        }
        let xL = a.residual.pointer + s.nLayers * N * C
        rmsnormForward(a.lnf.pointer, a.rstdf.pointer, xL, param("output_norm.weight"), N: N, C: C, eps: s.rmsEps)
        linearForward(pool, a.logits.pointer, a.lnf.pointer, param(headName), nil, N: N, I: C, O: s.vocab)
    }

    /// The masked cross-entropy of the last forward: returns Σ mask·loss and leaves
    /// its gradient scaled by 1/denominator for `backward` (in place of the logits).
    /// targets, mask (B·T).
    public func crossEntropy(targets: [Int32], mask: [Float], denominator: Double, acts a: Activations,
                             pool: OpaquePointer? = nil) -> Double {
        precondition(targets.count == a.N && mask.count == a.N)
        return crossEntropyForwardBackward(a.dlogits.pointer, a.logits.pointer, targets: targets, mask: mask,
                                           denominator: denominator, V: shape.vocab, pool: pool)
    }

    func bias(_ name: String) -> UnsafeMutablePointer<Float>? { layout[name] == nil ? nil : param(name) }
    func biasGrad(_ name: String) -> UnsafeMutablePointer<Float>? { layout[name] == nil ? nil : grad(name) }
}
