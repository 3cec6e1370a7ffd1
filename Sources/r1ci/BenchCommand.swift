// r1ci bench engine: prompt-processing and generation speed of the embedded
// engine (llama-bench's pp/tg), as text or JSON lines.

import ArgumentParser
import Foundation
import R1Engine

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks.", subcommands: [EngineBench.self, BenchTrain.self])

    struct EngineBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "engine", abstract: "Prompt processing (pp) and generation (tg) tokens/s of the embedded engine.")
        @Option(name: .long, help: "Model: a known name or a GGUF path.") var model = "smollm2-135m"
        @Option(name: .long, help: "Prompt tokens per pp test.") var pp = 256
        @Option(name: .long, help: "Generated tokens per tg test.") var tg = 128
        @Option(name: .long, help: "KV-cache depth before each test.") var depth = 0
        @Option(name: .long, parsing: .upToNextOption, help: "Thread counts to test.") var threads: [Int] = [2, 1]
        @Option(name: .long, help: "Repetitions (median reported).") var reps = 5
        @Option(name: .long, help: "Also measure batched decode of this many sequences sharing one prompt (0 = off).") var batch = 0
        @Flag(name: .long, help: "Measure only the batched decode (with --batch), not pp/tg.") var batchOnly = false
        @Flag(name: .customLong("f32"), help: "Decode with f32 activations instead of int8.") var f32 = false
        @Flag(name: .long, help: "One JSON object per thread count.") var json = false

        func validate() throws {
            guard pp >= 0, tg >= 0, depth >= 0, reps >= 1, !threads.isEmpty, threads.allSatisfy({ $0 >= 1 }) else {
                throw InputError("bench: --pp/--tg/--depth must be ≥ 0, --reps and --threads ≥ 1")
            }
            guard !batchOnly || batch > 0 else { throw InputError("bench: --batch-only needs --batch N (N ≥ 1)") }
        }

        func run() throws {
            let path = try wrap { try ModelCatalog.resolve(model) }
            var engines: [Int: Engine] = [:]
            for t in threads { engines[t] = try wrap { try Engine(path: path, threads: t) } }
            _ = engines[threads[0]]!.bench(promptTokens: min(pp, 32), genTokens: min(tg, 4))  // warm-up (page in the weights)
            var runs: [Int: [BenchResult]] = [:]
            let (ppRun, tgRun) = batchOnly ? (0, 0) : (pp, tg)
            for _ in 0..<reps {  // interleave thread counts within each round
                for t in threads { runs[t, default: []].append(engines[t]!.bench(promptTokens: ppRun, genTokens: tgRun, depth: depth, precision: f32 ? .f32 : .int8Activations)) }
            }
            func median(_ v: [Double]) -> Double { let s = v.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
            var batchRuns: [Int: [Double]] = [:], batchCPU: [Int: [Double]] = [:]
            if batch > 0 {
                for _ in 0..<reps { for t in threads {
                    let r = try wrap { try engines[t]!.benchBatch(promptTokens: pp, batch: batch, genTokens: tg, precision: f32 ? .f32 : .int8Activations) }
                    batchRuns[t, default: []].append(r.wall); batchCPU[t, default: []].append(r.cpu)
                } }
            }
            for t in threads {
                let rs = runs[t]!
                let ppv = rs.map(\.ppTokensPerSecond), tgv = rs.map(\.tgTokensPerSecond)
                let ppc = rs.map { $0.ppCPUSeconds > 0 ? Double(pp) / $0.ppCPUSeconds : 0 }
                let tgc = rs.map { $0.tgCPUSeconds > 0 ? Double(tg) / $0.tgCPUSeconds : 0 }
                if json {
                    var obj: [String: Any] = ["engine": "r1ci", "model": path, "threads": t, "depth": depth, "pp": pp, "tg": tg,
                                              "pp_tok_s": median(ppv), "tg_tok_s": median(tgv), "pp_runs": ppv, "tg_runs": tgv,
                                              "pp_tok_per_cpu_s": median(ppc), "tg_tok_per_cpu_s": median(tgc)]
                    if let b = batchRuns[t] { obj["batch"] = batch; obj["batch_tg_tok_s"] = median(b); obj["batch_runs"] = b; obj["batch_tok_per_cpu_s"] = median(batchCPU[t]!) }
                    emit(String(decoding: try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]), as: UTF8.self))
                } else {
                    emit(String(format: "threads %d depth %d: pp%d %.1f tok/s  tg%d %.1f tok/s   (runs pp %@; tg %@)", t, depth, pp,
                                median(ppv), tg, median(tgv),
                                ppv.map { String(format: "%.0f", $0) }.joined(separator: " "),
                                tgv.map { String(format: "%.1f", $0) }.joined(separator: " ")))
                    emit(String(format: "    per CPU-second (all threads): pp %.1f tok, tg %.1f tok", median(ppc), median(tgc)))
                    if let b = batchRuns[t] {
                        emit(String(format: "threads %d: batched decode of %d sequences: %.1f tok/s aggregate, %.1f tok per CPU-second   (runs %@)",
                                    t, batch, median(b), median(batchCPU[t]!), b.map { String(format: "%.1f", $0) }.joined(separator: " ")))
                    }
                }
            }
        }
    }
}
