// `r1ci train sft`: supervised fine-tuning on chat JSONL in the foreground,
// one line per step, then a Hugging Face checkpoint folder (written to a
// temporary name and renamed, so a failed run leaves no partial folder).

import ArgumentParser
import Foundation
import R1Engine
import R1Train

struct TrainSFT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sft",
        abstract: "Fine-tune on chat JSONL ({\"messages\": [...]} per line); loss only on assistant tokens, execution results masked.")

    @Option(name: .long, help: "Model: a known name (smollm2-135m), a GGUF path or a Hugging Face folder.") var model = "smollm2-135m"
    @Option(name: .long, help: "Training data: JSONL, one {\"messages\": [{\"role\", \"content\"}, …]} per line.") var data: String
    @Option(name: .long, help: "Optimizer steps.") var steps: Int
    @Option(name: .long, help: "Peak learning rate.") var lr: Float = 1e-5
    @Option(name: .long, help: "Conversations per step (padded to the longest).") var batch = 1
    @Option(name: .long, help: "Maximum tokens per conversation (longer ones are cut).") var seq = 512
    @Option(name: .long, help: "Linear warm-up steps (then cosine decay to 0).") var warmup = 0
    @Option(name: .long, help: "AdamW weight decay (matrices only).") var weightDecay: Float = 0
    @Option(name: .long, help: "Global gradient-norm clip (0 = off).") var clip: Float = 1
    @Option(name: .long, help: "Seed for the held-out split and the data order.") var seed: UInt64 = 0
    @Option(name: .long, help: "Fraction of conversations held out for the evaluation loss.") var evalFraction = 0.05
    @Option(name: .long, help: "Threads.") var threads = 2
    @Option(name: .long, help: "Output folder for the checkpoint (Hugging Face layout).") var out: String
    @Option(name: .long, help: "Train LoRA adapters of this rank instead of every weight (the checkpoint is the merged model).") var loraRank: Int?
    @Option(name: .long, help: "LoRA alpha: the update is scaled by alpha/rank (default 2·rank).") var loraAlpha: Float?
    @Option(name: .long, help: "Linear layers that get adapters, from q,k,v,o,gate,up,down.") var loraTargets = "q,k,v,o,gate,up,down"
    @Flag(name: .long, help: "Print JSON lines instead of text.") var json = false

    func validate() throws {
        guard steps >= 1 else { throw InputError("--steps must be ≥ 1") }
        guard batch >= 1 else { throw InputError("--batch must be ≥ 1") }
        guard seq >= 2 else { throw InputError("--seq must be ≥ 2") }
        guard warmup >= 0 else { throw InputError("--warmup must be ≥ 0") }
        guard threads >= 1 else { throw InputError("--threads must be ≥ 1") }
        guard lr.isFinite, lr > 0 else { throw InputError("--lr must be a positive number") }
        guard weightDecay.isFinite, weightDecay >= 0 else { throw InputError("--weight-decay must be ≥ 0") }
        guard clip.isFinite, clip >= 0 else { throw InputError("--clip must be ≥ 0") }
        guard evalFraction.isFinite, evalFraction >= 0, evalFraction < 1 else { throw InputError("--eval-fraction must be in [0, 1)") }
        guard !out.isEmpty else { throw InputError("--out must name a folder") }
        _ = try loraSettings()
    }

    /// The LoRA settings, nil for full fine-tuning.
    func loraSettings() throws -> LoRASettings? {
        try loraOptions(rank: loraRank, alpha: loraAlpha, targets: loraTargets, seed: seed)
    }

    func run() throws {
        let path = try wrap { try ModelCatalog.resolve(model) }
        let source = try wrap { try LocalModel(path: path) }
        let conversations = try trainWrap { try readChatJSONL(path: data) }
        guard !conversations.isEmpty else { throw InputError("\(data) holds no conversations") }
        let encoder = SFTEncoder(tokenizer: source.tokenizer, template: source.template)
        let examples = try trainWrap { try conversations.map { try encoder.encode($0) } }
        let dataset = try trainWrap { try SFTDataset(examples, maxTokens: seq, evalFraction: evalFraction, seed: seed) }
        let trainModel = try trainWrap { try TrainModel(transformer: source.transformer) }
        if let lora = try loraSettings() { trainModel.lora = try trainWrap { try LoRAAdapters(shape: trainModel.shape, settings: lora) } }
        var settings = SFTSettings(steps: steps)
        settings.batch = batch; settings.lr = lr; settings.warmup = warmup; settings.weightDecay = weightDecay
        settings.clip = clip; settings.seed = seed; settings.threads = threads
        let tok = source.tokenizer
        let sft = SFTRun(model: trainModel, data: dataset, settings: settings, pad: tok.padding ?? tok.eos ?? 0)
        // Tokenizer files are gathered before training so a problem shows before the time is spent.
        let extra = try trainWrap {
            source.format == .huggingFace ? tokenizerFiles(copying: path) : try tokenizerFiles(for: tok, chatTemplate: source.template.text)
        }

        func line(_ obj: [String: Any], _ text: String) {
            if json, let d = try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]) {
                emit(String(decoding: d, as: UTF8.self))
            } else { emit(text) }
        }
        let modelTokens = dataset.train.reduce(0) { $0 + $1.modelTokenCount }
        line(["event": "start", "train": dataset.train.count, "held_out": dataset.heldOut.count, "model_tokens": modelTokens,
              "truncated": dataset.truncated, "dropped": dataset.dropped, "params": trainModel.layout.totalCount,
              "trainable_params": trainModel.trainableLayout.totalCount],
             "sft: \(dataset.train.count) training / \(dataset.heldOut.count) held-out conversations, \(modelTokens) model tokens"
                + " (\(dataset.truncated) cut at \(seq) tokens, \(dataset.dropped) without model tokens dropped)")
        let before = try trainWrap { try sft.heldOutLoss() }
        if let before { line(["event": "eval", "step": 0, "eval_loss": before], String(format: "step 0 held-out loss %.4f", before)) }
        try trainWrap {
            try sft.run { r in
                line(["event": "step", "step": r.step, "loss": r.result.loss, "lr": Double(r.result.lr),
                      "grad_norm": r.result.gradNorm, "tokens_per_second": r.tokensPerSecond, "epoch": r.epoch],
                     String(format: "step %d  loss %.4f  lr %.3g  grad-norm %.3f  %.1f tok/s", r.step, r.result.loss,
                            Double(r.result.lr), r.result.gradNorm, r.tokensPerSecond))
            }
        }
        let after = try trainWrap { try sft.heldOutLoss() }
        if let after { line(["event": "eval", "step": steps, "eval_loss": after], String(format: "step %d held-out loss %.4f", steps, after)) }
        let info = HFCheckpointInfo(contextLength: source.transformer.config.contextLength, bos: tok.bos, eos: tok.eos)
        trainModel.mergeLoRA()
        try trainWrap { try writeHFCheckpoint(trainModel, info: info, extraFiles: extra, to: out) }
        line(["event": "saved", "path": out], "saved \(out)")
    }
}
