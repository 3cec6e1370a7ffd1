// The training backward pass: from the cross-entropy gradient left in
// acts.dlogits, back through the head, every layer and the embedding,
// adding into the model's gradient buffer (so micro-batches accumulate).

extension TrainModel {
    /// tokens (B·T) as given to the forward that filled `acts`.
    public func backward(tokens: [Int32], acts a: Activations, pool: OpaquePointer?) {
        let s = shape, N = a.N, C = s.dim, Q = s.qDim, KV = s.kvDim, F = s.ffnDim
        let dres = a.dres.pointer, dln = a.dln.pointer
        // ── head ──
        linearBackward(pool, dX: dln, dW: weightGrad(headName), db: nil, a.dlogits.pointer, a.lnf.pointer, param(headName),
                       N: N, I: C, O: s.vocab, accumulateDX: false)                               // dln (N, C)
        dres.update(repeating: 0, count: N * C)
        rmsnormBackward(dres, grad("output_norm.weight"), dln, a.residual.pointer + s.nLayers * N * C,
                        param("output_norm.weight"), a.rstdf.pointer, N: N, C: C)                 // dres (N, C)
        for l in stride(from: s.nLayers - 1, through: 0, by: -1) {
            let p = "blk.\(l).", x = a.residual.pointer + l * N * C
            let ln1 = a.ln1.pointer + l * N * C, ln2 = a.ln2.pointer + l * N * C
            let q = a.q.pointer + l * N * Q, k = a.k.pointer + l * N * KV, v = a.v.pointer + l * N * KV
            let att = a.att.pointer + l * N * Q, mid = a.mid.pointer + l * N * C
            let g = a.gate.pointer + l * N * F, u = a.up.pointer + l * N * F, h = a.act.pointer + l * N * F
            // ── feed-forward: residual[l+1] = mid + down(silu(gate(ln2)) ⊙ up(ln2)) ──
            linearBackward(pool, dX: a.dact.pointer, dW: weightGrad(p + "ffn_down.weight"), db: nil, dres, h,
                           param(p + "ffn_down.weight"), N: N, I: F, O: C, accumulateDX: false)   // dact (N, F)
            lora?.backward(.down, layer: l, pool, dX: a.dact.pointer, dY: dres, x: h, N: N)
            swigluBackward(a.dgate.pointer, a.dup.pointer, a.dact.pointer, g, u, n: N * F, pool: pool)
            linearBackward(pool, dX: dln, dW: weightGrad(p + "ffn_gate.weight"), db: nil, a.dgate.pointer, ln2,
                           param(p + "ffn_gate.weight"), N: N, I: C, O: F, accumulateDX: false)
            lora?.backward(.gate, layer: l, pool, dX: dln, dY: a.dgate.pointer, x: ln2, N: N)
            linearBackward(pool, dX: dln, dW: weightGrad(p + "ffn_up.weight"), db: nil, a.dup.pointer, ln2,
                           param(p + "ffn_up.weight"), N: N, I: C, O: F, accumulateDX: true)      // dln (N, C)
            lora?.backward(.up, layer: l, pool, dX: dln, dY: a.dup.pointer, x: ln2, N: N)
            rmsnormBackward(dres, grad(p + "ffn_norm.weight"), dln, mid, param(p + "ffn_norm.weight"),
                            a.rstd2.pointer + l * N, N: N, C: C)                                  // dres = d mid
            // ── attention: mid = x + W_o · attention(rope(q), rope(k), v) ──
            linearBackward(pool, dX: a.datt.pointer, dW: weightGrad(p + "attn_output.weight"), db: nil, dres, att,
                           param(p + "attn_output.weight"), N: N, I: Q, O: C, accumulateDX: false) // datt (N, H·D)
            lora?.backward(.o, layer: l, pool, dX: a.datt.pointer, dY: dres, x: att, N: N)
            attentionBackward(pool, dq: a.dq.pointer, dk: a.dk.pointer, dv: a.dv.pointer, dout: a.datt.pointer,
                              probs: a.probs.pointer + l * a.B * s.nHeads * a.T * a.T, q: q, k: k, v: v,
                              B: a.B, T: a.T, H: s.nHeads, Hkv: s.nKVHeads, D: s.headDim)
            ropeApply(a.dq.pointer, N: N, T: a.T, heads: s.nHeads, D: s.headDim, table: a.rope, neox: s.ropeNeox, inverse: true)
            ropeApply(a.dk.pointer, N: N, T: a.T, heads: s.nKVHeads, D: s.headDim, table: a.rope, neox: s.ropeNeox, inverse: true)
            linearBackward(pool, dX: dln, dW: weightGrad(p + "attn_q.weight"), db: biasGrad(p + "attn_q.bias"), a.dq.pointer, ln1,
                           param(p + "attn_q.weight"), N: N, I: C, O: Q, accumulateDX: false)
            lora?.backward(.q, layer: l, pool, dX: dln, dY: a.dq.pointer, x: ln1, N: N)
            linearBackward(pool, dX: dln, dW: weightGrad(p + "attn_k.weight"), db: biasGrad(p + "attn_k.bias"), a.dk.pointer, ln1,
                           param(p + "attn_k.weight"), N: N, I: C, O: KV, accumulateDX: true)
            lora?.backward(.k, layer: l, pool, dX: dln, dY: a.dk.pointer, x: ln1, N: N)
            linearBackward(pool, dX: dln, dW: weightGrad(p + "attn_v.weight"), db: biasGrad(p + "attn_v.bias"), a.dv.pointer, ln1,
                           param(p + "attn_v.weight"), N: N, I: C, O: KV, accumulateDX: true)
            lora?.backward(.v, layer: l, pool, dX: dln, dY: a.dv.pointer, x: ln1, N: N)
            rmsnormBackward(dres, grad(p + "attn_norm.weight"), dln, x, param(p + "attn_norm.weight"),
                            a.rstd1.pointer + l * N, N: N, C: C)                                  // dres = d x
        }
        embeddingBackward(grad("token_embd.weight"), dres, tokens: tokens, C: C)
    }
}
