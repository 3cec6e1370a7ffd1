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
