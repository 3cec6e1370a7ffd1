// Supervised fine-tuning as a TrainingJob: built from a resolved RunConfig
// (the `sft` schema below), one SFTRun step per call, its state saved as raw
// fp32 files plus a JSON of counters, data order and RNG state.

import Foundation
import R1Engine

public final class SFTJob: TrainingJob {
    public static let schema = RunConfigSchema(method: "sft", keys: [
        ConfigKey("model", .string, default: .string("smollm2-135m"), help: "a known name, a GGUF path or a Hugging Face folder", check: ConfigCheck.nonEmpty),
        ConfigKey("data", .string, help: "chat JSONL, one {\"messages\": [...]} per line", check: ConfigCheck.nonEmpty),
        ConfigKey("steps", .int, help: "optimizer steps", check: ConfigCheck.atLeast(1)),
        ConfigKey("lr", .float, default: .float(1e-5), help: "peak learning rate", check: ConfigCheck.positive),
        ConfigKey("batch", .int, default: .int(1), help: "conversations per step", check: ConfigCheck.atLeast(1)),
        ConfigKey("seq", .int, default: .int(512), help: "maximum tokens per conversation", check: ConfigCheck.atLeast(2)),
        ConfigKey("warmup", .int, default: .int(0), help: "linear warm-up steps", check: ConfigCheck.atLeast(0)),
        ConfigKey("weight_decay", .float, default: .float(0), help: "AdamW weight decay (matrices only)", check: ConfigCheck.nonNegative),
        ConfigKey("clip", .float, default: .float(1), help: "global gradient-norm clip (0 = off)", check: ConfigCheck.nonNegative),
        ConfigKey("seed", .int, default: .int(0), help: "seed for the split and the data order", check: ConfigCheck.atLeast(0)),
        ConfigKey("eval_fraction", .float, default: .float(0.05), help: "fraction held out", check: ConfigCheck.fraction(below: 1)),
        ConfigKey("threads", .int, default: .int(2), help: "threads", check: ConfigCheck.atLeast(1)),
        ConfigKey("out", .string, optional: true, help: "Hugging Face folder written at the end", check: ConfigCheck.nonEmpty),
        ConfigKey("lora_rank", .int, optional: true, help: "train LoRA adapters of this rank", check: ConfigCheck.atLeast(1)),
        ConfigKey("lora_alpha", .float, optional: true, help: "LoRA alpha (default 2·rank)", check: ConfigCheck.positive),
        ConfigKey("lora_targets", .string, default: .string("q,k,v,o,gate,up,down"), help: "layers with adapters", check: {
            if case .string(let s) = $0, (try? LoRATarget.parseList(s)) == nil { return "names a layer outside q,k,v,o,gate,up,down" }
            return nil
        }),
        ConfigKey("checkpoint_every", .int, default: .int(0), help: "steps between checkpoints (0: only at stop and end)", check: ConfigCheck.atLeast(0)),
    ])

    public let config: RunConfig
    public let sft: SFTRun
    public let model: TrainModel
    let source: LocalModel
    let tokenizerFiles: [String: Data]

    public var completedSteps: Int { sft.trainer.step }
    public var totalSteps: Int { sft.settings.steps }

    /// Loads the model and data named by `config` (an `sft` config). Throws TrainError
    /// naming the problem (no model tokens, unreadable data, bad LoRA settings).
    public init(config: RunConfig) throws {
        self.config = config
        if config.optionalDouble("lora_alpha") != nil && config.optionalInt("lora_rank") == nil {
            throw TrainError("config: lora_alpha (--lora-alpha) needs lora_rank (--lora-rank)")
        }
        let path: String
        do { path = try ModelCatalog.resolve(config.string("model")) } catch { throw TrainError("\(error)") }
        do { source = try LocalModel(path: path) } catch { throw TrainError("\(error)") }
        let data = config.string("data"), seed = UInt64(config.int("seed"))
        let conversations = try readChatJSONL(path: data)
        guard !conversations.isEmpty else { throw TrainError("\(data) holds no conversations") }
        let encoder = SFTEncoder(tokenizer: source.tokenizer, template: source.template)
        let examples = try conversations.map { try encoder.encode($0) }
        let dataset = try SFTDataset(examples, maxTokens: config.int("seq"), evalFraction: config.double("eval_fraction"), seed: seed)
        model = try TrainModel(transformer: source.transformer)
        if let rank = config.optionalInt("lora_rank") {
            let lora = LoRASettings(rank: rank, alpha: config.optionalDouble("lora_alpha").map(Float.init),
                                    targets: try LoRATarget.parseList(config.string("lora_targets")), seed: seed)
            model.lora = try LoRAAdapters(shape: model.shape, settings: lora)
        }
        var settings = SFTSettings(steps: config.int("steps"))
        settings.batch = config.int("batch"); settings.lr = Float(config.double("lr")); settings.warmup = config.int("warmup")
        settings.weightDecay = Float(config.double("weight_decay")); settings.clip = Float(config.double("clip"))
        settings.seed = seed; settings.threads = config.int("threads")
        let tok = source.tokenizer
        sft = SFTRun(model: model, data: dataset, settings: settings, pad: tok.padding ?? tok.eos ?? 0)
        // Gathered before training so a problem shows before the time is spent.
        tokenizerFiles = source.format == .huggingFace
            ? R1Train.tokenizerFiles(copying: path) : try R1Train.tokenizerFiles(for: tok, chatTemplate: source.template.text)
    }

    public func step() throws -> [String: Double] {
        let r = try sft.step()
        return ["train/loss": r.result.loss, "train/lr": Double(r.result.lr), "train/grad_norm": r.result.gradNorm,
                "train/epoch": Double(r.epoch), "perf/throughput": r.tokensPerSecond,
                "perf/time_per_step": r.seconds, "train/tokens": Double(r.result.tokens)]
    }

    public func evaluate() throws -> [String: Double] {
        guard let loss = try sft.heldOutLoss() else { return [:] }
        return ["val/loss": loss]
    }

    // ── State for resume ──

    struct State: Codable {
        var step: Int, optimizerStep: Int, trainableCount: Int
        var order: [Int], position: Int, rngState: UInt64, epoch: Int
    }

    public func saveState(to dir: URL) throws {
        let s = sft.sampler
        let state = State(step: sft.trainer.step, optimizerStep: sft.trainer.optimizer.step,
                          trainableCount: model.trainableParams.count,
                          order: s.order, position: s.position, rngState: s.rng.state, epoch: s.epoch)
        try writeFloats(model.trainableParams, to: dir.appendingPathComponent("params.f32"))
        try writeFloats(sft.trainer.optimizer.m, to: dir.appendingPathComponent("adamw_m.f32"))
        try writeFloats(sft.trainer.optimizer.v, to: dir.appendingPathComponent("adamw_v.f32"))
        try writeJobState(state, config: config, to: dir)
    }

    public func loadState(from dir: URL) throws {
        let state = try readJobState(State.self, from: dir, model: model) { $0.trainableCount }
        try readFloats(into: model.trainableParams, from: dir.appendingPathComponent("params.f32"))
        try readFloats(into: sft.trainer.optimizer.m, from: dir.appendingPathComponent("adamw_m.f32"))
        try readFloats(into: sft.trainer.optimizer.v, from: dir.appendingPathComponent("adamw_v.f32"))
        sft.trainer.step = state.step
        sft.trainer.optimizer.step = state.optimizerStep
        sft.sampler.order = state.order; sft.sampler.position = state.position
        sft.sampler.rng.state = state.rngState; sft.sampler.epoch = state.epoch
    }

    /// Writes the merged model to `out` as a Hugging Face folder, when configured.
    public func finish() throws {
        guard let out = config.optionalString("out") else { return }
        try writeHFModel(to: out)
    }

    /// The current weights (LoRA merged into a copy's worth of base weights) as a Hugging Face folder.
    public func writeHFModel(to folder: String) throws {
        let tok = source.tokenizer
        let info = HFCheckpointInfo(contextLength: source.transformer.config.contextLength, bos: tok.bos, eos: tok.eos)
        model.mergeLoRA()
        try writeHFCheckpoint(model, info: info, extraFiles: tokenizerFiles, to: folder)
    }
}

/// Raw little-endian fp32 values of `buffer`.
func writeFloats(_ buffer: FloatBuffer, to url: URL) throws {
    let data = Data(bytesNoCopy: buffer.pointer, count: buffer.count * 4, deallocator: .none)
    do { try data.write(to: url) } catch { throw TrainError("cannot write \(url.path): \(error.localizedDescription)") }
}

func readFloats(into buffer: FloatBuffer, from url: URL) throws {
    guard let data = try? Data(contentsOf: url), data.count == buffer.count * 4 else {
        throw TrainError("\(url.path) is missing or does not hold \(buffer.count) fp32 values")
    }
    data.withUnsafeBytes { raw in
        UnsafeMutableRawPointer(buffer.pointer).copyMemory(from: raw.baseAddress!, byteCount: data.count)
    }
}
