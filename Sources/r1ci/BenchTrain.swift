// `r1ci bench train` (also `r1ci train bench`): training tokens/s of one full
// fp32 step — forward, masked cross-entropy, backward, gradient clipping and
// AdamW — on a model's shape and weights, with fixed-seed random token ids.
// bench/train.py runs it beside the same step in PyTorch.

import ArgumentParser
import Foundation
import R1Engine
import R1Train

struct TrainSpeedOptions: ParsableArguments {
    @Option(name: .long, help: "Model: a known name (smollm2-135m) or a GGUF path.") var model = "smollm2-135m"
    @Option(name: .long, help: "Tokens per sequence.") var seq = 256
    @Option(name: .long, help: "Sequences per step.") var batch = 1
    @Option(name: .long, help: "Timed steps (after one untimed warm-up step).") var steps = 3
    @Option(name: .long, help: "Threads.") var threads = 2
    @Option(name: .long, help: "Seed for the random token ids.") var seed: UInt64 = 1
    @Flag(name: .long, help: "Print one JSON object.") var json = false

    func validate() throws {
        guard seq >= 1 else { throw InputError("--seq must be ≥ 1") }
        guard batch >= 1 else { throw InputError("--batch must be ≥ 1") }
        guard steps >= 1 else { throw InputError("--steps must be ≥ 1") }
        guard threads >= 1 else { throw InputError("--threads must be ≥ 1") }
    }

    func measure() throws {
        let path = try wrap { try ModelCatalog.resolve(model) }
        let transformer = try wrap { try Transformer(path: path) }
        let trainModel = try trainWrap { try TrainModel(transformer: transformer) }
        let trainer = Trainer(model: trainModel, batch: batch, seq: seq,
                              schedule: LRSchedule(peak: 1e-5, warmupSteps: 0, totalSteps: steps + 1),
                              adamw: AdamWSettings(weightDecay: 0.01), maxGradNorm: 1, threads: threads)
        // Random ids from a fixed-seed LCG (Knuth MMIX constants): deterministic input
        // that bench/train.py reproduces for PyTorch.
        var state = seed
        func nextID() -> Int32 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int32((state >> 33) % UInt64(trainModel.shape.vocab))
        }
        let n = batch * seq
        let ids = (0..<(n + 1)).map { _ in nextID() }
        let data = TrainBatch(tokens: Array(ids[0..<n]), targets: Array(ids[1...n]), mask: [Float](repeating: 1, count: n))
        let first = trainer.step([data])
        var results: [StepResult] = [], walls: [Double] = [], cpus: [Double] = []
        for _ in 0..<steps {
            let t0 = Date(), c0 = processCPUSeconds()
            results.append(trainer.step([data]))
            walls.append(Date().timeIntervalSince(t0)); cpus.append(processCPUSeconds() - c0)
        }
        let wall = median(walls), tokPerSec = Double(n) / wall
        let fwd = median(results.map(\.forwardSeconds)), bwd = median(results.map(\.backwardSeconds))
        let opt = median(results.map(\.optimizerSeconds))
        let params = trainModel.layout.totalCount
        if json {
            let obj: [String: Any] = ["model": path, "params": params, "batch": batch, "seq": seq, "threads": threads,
                                      "steps": steps, "tokens_per_second": tokPerSec, "step_seconds": wall, "step_runs": walls,
                                      "cpu_seconds_per_step": median(cpus), "forward_seconds": fwd, "backward_seconds": bwd,
                                      "optimizer_seconds": opt, "activation_bytes": trainer.acts.byteCount,
                                      "first_loss": first.loss, "loss": results.last!.loss,
                                      "peak_rss_mib": peakRSSMiB()]
            let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("model \(URL(fileURLWithPath: path).lastPathComponent): \(params) parameters, B=\(batch) T=\(seq), \(threads) threads")
            print(String(format: "step %.3f s (median of %d; %.2f CPU-s): forward+loss %.3f s, backward %.3f s, clip+AdamW %.3f s",
                         wall, steps, median(cpus), fwd, bwd, opt))
            print(String(format: "%.1f training tokens/s; activations %.0f MiB; peak RSS %.0f MiB; loss %.4f → %.4f",
                         tokPerSec, Double(trainer.acts.byteCount) / 1048576, peakRSSMiB(), first.loss, results.last!.loss))
        }
    }

    private func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
    private func processCPUSeconds() -> Double {
        var u = rusage(); getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }
    private func peakRSSMiB() -> Double { var u = rusage(); getrusage(RUSAGE_SELF.rawValue, &u); return Double(u.ru_maxrss) / 1024 }
}

struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Training tokens/s: forward + backward + clipping + AdamW on random token ids, fp32.")
    @OptionGroup var options: TrainSpeedOptions
    func run() throws { try options.measure() }
}
