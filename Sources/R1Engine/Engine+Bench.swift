// llama-bench style measurements: pp = one batch of prompt tokens through the
// prefill path; tg = single-token decode steps with argmax, after `depth`
// tokens already in the KV cache.

import Foundation

public struct BenchResult: Sendable, Codable {
    public var promptTokens: Int
    public var genTokens: Int
    public var depth: Int
    public var threads: Int
    public var ppSeconds: Double
    public var tgSeconds: Double
    /// Process CPU seconds (all threads) for each part: on a shared machine, tokens per
    /// CPU-second is steadier than wall-clock rates.
    public var ppCPUSeconds = 0.0
    public var tgCPUSeconds = 0.0
    public var ppTokensPerSecond: Double { ppSeconds > 0 ? Double(promptTokens) / ppSeconds : 0 }
    public var tgTokensPerSecond: Double { tgSeconds > 0 ? Double(genTokens) / tgSeconds : 0 }
}

extension Engine {
    public func bench(promptTokens pp: Int, genTokens tg: Int, depth: Int = 0, seed: UInt64 = 1,
                      precision: Precision = .int8Activations) -> BenchResult {
        lock.lock(); defer { lock.unlock() }
        let cfg = model.config, V = cfg.vocab
        var rng = EnginePRNG(seed: seed)
        let rand = { (n: Int) -> [Int32] in (0..<n).map { _ in Int32(100 + rng.next() % UInt64(V - 100)) } }
        let cache = KVCache(config: cfg, capacity: depth + pp + tg + 1)
        let chunk = prefillChunk
        let big = ForwardScratch(config: cfg, capacity: max(1, min(chunk, max(pp, depth))))
        let one = ForwardScratch(config: cfg, capacity: 1)
        var logits = [Float](repeating: 0, count: V)
        func feed(_ toks: [Int32]) {
            var i = 0
            logits.withUnsafeMutableBufferPointer { lg in
                while i < toks.count {
                    let part = Array(toks[i..<min(i + chunk, toks.count)])
                    model.forward(tokens: part, cache: cache, scratch: part.count == 1 ? one : big, pool: pool,
                                  precision: precision, allLogits: false, logits: lg.baseAddress!)
                    i += part.count
                }
            }
        }
        if depth > 0 { feed(rand(depth)) }
        var r = BenchResult(promptTokens: pp, genTokens: tg, depth: depth, threads: threads, ppSeconds: 0, tgSeconds: 0)
        if pp > 0 {
            let t0 = DispatchTime.now().uptimeNanoseconds, c0 = processCPUSeconds()
            feed(rand(pp))
            r.ppSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            r.ppCPUSeconds = processCPUSeconds() - c0
            cache.truncate(to: depth)
        }
        if tg > 0 {
            var tok = Int32(100)
            let t0 = DispatchTime.now().uptimeNanoseconds, c0 = processCPUSeconds()
            for _ in 0..<tg {
                feed([tok])
                var best = 0
                for i in 1..<V where logits[i] > logits[best] { best = i }
                tok = Int32(best)
            }
            r.tgSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            r.tgCPUSeconds = processCPUSeconds() - c0
        }
        return r
    }
}

extension Engine {
    /// Batched decode throughput: `batch` sequences sharing a `prompt`-token prompt,
    /// `tg` sampled steps each, all decoded together. Returns aggregate tokens per
    /// wall second and per process CPU-second.
    public func benchBatch(promptTokens pp: Int, batch: Int, genTokens tg: Int, seed: UInt64 = 1,
                           precision: Precision = .int8Activations) throws -> (wall: Double, cpu: Double) {
        var rng = EnginePRNG(seed: seed)
        let prompt = (0..<max(pp, 1)).map { _ in Int32(100 + rng.next() % UInt64(model.config.vocab - 100)) }
        var p = GenerateParams(maxTokens: tg, sampling: SamplingParams(temperature: 1, seed: seed))
        p.stopAtEndOfGeneration = false
        p.precision = precision
        let c0 = processCPUSeconds()
        let gens = try generateBatch(prompt: prompt, count: batch, params: p)
        let cpu = processCPUSeconds() - c0
        let total = gens.reduce(0) { $0 + $1.tokens.count - 1 }
        let decodeCPU = cpu * gens[0].decodeSeconds / max(gens[0].decodeSeconds + gens[0].prefillSeconds, 1e-9)
        return (gens[0].decodeSeconds > 0 ? Double(total) / gens[0].decodeSeconds : 0, decodeCPU > 0 ? Double(total) / decodeCPU : 0)
    }
}

func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
