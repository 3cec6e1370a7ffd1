// Shared-prompt batched generation (a GRPO group): prefill the prompt once, copy
// its KV prefix to n sequences, then decode all live sequences together so each
// weight row is read once per step for the whole group. Sample i uses seed
// params.sampling.seed + i; sample i of generateBatch equals generate() with
// that seed token for token (same kernels, same order).

import Foundation

extension Engine {
    public func generateBatch(prompt: [Int32], count n: Int, params: GenerateParams) throws -> [Generation] {
        lock.lock(); defer { lock.unlock() }
        let cfg = model.config, V = cfg.vocab
        guard n >= 1 else { throw EngineError("batch count must be ≥ 1") }
        guard !prompt.isEmpty else { throw EngineError("empty prompt") }
        if let bad = prompt.first(where: { $0 < 0 || Int($0) >= V }) { throw EngineError("prompt token \(bad) out of range (vocab \(V))") }
        let capacity = min(prompt.count + max(params.maxTokens, 0), cfg.contextLength)
        guard prompt.count < capacity || params.maxTokens == 0 else {
            throw EngineError("prompt of \(prompt.count) tokens does not fit the context of \(cfg.contextLength)")
        }
        // Prefill once.
        let shared = KVCache(config: cfg, capacity: prompt.count)
        let chunk = prefillChunk
        let scratch = ForwardScratch(config: cfg, capacity: max(n, min(chunk, prompt.count)))
        var first = [Float](repeating: 0, count: V)
        let t0 = DispatchTime.now().uptimeNanoseconds
        first.withUnsafeMutableBufferPointer { lg in
            var i = 0
            while i < prompt.count {
                let part = Array(prompt[i..<min(i + chunk, prompt.count)])
                model.forward(tokens: part, cache: shared, scratch: scratch, pool: pool, precision: params.precision,
                              allLogits: false, logits: lg.baseAddress!)
                i += part.count
            }
        }
        let t1 = DispatchTime.now().uptimeNanoseconds
        var gens = (0..<n).map { _ in Generation(promptTokens: prompt) }
        for i in 0..<n { gens[i].prefillSeconds = Double(t1 - t0) / 1e9 }
        if params.maxTokens == 0 { return gens }
        let caches = (0..<n).map { _ in KVCache(config: cfg, capacity: capacity) }
        for c in caches { c.copyPrefix(from: shared, count: prompt.count) }
        var samplers = (0..<n).map { i -> Sampler in
            var p = params.sampling; p.seed = params.sampling.seed &+ UInt64(i); return Sampler(p)
        }
        var streams = (0..<n).map { _ in TextStream(stops: params.stopStrings) }
        var logits = [Float](repeating: 0, count: n * V)
        for i in 0..<n { logits.replaceSubrange((i * V)..<((i + 1) * V), with: first) }
        var live = Array(0..<n)   // sequences still generating; row r of `logits` belongs to live[r]
        while !live.isEmpty {
            var next: [Int32] = [], still: [Int] = []
            // Sample every live row on all cores (each sampler has its own seeded stream, so the
            // picks do not depend on the order), then apply stops in order.
            var picks = [(id: Int32, logprob: Float)](repeating: (0, 0), count: live.count)
            logits.withUnsafeBufferPointer { lg in
                picks.withUnsafeMutableBufferPointer { out in
                    samplers.withUnsafeMutableBufferPointer { sm in
                        let ptrs = SendablePointers(logits: lg, picks: out, samplers: sm, live: live)
                        DispatchQueue.concurrentPerform(iterations: live.count) { r in
                            ptrs.picks[r] = ptrs.samplers[ptrs.live[r]].sample(UnsafeBufferPointer(rebasing: ptrs.logits[(r * V)..<((r + 1) * V)]))
                        }
                    }
                }
            }
            for (r, i) in live.enumerated() {
                let (id, lp) = picks[r]
                gens[i].tokens.append(id); gens[i].logprobs.append(lp)
                var done = false
                if params.stopAtEndOfGeneration && tokenizer.endOfGeneration.contains(id) {
                    gens[i].finishReason = .endOfGeneration; done = true
                } else if streams[i].push(tokenizer.bytes(of: id)) {
                    gens[i].finishReason = .stopString; done = true
                } else if gens[i].tokens.count >= params.maxTokens || caches[i].count >= caches[i].capacity {
                    gens[i].finishReason = .length; done = true
                }
                if !done { next.append(id); still.append(i) }
            }
            live = still
            if live.isEmpty { break }
            logits.withUnsafeMutableBufferPointer { lg in
                model.forwardBatch(tokens: next, caches: live.map { caches[$0] }, scratch: scratch, pool: pool,
                                   precision: params.precision, logits: lg.baseAddress!)
            }
        }
        let t2 = DispatchTime.now().uptimeNanoseconds
        for i in 0..<n {
            gens[i].text = streams[i].finish(stopped: gens[i].finishReason == .stopString)
            gens[i].decodeSeconds = Double(t2 - t1) / 1e9
        }
        return gens
    }
}

/// The buffers one sampling round shares across threads; each thread touches only its own rows.
private struct SendablePointers: @unchecked Sendable {
    let logits: UnsafeBufferPointer<Float>
    let picks: UnsafeMutableBufferPointer<(id: Int32, logprob: Float)>
    let samplers: UnsafeMutableBufferPointer<Sampler>
    let live: [Int]
}

/// Accumulates generated bytes into text, cutting at the first stop string.
struct TextStream {
    let stops: [String]
    var pending: [UInt8] = []
    var text = ""
    init(stops: [String]) { self.stops = stops }
    /// Appends a token's bytes; returns true when a stop string has appeared.
    mutating func push(_ bytes: [UInt8]) -> Bool {
        pending += bytes
        let (t, rest) = splitValidUTF8(pending)
        pending = rest
        text += t
        if let r = firstStop(in: text, stops: stops) { text = String(text[..<r.lowerBound]); return true }
        return false
    }
    func finish(stopped: Bool) -> String {
        stopped || pending.isEmpty ? text : text + String(decoding: pending, as: UTF8.self)
    }
}
