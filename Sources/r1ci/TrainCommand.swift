// `r1ci train …`: fine-tuning commands. `train sft` fine-tunes on chat JSONL in
// the foreground and writes a Hugging Face folder; `train bench` measures the
// fp32 training step (forward, backward, AdamW) on a model's shape and weights.

import ArgumentParser
import Foundation
import R1Engine
import R1Train

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Fine-tune a model (fp32 on the CPU).",
        subcommands: [TrainSFT.self, TrainGRPO.self, TrainPPO.self, TrainBench.self])
}

struct TrainBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training tokens/s: forward + backward + AdamW on random token ids, fp32.")

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

    func run() throws {
        let path = try wrap { try ModelCatalog.resolve(model) }
        let transformer = try wrap { try Transformer(path: path) }
        let trainModel = try trainWrap { try TrainModel(transformer: transformer) }
        let trainer = Trainer(model: trainModel, batch: batch, seq: seq,
                              schedule: LRSchedule(peak: 1e-5, warmupSteps: 0, totalSteps: steps + 1),
                              adamw: AdamWSettings(weightDecay: 0.01), maxGradNorm: 1, threads: threads)
        // Random ids from a fixed-seed LCG (Knuth MMIX constants): deterministic input.
        var state = seed
        func nextID() -> Int32 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int32((state >> 33) % UInt64(trainModel.shape.vocab))
        }
        let n = batch * seq
        let ids = (0..<(n + 1)).map { _ in nextID() }
        let data = TrainBatch(tokens: Array(ids[0..<n]), targets: Array(ids[1...n]), mask: [Float](repeating: 1, count: n))
        _ = trainer.step([data])
        var results: [StepResult] = [], walls: [Double] = []
        for _ in 0..<steps {
            let t0 = Date()
            results.append(trainer.step([data]))
            walls.append(Date().timeIntervalSince(t0))
        }
        func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
        let wall = median(walls), tokPerSec = Double(n) / wall
        let fwd = median(results.map(\.forwardSeconds)), bwd = median(results.map(\.backwardSeconds))
        let opt = median(results.map(\.optimizerSeconds))
        let params = trainModel.layout.totalCount
        if json {
            let obj: [String: Any] = ["model": path, "params": params, "batch": batch, "seq": seq, "threads": threads,
                                      "steps": steps, "tokens_per_second": tokPerSec, "step_seconds": wall,
                                      "forward_seconds": fwd, "backward_seconds": bwd, "optimizer_seconds": opt,
                                      "activation_bytes": trainer.acts.byteCount, "loss": results.last!.loss]
            let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("model \(URL(fileURLWithPath: path).lastPathComponent): \(params) parameters, B=\(batch) T=\(seq), \(threads) threads")
            print(String(format: "step %.3f s (median of %d): forward+loss %.3f s, backward %.3f s, clip+AdamW %.3f s",
                         wall, steps, fwd, bwd, opt))
            print(String(format: "%.1f training tokens/s; activations %.0f MiB; loss %.4f",
                         tokPerSec, Double(trainer.acts.byteCount) / 1048576, results.last!.loss))
        }
    }
}

/// Runs `body`, turning a TrainError into the CLI's one-line input error.
func trainWrap<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as TrainError { throw InputError(e.description) }
}
