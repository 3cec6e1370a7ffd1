// The forward pass (llama / qwen2) over plain buffers, with shapes in comments.
// Letters: T tokens in this call, C hidden, H/Hkv heads, D head dim, F FFN, V vocab.
// With int8 activations (the default precision) Q4_0/Q4_1/Q8_0 weights run on
// the packed integer kernels for any T: prefill as tiles of 16 rows × 8 tokens,
// decode and batched decode as the same tiles with fewer tokens, Q·K·V and
// gate·up(+SwiGLU) each fused into one pool job. With .f32, prefill runs the tiled
// f32 matmul on dequantized weights and decode the fused dequantize-and-dot.

import R1Kernels

/// Keys and values of every layer for positions 0 ..< count.
public final class KVCache: @unchecked Sendable {
    public let capacity: Int
    public let nLayers: Int
    public let kvDim: Int
    public private(set) var count = 0
    let k: UnsafeMutablePointer<Float>   // (L, capacity, Hkv·D)
    let v: UnsafeMutablePointer<Float>   // (L, capacity, Hkv·D)

    public init(config: ModelConfig, capacity: Int) {
        self.capacity = capacity; nLayers = config.nLayers; kvDim = config.kvDim
        let n = nLayers * capacity * kvDim
        k = .allocate(capacity: max(n, 1)); v = .allocate(capacity: max(n, 1))
    }
    deinit { k.deallocate(); v.deallocate() }
    func kLayer(_ l: Int) -> UnsafeMutablePointer<Float> { k + l * capacity * kvDim }
    func vLayer(_ l: Int) -> UnsafeMutablePointer<Float> { v + l * capacity * kvDim }
    /// Forgets positions ≥ n (keeps a shared prefix).
    public func truncate(to n: Int) { count = min(count, max(0, n)) }
    func advance(_ n: Int) { count += n }
}

public enum Precision: Sendable { case int8Activations, f32 }

/// Scratch buffers for up to `capacity` tokens per call. After a forward, `x` holds
/// the final residual stream (T, C) — before output_norm — for callers that need it.
public final class ForwardScratch {
    public let capacity: Int
    public let x, xb, q, k, v, att, g, u: UnsafeMutablePointer<Float>
    public init(config c: ModelConfig, capacity: Int) {
        self.capacity = capacity
        func a(_ n: Int) -> UnsafeMutablePointer<Float> { .allocate(capacity: n * capacity) }
        x = a(c.dim); xb = a(c.dim); q = a(c.qDim); k = a(c.kvDim); v = a(c.kvDim); att = a(c.qDim)
        g = a(c.ffnDim); u = a(c.ffnDim)
    }
    deinit { for p in [x, xb, q, k, v, att, g, u] { p.deallocate() } }
}

/// Y (T, rows) = X (T, cols) · Wᵀ. Int8 precision with a packed weight: the packed
/// integer kernels (the same bits for any T, so prefill, decode and batched decode
/// agree); otherwise f32 activations (fused dequantize-and-dot for one token, tiled
/// f32 matmul for several) or the generic int8 matvec.
/// batched: the T rows are independent sequences (batched decode), so unpacked weights
/// take the per-row decode kernels (see linearBatch) rather than the prefill matmul.
@inline(__always)
func linear(_ pool: OpaquePointer?, _ w: Weight, _ X: UnsafePointer<Float>, _ T: Int, _ Y: UnsafeMutablePointer<Float>,
            precision: Precision, batched: Bool = false) {
    if precision == .int8Activations, let p = w.packed {
        var op = r1k_pk_op(w: p, y: Y, ldy: Int64(w.rows), up: nil)
        r1k_pk_run(pool, X, Int64(T), &op, 1)
    } else if batched {
        linearBatch(pool, w, X, T, Y, precision: precision)
    } else if T == 1 {
        r1k_matvec(pool, w.type, w.data, Int64(w.rows), Int64(w.cols), X, Y, precision == .int8Activations ? 1 : 0)
    } else {
        r1k_matmul(pool, w.type, w.data, Int64(w.rows), Int64(w.cols), X, Int64(T), Y)
    }
}

/// q (T, H·D), k, v (T, Hkv·D) = X (T, C) · W{q,k,v}ᵀ — one pool job when all three are packed.
@inline(__always)
func linearQKV(_ pool: OpaquePointer?, _ L: LayerWeights, _ X: UnsafePointer<Float>, _ T: Int,
               q: UnsafeMutablePointer<Float>, k: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
               precision: Precision, batched: Bool = false) {
    if precision == .int8Activations, let pq = L.wq.packed, let pk = L.wk.packed, let pv = L.wv.packed {
        var ops = (r1k_pk_op(w: pq, y: q, ldy: Int64(L.wq.rows), up: nil),
                   r1k_pk_op(w: pk, y: k, ldy: Int64(L.wk.rows), up: nil),
                   r1k_pk_op(w: pv, y: v, ldy: Int64(L.wv.rows), up: nil))
        _ = withUnsafePointer(to: &ops) { $0.withMemoryRebound(to: r1k_pk_op.self, capacity: 3) { r1k_pk_run(pool, X, Int64(T), $0, 3) } }
    } else {
        linear(pool, L.wq, X, T, q, precision: precision, batched: batched)
        linear(pool, L.wk, X, T, k, precision: precision, batched: batched)
        linear(pool, L.wv, X, T, v, precision: precision, batched: batched)
    }
}

/// out (T, F) = silu(X · gateᵀ) ⊙ (X · upᵀ) — one pool job with SwiGLU fused when both are packed.
@inline(__always)
func linearSwiGLU(_ pool: OpaquePointer?, _ L: LayerWeights, _ X: UnsafePointer<Float>, _ T: Int,
                  out: UnsafeMutablePointer<Float>, scratch u: UnsafeMutablePointer<Float>, precision: Precision,
                  batched: Bool = false) {
    if precision == .int8Activations, let pg = L.gate.packed, let pu = L.up.packed {
        var op = r1k_pk_op(w: pg, y: out, ldy: Int64(L.gate.rows), up: pu)
        r1k_pk_run(pool, X, Int64(T), &op, 1)
    } else {
        linear(pool, L.gate, X, T, out, precision: precision, batched: batched)
        linear(pool, L.up, X, T, u, precision: precision, batched: batched)
        r1k_swiglu(out, out, u, Int64(T * L.gate.rows))
    }
}

@inline(__always)
func addBias(_ y: UnsafeMutablePointer<Float>, _ b: [Float]?, rows: Int, T: Int) {
    guard let b else { return }
    for t in 0..<T { for i in 0..<rows { y[t * rows + i] += b[i] } }
}

extension Transformer {
    /// Runs T = tokens.count tokens at positions cache.count ..< cache.count + T,
    /// appending their keys/values to the cache. Writes logits (V) for the last
    /// token, or (T, V) for every token when allLogits, into `logits`.
    public func forward(tokens: [Int32], cache: KVCache, scratch s: ForwardScratch, pool: OpaquePointer?,
                 precision: Precision, allLogits: Bool, logits: UnsafeMutablePointer<Float>) {
        let c = config, T = tokens.count, pos0 = cache.count
        precondition(T > 0 && T <= s.capacity && pos0 + T <= cache.capacity)
        let C = c.dim, KV = c.kvDim, Q = c.qDim

        // x (T, C) = embedding rows
        let embRowBytes = tokenEmbedding.rowBytes
        for t in 0..<T {
            let id = Int(tokens[t])
            precondition(id >= 0 && id < c.vocab, "token id \(id) out of range")
            r1k_dequantize_row(tokenEmbedding.type, tokenEmbedding.data + id * embRowBytes, s.x + t * C, Int64(C))
        }
        for (l, L) in layers.enumerated() {
            // ── attention ──
            for t in 0..<T { r1k_rmsnorm(s.xb + t * C, s.x + t * C, L.attnNorm, Int64(C), c.rmsEps) }  // xb (T, C)
            linearQKV(pool, L, s.xb, T, q: s.q, k: s.k, v: s.v, precision: precision)                  // q (T, H·D), k, v (T, Hkv·D)
            addBias(s.q, L.bq, rows: Q, T: T); addBias(s.k, L.bk, rows: KV, T: T); addBias(s.v, L.bv, rows: KV, T: T)
            let neox: Int32 = c.ropeNeox ? 1 : 0
            for t in 0..<T {
                r1k_rope(s.q + t * Q, Int32(c.nHeads), Int32(c.headDim), Int32(c.ropeDim), Int64(pos0 + t), c.ropeTheta, neox)
                r1k_rope(s.k + t * KV, Int32(c.nKVHeads), Int32(c.headDim), Int32(c.ropeDim), Int64(pos0 + t), c.ropeTheta, neox)
            }
            let kc = cache.kLayer(l), vc = cache.vLayer(l)                                             // (capacity, Hkv·D)
            (kc + pos0 * KV).update(from: s.k, count: T * KV)
            (vc + pos0 * KV).update(from: s.v, count: T * KV)
            r1k_attention(pool, s.q, Int64(Q), Int64(T), Int64(pos0), kc, vc, Int64(KV),
                          Int32(c.nHeads), Int32(c.nKVHeads), Int32(c.headDim), s.att, Int64(Q))   // att (T, H·D)
            linear(pool, L.wo, s.att, T, s.xb, precision: precision)                                   // xb (T, C)
            for i in 0..<(T * C) { s.x[i] += s.xb[i] }
            // ── feed-forward (SwiGLU) ──
            for t in 0..<T { r1k_rmsnorm(s.xb + t * C, s.x + t * C, L.ffnNorm, Int64(C), c.rmsEps) }
            linearSwiGLU(pool, L, s.xb, T, out: s.g, scratch: s.u, precision: precision)               // g (T, F) = silu(gate) ⊙ up
            linear(pool, L.down, s.g, T, s.xb, precision: precision)                                   // xb (T, C)
            for i in 0..<(T * C) { s.x[i] += s.xb[i] }
        }
        cache.advance(T)
        // ── head ──
        let first = allLogits ? 0 : T - 1, n = T - first
        for t in first..<T { r1k_rmsnorm(s.xb + (t - first) * C, s.x + t * C, outputNorm, Int64(C), c.rmsEps) }
        linear(pool, output, s.xb, n, logits, precision: precision)                                   // logits (n, V)
    }
}

/// Y (B, rows) = X (B, cols) · Wᵀ, one row per independent sequence (batched decode).
/// int8: the single-token kernels row by row (bit-identical to unbatched decode);
/// f32 with B ≥ 4: the tiled matmul of prefill (dequantize once per tile, far faster
/// than B fused dots; equal to unbatched f32 decode up to float rounding).
@inline(__always)
func linearBatch(_ pool: OpaquePointer?, _ w: Weight, _ X: UnsafePointer<Float>, _ B: Int, _ Y: UnsafeMutablePointer<Float>,
                 precision: Precision) {
    if precision == .int8Activations, let p = w.packed {
        var op = r1k_pk_op(w: p, y: Y, ldy: Int64(w.rows), up: nil)
        r1k_pk_run(pool, X, Int64(B), &op, 1)
    } else if precision == .f32 && B >= 4 {
        r1k_matmul(pool, w.type, w.data, Int64(w.rows), Int64(w.cols), X, Int64(B), Y)
    } else {
        r1k_matvec_batch(pool, w.type, w.data, Int64(w.rows), Int64(w.cols), X, Int64(B), Y, precision == .int8Activations ? 1 : 0)
    }
}

extension Transformer {
    /// One decode step for B = tokens.count independent sequences: token b is appended
    /// to caches[b] at position caches[b].count. Each weight row is read once for all B
    /// sequences; with int8 activations the results equal B separate single-token
    /// forwards bit for bit (f32: up to float rounding, see linearBatch).
    /// logits (B, V).
    public func forwardBatch(tokens: [Int32], caches: [KVCache], scratch s: ForwardScratch, pool: OpaquePointer?,
                      precision: Precision, logits: UnsafeMutablePointer<Float>) {
        let c = config, B = tokens.count
        precondition(B > 0 && B <= s.capacity && caches.count == B)
        let C = c.dim, KV = c.kvDim, Q = c.qDim
        let embRowBytes = tokenEmbedding.rowBytes
        for b in 0..<B {
            precondition(caches[b].count < caches[b].capacity)
            r1k_dequantize_row(tokenEmbedding.type, tokenEmbedding.data + Int(tokens[b]) * embRowBytes, s.x + b * C, Int64(C))
        }
        let neox: Int32 = c.ropeNeox ? 1 : 0
        // Per sequence: its position and this layer's cache rows, for one attention job over all B.
        let pos = UnsafeMutablePointer<Int64>.allocate(capacity: B)
        let kRows = UnsafeMutablePointer<UnsafePointer<Float>?>.allocate(capacity: B)
        let vRows = UnsafeMutablePointer<UnsafePointer<Float>?>.allocate(capacity: B)
        defer { pos.deallocate(); kRows.deallocate(); vRows.deallocate() }
        for b in 0..<B { pos[b] = Int64(caches[b].count) }
        for (l, L) in layers.enumerated() {
            for b in 0..<B { r1k_rmsnorm(s.xb + b * C, s.x + b * C, L.attnNorm, Int64(C), c.rmsEps) }     // xb (B, C)
            linearQKV(pool, L, s.xb, B, q: s.q, k: s.k, v: s.v, precision: precision, batched: true)         // q (B, H·D), k, v (B, Hkv·D)
            addBias(s.q, L.bq, rows: Q, T: B); addBias(s.k, L.bk, rows: KV, T: B); addBias(s.v, L.bv, rows: KV, T: B)
            for b in 0..<B {
                let p = Int(pos[b])
                r1k_rope(s.q + b * Q, Int32(c.nHeads), Int32(c.headDim), Int32(c.ropeDim), pos[b], c.ropeTheta, neox)
                r1k_rope(s.k + b * KV, Int32(c.nKVHeads), Int32(c.headDim), Int32(c.ropeDim), pos[b], c.ropeTheta, neox)
                let kc = caches[b].kLayer(l), vc = caches[b].vLayer(l)                                     // (capacity, Hkv·D)
                (kc + p * KV).update(from: s.k + b * KV, count: KV)
                (vc + p * KV).update(from: s.v + b * KV, count: KV)
                kRows[b] = UnsafePointer(kc); vRows[b] = UnsafePointer(vc)
            }
            r1k_attention_batch(pool, s.q, Int64(Q), Int64(B), pos, kRows, vRows, Int64(KV),                   // att (B, H·D)
                                Int32(c.nHeads), Int32(c.nKVHeads), Int32(c.headDim), s.att, Int64(Q))
            linearBatch(pool, L.wo, s.att, B, s.xb, precision: precision)                                   // xb (B, C)
            for i in 0..<(B * C) { s.x[i] += s.xb[i] }
            for b in 0..<B { r1k_rmsnorm(s.xb + b * C, s.x + b * C, L.ffnNorm, Int64(C), c.rmsEps) }
            linearSwiGLU(pool, L, s.xb, B, out: s.g, scratch: s.u, precision: precision, batched: true)    // g (B, F) = silu(gate) ⊙ up
            linearBatch(pool, L.down, s.g, B, s.xb, precision: precision)                                   // xb (B, C)
            for i in 0..<(B * C) { s.x[i] += s.xb[i] }
        }
        for b in 0..<B { caches[b].advance(1) }
        for b in 0..<B { r1k_rmsnorm(s.xb + b * C, s.x + b * C, outputNorm, Int64(C), c.rmsEps) }
        linearBatch(pool, output, s.xb, B, logits, precision: precision)                                    // logits (B, V)
    }
}

extension KVCache {
    /// Copies positions 0 ..< n of every layer from `other` (a shared prompt prefix).
    public func copyPrefix(from other: KVCache, count n: Int) {
        precondition(n <= other.count && n <= capacity && kvDim == other.kvDim && nLayers == other.nLayers)
        for l in 0..<nLayers {
            kLayer(l).update(from: other.kLayer(l), count: n * kvDim)
            vLayer(l).update(from: other.vLayer(l), count: n * kvDim)
        }
        truncate(to: 0)
        advance(n)
    }
}
