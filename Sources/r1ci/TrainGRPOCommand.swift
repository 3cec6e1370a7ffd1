// `r1ci train grpo` and `r1ci train ppo`: reinforcement learning on the task
// library in the foreground — rollouts with the code interpreter on the
// current weights (quantized), rewards from the task verifiers, an fp32
// policy update — one line (or JSON object) per step, and a Hugging Face
// checkpoint written atomically at --save-every and at the end. A step whose
// loss is not finite is refused: the run stops with exit 2 and the last
// checkpoint written stays as it was.

import ArgumentParser
import Foundation
import R1Agent
import R1Engine
import R1Kernels
import R1Sandbox
import R1Tasks
import R1Train

struct RLOptions: ParsableArguments {
    @Option(name: .long, help: "Model: a known name (smollm2-135m), a GGUF path or a Hugging Face folder.") var model = "smollm2-135m"
    @Option(name: .long, help: "Comma-separated task ids (default: every task of --split).") var tasks: String?
    @Option(name: .long, help: "Split whose tasks train when --tasks is not given: train or test.") var split = "train"
    @Option(name: .long, help: "Level index for every task (default: each task's default level).") var level: Int?
    @Option(name: .long, help: "Responses per prompt (G).") var groupSize = 5
    @Option(name: .long, help: "Prompts per step.") var promptsPerStep = 4
    @Option(name: .long, help: "Optimizer steps.") var steps: Int
    @Option(name: .long, help: "Peak learning rate.") var lr: Float = 1e-6
    @Option(name: .long, help: "Linear warm-up steps (then cosine decay).") var warmup = 0
    @Option(name: .long, help: "Lower clip ε_low of the ratio.") var clipLow = 0.2
    @Option(name: .long, help: "Upper clip ε_high of the ratio (0.28 = DAPO clip-higher).") var clipHigh = 0.2
    @Option(name: .long, help: "Dual-clip constant for negative advantages (0 = off).") var dualClip = 3.0
    @Option(name: .long, help: "KL coefficient β to the starting model: k3 in the loss (grpo) or k1 in the reward (ppo).") var klCoef = 0.001
    @Option(name: .long, help: "Loss aggregation: token-mean, seq-mean-token-mean or seq-mean-token-sum-norm.") var lossAgg = "token-mean"
    @Flag(name: .long, help: "Do not divide group advantages by their std (Dr.GRPO).") var noStdNorm = false
    @Flag(name: .long, help: "Drop groups whose rewards are all equal and draw more prompts (DAPO).") var dynamicSampling = false
    @Option(name: .long, help: "Rollout batches per step at most with --dynamic-sampling.") var maxGenBatches = 3
    @Option(name: .long, help: "PPO epochs over each step's batch.") var ppoEpochs = 1
    @Option(name: .long, help: "Code blocks run per trace.") var maxCodeCalls = 4
    @Option(name: .long, help: "Generated plus appended tokens per trace (the response budget).") var maxTokens = 512
    @Option(name: .long, help: "New tokens per turn (default: --max-tokens).") var maxTurnTokens: Int?
    @Option(name: .long, help: "Rollout sampling temperature.") var temperature = 1.0
    @Option(name: .long, help: "Prompt style: free, code or text.") var style = "free"
    @Option(name: .long, help: "Seed for prompts, sampling and LoRA initialisation.") var seed: UInt64 = 0
    @Option(name: .long, help: "AdamW weight decay (matrices only).") var weightDecay: Float = 0
    @Option(name: .long, help: "Global gradient-norm clip (0 = off).") var clip: Float = 1
    @Option(name: .long, help: "Rollout engine weights: q8_0 (re-quantized after each update) or f32.") var rolloutWeights = "q8_0"
    @Option(name: .long, help: "Curriculum: none; accuracy (raise a task's level above 0.7 rolling accuracy, lower it below 0.3); or potential (bins of 4p(1−p), highest first).") var curriculum = "none"
    @Option(name: .long, help: "Outcomes per task in the accuracy curriculum's rolling window.") var curriculumWindow = 20
    @Option(name: .long, help: "Potential curriculum: training questions whose pass rate is estimated first.") var potentialQuestions = 20
    @Option(name: .long, help: "Potential curriculum: sampled answers per question (K).") var potentialSamples = 8
    @Option(name: .long, help: "Potential curriculum: steps per stage (stage k trains on bins 1…k).") var stepsPerStage = 10
    @Option(name: .long, help: "Threads.") var threads = 2
    @Option(name: .long, help: "Train LoRA adapters of this rank instead of every weight (checkpoints hold the merged model).") var loraRank: Int?
    @Option(name: .long, help: "LoRA alpha (default 2·rank).") var loraAlpha: Float?
    @Option(name: .long, help: "Linear layers that get adapters, from q,k,v,o,gate,up,down.") var loraTargets = "q,k,v,o,gate,up,down"
    @Option(name: .long, help: "Output folder for the checkpoint (Hugging Face layout).") var out: String
    @Option(name: .long, help: "Also write the checkpoint every N steps (0 = only at the end).") var saveEvery = 0
    @Flag(name: .long, help: "Print one JSON object per step (verl file-logger form) instead of text.") var json = false

    func validate() throws {
        func need(_ ok: Bool, _ message: String) throws { if !ok { throw InputError(message) } }
        try need(steps >= 1, "--steps must be ≥ 1")
        try need(groupSize >= 1, "--group-size must be ≥ 1")
        try need(promptsPerStep >= 1, "--prompts-per-step must be ≥ 1")
        try need(lr.isFinite && lr > 0, "--lr must be a positive number")
        try need(warmup >= 0, "--warmup must be ≥ 0")
        try need(clipLow.isFinite && clipLow > 0 && clipLow < 1, "--clip-low must be in (0, 1)")
        try need(clipHigh.isFinite && clipHigh > 0, "--clip-high must be > 0")
        try need(dualClip.isFinite && (dualClip == 0 || dualClip > 1), "--dual-clip must be 0 (off) or > 1")
        try need(klCoef.isFinite && klCoef >= 0, "--kl-coef must be ≥ 0")
        try need(LossAggregation(rawValue: lossAgg) != nil,
                 "--loss-agg must be one of \(LossAggregation.allCases.map(\.rawValue).joined(separator: ", "))")
        try need(maxGenBatches >= 1, "--max-gen-batches must be ≥ 1")
        try need(ppoEpochs >= 1, "--ppo-epochs must be ≥ 1")
        try need(maxCodeCalls >= 0, "--max-code-calls must be ≥ 0")
        try need(maxTokens >= 1, "--max-tokens must be ≥ 1")
        try need((maxTurnTokens ?? 1) >= 1, "--max-turn-tokens must be ≥ 1")
        try need(temperature.isFinite && temperature > 0, "--temperature must be > 0 (training samples)")
        try need(PromptStyle(rawValue: style) != nil, "--style must be free, code or text")
        try need(weightDecay.isFinite && weightDecay >= 0, "--weight-decay must be ≥ 0")
        try need(clip.isFinite && clip >= 0, "--clip must be ≥ 0")
        try need(["q8_0", "f32"].contains(rolloutWeights), "--rollout-weights must be q8_0 or f32")
        try need(["none", "accuracy", "potential"].contains(curriculum), "--curriculum must be none, accuracy or potential")
        try need(curriculumWindow >= 1, "--curriculum-window must be ≥ 1")
        try need(potentialQuestions >= 1, "--potential-questions must be ≥ 1")
        try need(potentialSamples >= 1, "--potential-samples must be ≥ 1")
        try need(stepsPerStage >= 1, "--steps-per-stage must be ≥ 1")
        try need(threads >= 1, "--threads must be ≥ 1")
        try need(saveEvery >= 0, "--save-every must be ≥ 0")
        try need(!out.isEmpty, "--out must name a folder")
        try need(Split(rawValue: split) != nil, "--split must be train or test")
        if let level { try need(level >= 0, "--level must be ≥ 0") }
        _ = try loraSettings()
    }

    func loraSettings() throws -> LoRASettings? {
        try loraOptions(rank: loraRank, alpha: loraAlpha, targets: loraTargets, seed: seed)
    }

    func settings(_ algorithm: RLAlgorithm) throws -> RLSettings {
        var s = RLSettings()
        s.algorithm = algorithm
        let named = tasks.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        s.tasks = try EvaluationPlan.tasks(split: Split(rawValue: split), named: named)
        guard !s.tasks.isEmpty else { throw InputError("no tasks selected") }
        if let level {
            for id in s.tasks {
                let count = try TaskRegistry.task(id).info.levels.count
                guard level < count else { throw InputError("task \(id) has levels 0…\(count - 1); --level \(level) is out of range") }
            }
        }
        s.level = level; s.groupSize = groupSize; s.promptsPerStep = promptsPerStep; s.steps = steps
        var p = PolicySettings()
        p.clip = ClipSettings(low: clipLow, high: clipHigh, dualClip: dualClip == 0 ? nil : dualClip)
        p.klCoef = algorithm == .grpo ? klCoef : 0
        p.aggregation = LossAggregation(rawValue: lossAgg)!
        p.normLength = maxTokens; p.ppoEpochs = ppoEpochs; p.temperature = temperature
        p.lr = lr; p.warmup = warmup; p.totalSteps = steps; p.weightDecay = weightDecay; p.maxGradNorm = clip
        s.policy = p
        s.advantage = GroupAdvantageSettings(normalizeByStd: !noStdNorm)
        s.dynamicSampling = dynamicSampling; s.maxGenBatches = maxGenBatches
        s.limits.maxCodeCalls = maxCodeCalls; s.limits.maxTraceTokens = maxTokens; s.limits.maxTurnTokens = maxTurnTokens ?? maxTokens
        s.style = PromptStyle(rawValue: style)!
        s.seed = seed; s.threads = threads
        s.rolloutWeightType = Int32(rolloutWeights == "f32" ? R1K_F32 : R1K_Q8_0)
        if algorithm == .ppo { s.klInReward = klCoef }
        if curriculum == "potential" { s.potentialCurriculum = (potentialQuestions, potentialSamples, stepsPerStage) }
        return s
    }

    /// The whole run: model, settings, rollouts and updates, checkpoints.
    func run(_ algorithm: RLAlgorithm, configure: (inout RLSettings) -> Void = { _ in }) throws {
        var s = try settings(algorithm)
        configure(&s)
        let path = try wrap { try ModelCatalog.resolve(model) }
        let source = try wrap { try LocalModel(path: path) }
        let trainModel = try trainWrap { try TrainModel(transformer: source.transformer) }
        if let lora = try loraSettings() { trainModel.lora = try trainWrap { try LoRAAdapters(shape: trainModel.shape, settings: lora) } }
        if curriculum == "accuracy" {
            var levels: [String: Int] = [:], counts: [String: Int] = [:]
            for id in s.tasks {
                let info = try TaskRegistry.task(id).info
                levels[id] = level ?? info.defaultLevel; counts[id] = info.levels.count
            }
            s.levelCurriculum = LevelCurriculum(levels: levels, levelCounts: counts, window: curriculumWindow)
        }
        let tok = source.tokenizer
        let extra = try trainWrap {
            source.format == .huggingFace ? tokenizerFiles(copying: path) : try tokenizerFiles(for: tok, chatTemplate: source.template.text)
        }
        let info = HFCheckpointInfo(contextLength: source.transformer.config.contextLength, bos: tok.bos, eos: tok.eos)
        let rl = try trainWrap {
            try RLRun(model: RLModel(train: trainModel, config: source.transformer.config, tokenizer: tok, template: source.template),
                      settings: s)
        }
        let (asJSON, every, steps, out) = (json, saveEvery, self.steps, self.out)
        if !asJSON {
            emit("\(algorithm.rawValue): \(s.tasks.count) task(s), \(promptsPerStep) prompts × \(groupSize) responses per step, "
                 + "\(trainModel.trainableLayout.totalCount) trainable parameters")
        }
        do {
            try runBlocking {
                let sandbox = try Sandbox(config: SandboxConfig(slots: 2))
                do {
                    let onPotentials: ([Int]) -> Void = { bins in
                        emit(asJSON ? "{\"event\":\"potential_bins\",\"sizes\":\(bins)}"
                                    : "curriculum: questions per potential bin (Π ≥ 0.64, ≥ 0.48, ≥ 0.32, < 0.32): \(bins)")
                    }
                    try await rl.run(sandbox: sandbox, onPotentials: onPotentials) { r in
                        emit(asJSON ? r.metrics.jsonLine : r.metrics.line)
                        for c in r.levelChanges where !asJSON {
                            emit(String(format: "curriculum: %@ level %d → %d (rolling accuracy %.2f)", c.task, c.from, c.to, c.accuracy))
                        }
                        if every > 0 && r.metrics.step % every == 0 && r.metrics.step < steps {
                            try saveCheckpoint(trainModel, info: info, extraFiles: extra, to: out)
                            if !asJSON { emit("saved \(out) (step \(r.metrics.step))") }
                        }
                    }
                } catch {
                    await sandbox.shutdown()
                    throw error
                }
                await sandbox.shutdown()
            }
        } catch let e as TrainError {
            throw InputError(e.description)
        } catch let e as SandboxError {
            throw InputError("sandbox: \(e.description)")
        }
        try trainWrap { try saveCheckpoint(trainModel, info: info, extraFiles: extra, to: out) }
        emit(asJSON ? "{\"event\":\"saved\",\"path\":\(String(reflecting: out))}" : "saved \(out)")
    }
}

/// Writes the model (LoRA folded in, adapters kept for further training) as a Hugging Face folder.
func saveCheckpoint(_ model: TrainModel, info: HFCheckpointInfo, extraFiles: [String: Data], to folder: String) throws {
    guard let lora = model.lora else { return try writeHFCheckpoint(model, info: info, extraFiles: extraFiles, to: folder) }
    let base = FloatBuffer(count: model.params.count)
    base.copy(from: model.params)
    model.mergeLoRA()
    defer { model.params.copy(from: base); model.lora = lora }
    try writeHFCheckpoint(model, info: info, extraFiles: extraFiles, to: folder)
}

struct TrainGRPO: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grpo",
        abstract: "GRPO on the task library: G code-interpreter rollouts per prompt, group-relative advantages, clipped fp32 update.")
    @OptionGroup var options: RLOptions
    func run() throws { try options.run(.grpo) }
}

struct TrainPPO: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ppo",
        abstract: "PPO on the task library: a value head on the policy's final hidden state, GAE over model tokens, clipped updates.")
    @OptionGroup var options: RLOptions
    @Option(name: .long, help: "GAE discount γ.") var gamma = 1.0
    @Option(name: .long, help: "GAE λ.") var lam = 1.0
    @Option(name: .long, help: "Value clip range around the old values.") var valueClip = 0.5
    @Option(name: .long, help: "Value head learning rate.") var criticLr: Float = 1e-3

    func validate() throws {
        guard gamma.isFinite, gamma >= 0, gamma <= 1 else { throw InputError("--gamma must be in [0, 1]") }
        guard lam.isFinite, lam >= 0, lam <= 1 else { throw InputError("--lam must be in [0, 1]") }
        guard valueClip.isFinite, valueClip > 0 else { throw InputError("--value-clip must be > 0") }
        guard criticLr.isFinite, criticLr > 0 else { throw InputError("--critic-lr must be a positive number") }
    }

    func run() throws {
        try options.run(.ppo) { s in
            s.gamma = gamma; s.lambda = lam; s.policy.valueClip = valueClip; s.policy.criticLR = criticLr
        }
    }
}
