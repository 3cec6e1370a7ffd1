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
        commandName: "bench", abstract: "The same as `r1ci bench train`.")
    @OptionGroup var options: TrainSpeedOptions
    func run() throws { try options.measure() }
}

/// Runs `body`, turning a TrainError into the CLI's one-line input error.
func trainWrap<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as TrainError { throw InputError(e.description) }
}

/// LoRA settings from the --lora-rank/--lora-alpha/--lora-targets options; nil
/// (full fine-tuning) without a rank.
func loraOptions(rank: Int?, alpha: Float?, targets: String, seed: UInt64) throws -> LoRASettings? {
    guard let rank else {
        if alpha != nil { throw InputError("--lora-alpha needs --lora-rank") }
        return nil
    }
    guard rank >= 1 else { throw InputError("--lora-rank must be ≥ 1, got \(rank)") }
    if let alpha, !(alpha.isFinite && alpha > 0) { throw InputError("--lora-alpha must be a positive number") }
    let list: [LoRATarget]
    do { list = try LoRATarget.parseList(targets) } catch { throw InputError("--lora-targets: \(error)") }
    return LoRASettings(rank: rank, alpha: alpha, targets: list, seed: seed)
}
