// GRPO and PPO as TrainingJobs. The `grpo` and `ppo` schemas below are the one
// list of option keys, defaults and help that `r1ci train grpo|ppo` flags,
// config files and r1ci_run_start all read. A job is an RLRun built from a
// resolved config, one RL step per step() call; its saved state holds what a
// resume needs to continue the same curve: the trained weights (or LoRA
// adapters), AdamW moments, the value head and its optimizer (PPO), the step
// counters, the count of questions drawn (which, with the seed, fixes every
// later prompt and sampling seed) and the curricula's levels, windows and bins.

import Foundation
import R1Agent
import R1Engine
import R1Kernels
import R1Sandbox
import R1Tasks

extension ConfigCheck {
    static func oneOf(_ choices: [String]) -> @Sendable (ConfigValue) -> String? {
        { if case .string(let s) = $0, !choices.contains(s) { return "must be one of \(choices.joined(separator: ", "))" }; return nil }
    }
    /// low < x < high.
    static func between(_ low: Double, _ high: Double) -> @Sendable (ConfigValue) -> String? {
        { if case .float(let d) = $0, !(d > low && d < high) { return "must be in (\(low), \(high))" }; return nil }
    }
    /// low ≤ x ≤ high.
    static func from(_ low: Double, through high: Double) -> @Sendable (ConfigValue) -> String? {
        { if case .float(let d) = $0, !(d >= low && d <= high) { return "must be in [\(low), \(high)]" }; return nil }
    }
}

public final class RLJob: TrainingJob {
    public static let grpoSchema = RunConfigSchema(method: "grpo", keys: keys(.grpo))
    public static let ppoSchema = RunConfigSchema(method: "ppo", keys: keys(.ppo))

    static func keys(_ algorithm: RLAlgorithm) -> [ConfigKey] {
        let lora = SFTJob.schema.keys.filter { $0.name.hasPrefix("lora_") }
        var keys = [
            ConfigKey("model", .string, default: .string("smollm2-135m"), help: "Model: a known name (smollm2-135m), a GGUF path or a Hugging Face folder", check: ConfigCheck.nonEmpty),
            ConfigKey("tasks", .string, optional: true, help: "Comma-separated task ids (default: every task of the split)", check: ConfigCheck.nonEmpty),
            ConfigKey("split", .string, default: .string("train"), help: "Split whose tasks train when no tasks are named: train or test", check: ConfigCheck.oneOf(["train", "test"])),
            ConfigKey("level", .int, optional: true, help: "Level index for every task (default: each task's default level)", check: ConfigCheck.atLeast(0)),
            ConfigKey("steps", .int, help: "Optimizer steps", check: ConfigCheck.atLeast(1)),
            ConfigKey("group_size", .int, default: .int(5), help: "Responses per prompt (G)", check: ConfigCheck.atLeast(1)),
            ConfigKey("prompts_per_step", .int, default: .int(4), help: "Prompts per step", check: ConfigCheck.atLeast(1)),
            ConfigKey("lr", .float, default: .float(1e-6), help: "Peak learning rate", check: ConfigCheck.positive),
            ConfigKey("warmup", .int, default: .int(0), help: "Linear warm-up steps (then cosine decay)", check: ConfigCheck.atLeast(0)),
            ConfigKey("clip_low", .float, default: .float(0.2), help: "Lower clip ε_low of the probability ratio", check: ConfigCheck.between(0, 1)),
            ConfigKey("clip_high", .float, default: .float(0.2), help: "Upper clip ε_high of the ratio (0.28 = DAPO clip-higher)", check: ConfigCheck.positive),
            ConfigKey("dual_clip", .float, default: .float(3), help: "Dual-clip constant for negative advantages (0 = off)", check: {
                if case .float(let d) = $0, !(d == 0 || (d.isFinite && d > 1)) { return "must be 0 (off) or > 1" }; return nil
            }),
            ConfigKey("kl_coef", .float, default: .float(0.001),
                      help: "KL coefficient β to the starting model: k3 in the loss (grpo) or k1 per token in the reward (ppo)",
                      check: ConfigCheck.nonNegative),
            ConfigKey("loss_agg", .string, default: .string(LossAggregation.tokenMean.rawValue),
                      help: "Loss aggregation: token-mean, seq-mean-token-mean or seq-mean-token-sum-norm",
                      check: ConfigCheck.oneOf(LossAggregation.allCases.map(\.rawValue))),
            ConfigKey("no_std_norm", .bool, default: .bool(false), help: "Do not divide group advantages by their std (Dr.GRPO)"),
            ConfigKey("dynamic_sampling", .bool, default: .bool(false), help: "Drop groups whose rewards are all equal and draw more prompts (DAPO)"),
            ConfigKey("max_gen_batches", .int, default: .int(3), help: "Rollout batches per step at most with dynamic sampling", check: ConfigCheck.atLeast(1)),
            ConfigKey("ppo_epochs", .int, default: .int(1), help: "Update passes over each step's batch", check: ConfigCheck.atLeast(1)),
            ConfigKey("max_code_calls", .int, default: .int(4), help: "Code blocks run per trace", check: ConfigCheck.atLeast(0)),
            ConfigKey("max_tokens", .int, default: .int(512), help: "Generated plus appended tokens per trace (the response budget)", check: ConfigCheck.atLeast(1)),
            ConfigKey("max_turn_tokens", .int, optional: true, help: "New tokens per turn (default: max_tokens)", check: ConfigCheck.atLeast(1)),
            ConfigKey("temperature", .float, default: .float(1), help: "Rollout sampling temperature", check: ConfigCheck.positive),
            ConfigKey("style", .string, default: .string(PromptStyle.free.rawValue), help: "Prompt style: free, code or text",
                      check: ConfigCheck.oneOf(["free", "code", "text"])),
            ConfigKey("seed", .int, default: .int(0), help: "Seed for prompts, sampling and LoRA initialisation", check: ConfigCheck.atLeast(0)),
            ConfigKey("weight_decay", .float, default: .float(0), help: "AdamW weight decay (matrices only)", check: ConfigCheck.nonNegative),
            ConfigKey("clip", .float, default: .float(1), help: "Global gradient-norm clip (0 = off)", check: ConfigCheck.nonNegative),
            ConfigKey("rollout_weights", .string, default: .string("q8_0"), help: "Rollout engine weights: q8_0 (re-quantized after each update) or f32",
                      check: ConfigCheck.oneOf(["q8_0", "f32"])),
            ConfigKey("curriculum", .string, default: .string("none"),
                      help: "Curriculum: none; accuracy (raise a task's level above 0.7 rolling accuracy, lower it below 0.3); or potential (bins of 4p(1−p), highest first)",
                      check: ConfigCheck.oneOf(["none", "accuracy", "potential"])),
            ConfigKey("curriculum_window", .int, default: .int(20), help: "Outcomes per task in the accuracy curriculum's rolling window", check: ConfigCheck.atLeast(1)),
            ConfigKey("potential_questions", .int, default: .int(20), help: "Potential curriculum: training questions whose pass rate is estimated first", check: ConfigCheck.atLeast(1)),
            ConfigKey("potential_samples", .int, default: .int(8), help: "Potential curriculum: sampled answers per question (K)", check: ConfigCheck.atLeast(1)),
            ConfigKey("steps_per_stage", .int, default: .int(10), help: "Potential curriculum: steps per stage (stage k trains on bins 1…k)", check: ConfigCheck.atLeast(1)),
            ConfigKey("threads", .int, default: .int(2), help: "Threads", check: ConfigCheck.atLeast(1)),
        ] + lora + [
            ConfigKey("out", .string, optional: true, help: "Hugging Face folder written at the end (required in the foreground)", check: ConfigCheck.nonEmpty),
            ConfigKey("checkpoint_every", .int, default: .int(0),
                      help: "Steps between checkpoints: a background run's resumable ones, the out folder in the foreground (0: only at stop and end)",
                      check: ConfigCheck.atLeast(0)),
        ]
        if algorithm == .ppo {
            keys += [
                ConfigKey("gamma", .float, default: .float(1), help: "GAE discount γ", check: ConfigCheck.from(0, through: 1)),
                ConfigKey("lam", .float, default: .float(1), help: "GAE λ", check: ConfigCheck.from(0, through: 1)),
                ConfigKey("value_clip", .float, default: .float(0.5), help: "Value clip range around the old values", check: ConfigCheck.positive),
                ConfigKey("critic_lr", .float, default: .float(1e-3), help: "Value head learning rate", check: ConfigCheck.positive),
            ]
        }
        return keys
    }

    /// The run settings a resolved grpo/ppo config asks for. Throws TrainError for what the
    /// schema alone cannot see: unknown tasks, a level a task does not have, LoRA alpha without a rank.
    public static func settings(_ config: RunConfig) throws -> RLSettings {
        guard let algorithm = RLAlgorithm(rawValue: config.method) else { throw TrainError("\(config.method) is not an RL method") }
        if config.optionalDouble("lora_alpha") != nil && config.optionalInt("lora_rank") == nil {
            throw TrainError("config: lora_alpha (--lora-alpha) needs lora_rank (--lora-rank)")
        }
        var s = RLSettings()
        s.algorithm = algorithm
        let named = config.optionalString("tasks").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        for id in named where (try? TaskRegistry.task(id)) == nil { throw TrainError("config: tasks (--tasks): unknown task '\(id)'") }
        s.tasks = try EvaluationPlan.tasks(split: Split(rawValue: config.string("split")), named: named)
        guard !s.tasks.isEmpty else { throw TrainError("config: no tasks selected") }
        s.level = config.optionalInt("level")
        if let level = s.level {
            for id in s.tasks {
                let count = try TaskRegistry.task(id).info.levels.count
                guard level < count else { throw TrainError("config: level (--level) = \(level): task \(id) has levels 0…\(count - 1)") }
            }
        }
        s.groupSize = config.int("group_size"); s.promptsPerStep = config.int("prompts_per_step"); s.steps = config.int("steps")
        let maxTokens = config.int("max_tokens"), dualClip = config.double("dual_clip")
        var p = PolicySettings()
        p.clip = ClipSettings(low: config.double("clip_low"), high: config.double("clip_high"), dualClip: dualClip == 0 ? nil : dualClip)
        p.klCoef = algorithm == .grpo ? config.double("kl_coef") : 0
        p.aggregation = LossAggregation(rawValue: config.string("loss_agg"))!
        p.normLength = maxTokens; p.ppoEpochs = config.int("ppo_epochs"); p.temperature = config.double("temperature")
        p.lr = Float(config.double("lr")); p.warmup = config.int("warmup"); p.totalSteps = s.steps
        p.weightDecay = Float(config.double("weight_decay")); p.maxGradNorm = Float(config.double("clip"))
        if algorithm == .ppo {
            p.valueClip = config.double("value_clip"); p.criticLR = Float(config.double("critic_lr"))
            s.gamma = config.double("gamma"); s.lambda = config.double("lam"); s.klInReward = config.double("kl_coef")
        }
        s.policy = p
        s.advantage = GroupAdvantageSettings(normalizeByStd: !config.bool("no_std_norm"))
        s.dynamicSampling = config.bool("dynamic_sampling"); s.maxGenBatches = config.int("max_gen_batches")
        s.limits.maxCodeCalls = config.int("max_code_calls"); s.limits.maxTraceTokens = maxTokens
        s.limits.maxTurnTokens = config.optionalInt("max_turn_tokens") ?? maxTokens
        s.style = PromptStyle(rawValue: config.string("style"))!
        s.seed = UInt64(config.int("seed")); s.threads = config.int("threads")
        s.rolloutWeightType = Int32(config.string("rollout_weights") == "f32" ? R1K_F32 : R1K_Q8_0)
        switch config.string("curriculum") {
        case "potential":
            s.potentialCurriculum = (config.int("potential_questions"), config.int("potential_samples"), config.int("steps_per_stage"))
        case "accuracy":
            var levels: [String: Int] = [:], counts: [String: Int] = [:]
            for id in s.tasks {
                let info = try TaskRegistry.task(id).info
                levels[id] = s.level ?? info.defaultLevel; counts[id] = info.levels.count
            }
            s.levelCurriculum = LevelCurriculum(levels: levels, levelCounts: counts, window: config.int("curriculum_window"))
        default: break
        }
        return s
    }

    public let config: RunConfig
    public let run: RLRun
    let source: LocalModel
    let tokenizerFiles: [String: Data]
    /// Made at the first step (exporting a checkpoint needs no sandbox).
    var sandbox: Sandbox?
    var agent: CodeInterpreterAgent?
    public private(set) var completedSteps = 0
    public var totalSteps: Int { run.settings.steps }
    /// The last step's report (its traces, advantages and level changes).
    public private(set) var lastReport: RLStepReport?
    /// Hears the potential curriculum's bin sizes once they are estimated.
    public var onPotentials: ([Int]) -> Void = { _ in }
    /// Hears each step's report before step() returns (a background run stores its rollouts here).
    public var onReport: (RLStepReport) throws -> Void = { _ in }

    public var model: TrainModel { run.model.train }

    /// `adjust` changes the settings the config gives before the run is built (tests set a custom reward).
    public init(config: RunConfig, adjust: (inout RLSettings) -> Void = { _ in }) throws {
        self.config = config
        var settings = try RLJob.settings(config)
        adjust(&settings)
        let path: String
        do { path = try ModelCatalog.resolve(config.string("model")) } catch { throw TrainError("\(error)") }
        do { source = try LocalModel(path: path) } catch { throw TrainError("\(error)") }
        let train = try TrainModel(transformer: source.transformer)
        if let rank = config.optionalInt("lora_rank") {
            let lora = LoRASettings(rank: rank, alpha: config.optionalDouble("lora_alpha").map(Float.init),
                                    targets: try LoRATarget.parseList(config.string("lora_targets")), seed: settings.seed)
            train.lora = try LoRAAdapters(shape: train.shape, settings: lora)
        }
        let tok = source.tokenizer
        tokenizerFiles = source.format == .huggingFace
            ? R1Train.tokenizerFiles(copying: path) : try R1Train.tokenizerFiles(for: tok, chatTemplate: source.template.text)
        run = try RLRun(model: RLModel(train: train, config: source.transformer.config, tokenizer: tok, template: source.template),
                        settings: settings)
        // Test hook: every reward of this step is NaN, so its loss is too.
        run.poisonRewardsAtStep = ProcessInfo.processInfo.environment["R1CI_TEST_NAN_LOSS"].flatMap { Int($0) }
    }

    func codeAgent() throws -> CodeInterpreterAgent {
        if let agent { return agent }
        let box: Sandbox
        do { box = try Sandbox(config: SandboxConfig(slots: 2)) } catch { throw TrainError("sandbox: \(error)") }
        let made = CodeInterpreterAgent(runner: box, limits: run.settings.limits, style: run.settings.style)
        sandbox = box; agent = made
        return made
    }

    public func step() throws -> [String: Double] {
        let agent = try codeAgent()
        let run = self.run, number = completedSteps + 1
        var values: [String: Double] = [:]
        if run.settings.potentialCurriculum != nil && run.potentialCurriculum == nil {
            let bins = try blockOn { try await run.estimatePotentials(agent: agent) }
            onPotentials(bins)
            for (k, n) in bins.enumerated() { values["curriculum/bin\(k + 1)_questions"] = Double(n) }
        }
        let report = try blockOn { try await run.runStep(number, agent: agent) }
        try onReport(report)
        lastReport = report
        completedSteps = number
        for (name, value) in report.metrics.values { values[name] = value }
        return values
    }

    /// RL has no held-out loss; accuracy on held-out questions is `r1ci eval`'s job.
    public func evaluate() throws -> [String: Double] { [:] }

    // ── State for resume ──

    struct State: Codable {
        var completedSteps: Int, policySteps: Int, optimizerStep: Int, criticOptimizerStep: Int?
        var drawn: UInt64, trainableCount: Int
        var levelCurriculum: LevelCurriculum?, potentialCurriculum: PotentialCurriculum?
    }

    /// The fp32 buffers of the state, by file name.
    var stateBuffers: [(String, FloatBuffer)] {
        let trainer = run.trainer
        var buffers = [("params.f32", model.trainableParams), ("adamw_m.f32", trainer.optimizer.m), ("adamw_v.f32", trainer.optimizer.v)]
        if let head = trainer.valueHead, let critic = trainer.criticOptimizer {
            buffers += [("value_head.f32", head.params), ("critic_m.f32", critic.m), ("critic_v.f32", critic.v)]
        }
        return buffers
    }

    public func saveState(to dir: URL) throws {
        let trainer = run.trainer
        let state = State(completedSteps: completedSteps, policySteps: trainer.step, optimizerStep: trainer.optimizer.step,
                          criticOptimizerStep: trainer.criticOptimizer?.step, drawn: run.drawn,
                          trainableCount: model.trainableParams.count,
                          levelCurriculum: run.levelCurriculum, potentialCurriculum: run.potentialCurriculum)
        for (name, buffer) in stateBuffers { try writeFloats(buffer, to: dir.appendingPathComponent(name)) }
        try JSONEncoder().encode(state).write(to: dir.appendingPathComponent("state.json"))
        try Data(config.json().utf8).write(to: dir.appendingPathComponent("config.json"))
    }

    public func loadState(from dir: URL) throws {
        guard let data = try? Data(contentsOf: dir.appendingPathComponent("state.json")),
              let state = try? JSONDecoder().decode(State.self, from: data) else {
            throw TrainError("checkpoint \(dir.path) has no readable state.json")
        }
        guard state.trainableCount == model.trainableParams.count else {
            throw TrainError("checkpoint \(dir.path) holds \(state.trainableCount) trained values; this config trains \(model.trainableParams.count)")
        }
        for (name, buffer) in stateBuffers { try readFloats(into: buffer, from: dir.appendingPathComponent(name)) }
        let trainer = run.trainer
        trainer.step = state.policySteps
        trainer.optimizer.step = state.optimizerStep
        if let critic = trainer.criticOptimizer { critic.step = state.criticOptimizerStep ?? 0 }
        run.drawn = state.drawn
        run.step = state.completedSteps
        run.levelCurriculum = state.levelCurriculum
        run.potentialCurriculum = state.potentialCurriculum
        completedSteps = state.completedSteps
    }

    /// Writes the configured output folder and closes the sandbox.
    public func finish() throws {
        defer { close() }
        guard let out = config.optionalString("out") else { return }
        try writeHFModel(to: out)
    }

    /// Ends the sandbox's processes (the job can step again afterwards: a new sandbox is made).
    public func close() {
        guard let box = sandbox else { return }
        sandbox = nil; agent = nil
        try? blockOn { await box.shutdown() }
    }

    /// The current weights as a Hugging Face folder (LoRA merged into the written copy; the
    /// adapters and base in memory stay as they were, so training can go on).
    public func writeHFModel(to folder: String) throws {
        let tok = source.tokenizer
        let info = HFCheckpointInfo(contextLength: source.transformer.config.contextLength, bos: tok.bos, eos: tok.eos)
        guard let lora = model.lora else { return try writeHFCheckpoint(model, info: info, extraFiles: tokenizerFiles, to: folder) }
        let base = FloatBuffer(count: model.params.count)
        base.copy(from: model.params)
        model.mergeLoRA()
        defer { model.params.copy(from: base); model.lora = lora }
        try writeHFCheckpoint(model, info: info, extraFiles: tokenizerFiles, to: folder)
    }
}
