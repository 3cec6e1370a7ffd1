// `r1ci train grpo` and `r1ci train ppo`: reinforcement learning on the task
// library — rollouts with the code interpreter on the current weights
// (quantized), rewards from the task verifiers, an fp32 policy update. Options
// come from `--config FILE` (YAML or JSON) with every flag overriding its key;
// keys, defaults and help are RLJob's grpo/ppo schemas. In the foreground it
// prints one line (or JSON object) per step and writes --out (Hugging Face
// layout, atomically) every --checkpoint-every steps and at the end; with
// --background it records a workspace run and returns (see `r1ci runs`). A
// step whose loss is not finite is refused: exit 2, and what was written stays.

import ArgumentParser
import Foundation
import R1Sandbox
import R1Train

/// A flag's help: the schema key's help and its default.
func flagHelp(_ schema: RunConfigSchema, _ name: String) -> ArgumentHelp {
    guard let key = schema.key(name) else { preconditionFailure("no config key \(name)") }
    let value = key.defaultValue.map { " (default \($0))" } ?? ""
    return ArgumentHelp(key.help + value + ".")
}

private func grpoHelp(_ name: String) -> ArgumentHelp { flagHelp(RLJob.grpoSchema, name) }
private func ppoHelp(_ name: String) -> ArgumentHelp { flagHelp(RLJob.ppoSchema, name) }

/// The flags of both methods, one per key of the grpo schema.
struct RLOptions: ParsableArguments {
    @Option(name: .long, help: "Run config: YAML or JSON with the snake_case names of these options (flags override it).") var config: String?
    @Option(name: .long, help: grpoHelp("model")) var model: String?
    @Option(name: .long, help: grpoHelp("tasks")) var tasks: String?
    @Option(name: .long, help: grpoHelp("split")) var split: String?
    @Option(name: .long, help: grpoHelp("level")) var level: Int?
    @Option(name: .long, help: grpoHelp("steps")) var steps: Int?
    @Option(name: .long, help: grpoHelp("group_size")) var groupSize: Int?
    @Option(name: .long, help: grpoHelp("prompts_per_step")) var promptsPerStep: Int?
    @Option(name: .long, help: grpoHelp("lr")) var lr: Double?
    @Option(name: .long, help: grpoHelp("warmup")) var warmup: Int?
    @Option(name: .long, help: grpoHelp("clip_low")) var clipLow: Double?
    @Option(name: .long, help: grpoHelp("clip_high")) var clipHigh: Double?
    @Option(name: .long, help: grpoHelp("dual_clip")) var dualClip: Double?
    @Option(name: .long, help: grpoHelp("kl_coef")) var klCoef: Double?
    @Option(name: .long, help: grpoHelp("loss_agg")) var lossAgg: String?
    @Flag(name: .long, help: grpoHelp("no_std_norm")) var noStdNorm = false
    @Flag(name: .long, help: grpoHelp("dynamic_sampling")) var dynamicSampling = false
    @Option(name: .long, help: grpoHelp("max_gen_batches")) var maxGenBatches: Int?
    @Option(name: .long, help: grpoHelp("ppo_epochs")) var ppoEpochs: Int?
    @Option(name: .long, help: grpoHelp("max_code_calls")) var maxCodeCalls: Int?
    @Option(name: .long, help: grpoHelp("max_tokens")) var maxTokens: Int?
    @Option(name: .long, help: grpoHelp("max_turn_tokens")) var maxTurnTokens: Int?
    @Option(name: .long, help: grpoHelp("temperature")) var temperature: Double?
    @Option(name: .long, help: grpoHelp("style")) var style: String?
    @Option(name: .long, help: grpoHelp("seed")) var seed: Int?
    @Option(name: .long, help: grpoHelp("weight_decay")) var weightDecay: Double?
    @Option(name: .long, help: grpoHelp("clip")) var clip: Double?
    @Option(name: .long, help: grpoHelp("rollout_weights")) var rolloutWeights: String?
    @Option(name: .long, help: grpoHelp("curriculum")) var curriculum: String?
    @Option(name: .long, help: grpoHelp("curriculum_window")) var curriculumWindow: Int?
    @Option(name: .long, help: grpoHelp("potential_questions")) var potentialQuestions: Int?
    @Option(name: .long, help: grpoHelp("potential_samples")) var potentialSamples: Int?
    @Option(name: .long, help: grpoHelp("steps_per_stage")) var stepsPerStage: Int?
    @Option(name: .long, help: grpoHelp("threads")) var threads: Int?
    @Option(name: .long, help: grpoHelp("lora_rank")) var loraRank: Int?
    @Option(name: .long, help: grpoHelp("lora_alpha")) var loraAlpha: Double?
    @Option(name: .long, help: grpoHelp("lora_targets")) var loraTargets: String?
    @Option(name: .long, help: grpoHelp("out")) var out: String?
    @Option(name: .long, help: grpoHelp("checkpoint_every")) var checkpointEvery: Int?
    @Flag(name: .long, help: "Print the resolved run config (JSON that --config reads) and exit.") var printConfig = false
    @Flag(name: .long, help: "Run in the background as a workspace run (see `r1ci runs`); prints the run id.") var background = false
    @Option(name: .long, help: "Name of the background run.") var name: String?
    @Flag(name: .long, help: "Print one JSON object per step (verl file-logger form) instead of text.") var json = false
    @OptionGroup var workspace: WorkspaceOption

    /// The flags given on the command line, by config key (a boolean flag only when given).
    var flagValues: [String: ConfigValue] {
        var v: [String: ConfigValue] = [:]
        let strings: [(String, String?)] = [("model", model), ("tasks", tasks), ("split", split), ("loss_agg", lossAgg),
                                            ("style", style), ("rollout_weights", rolloutWeights), ("curriculum", curriculum),
                                            ("lora_targets", loraTargets), ("out", out)]
        let ints: [(String, Int?)] = [("level", level), ("steps", steps), ("group_size", groupSize), ("prompts_per_step", promptsPerStep),
                                      ("warmup", warmup), ("max_gen_batches", maxGenBatches), ("ppo_epochs", ppoEpochs),
                                      ("max_code_calls", maxCodeCalls), ("max_tokens", maxTokens), ("max_turn_tokens", maxTurnTokens),
                                      ("seed", seed), ("curriculum_window", curriculumWindow), ("potential_questions", potentialQuestions),
                                      ("potential_samples", potentialSamples), ("steps_per_stage", stepsPerStage), ("threads", threads),
                                      ("lora_rank", loraRank), ("checkpoint_every", checkpointEvery)]
        let floats: [(String, Double?)] = [("lr", lr), ("clip_low", clipLow), ("clip_high", clipHigh), ("dual_clip", dualClip),
                                           ("kl_coef", klCoef), ("temperature", temperature), ("weight_decay", weightDecay),
                                           ("clip", clip), ("lora_alpha", loraAlpha)]
        for (key, value) in strings { if let value { v[key] = .string(value) } }
        for (key, value) in ints { if let value { v[key] = .int(value) } }
        for (key, value) in floats { if let value { v[key] = .float(value) } }
        if noStdNorm { v["no_std_norm"] = .bool(true) }
        if dynamicSampling { v["dynamic_sampling"] = .bool(true) }
        return v
    }

    /// Resolves the config; then prints it, starts it in the background, or runs it here.
    func run(_ schema: RunConfigSchema, extraFlags: [String: ConfigValue] = [:]) throws {
        let resolved = try resolveRunConfig(schema, file: config, flags: flagValues.merging(extraFlags) { a, _ in a })
        // Imported tasks of an existing workspace count as known tasks.
        _ = try? workspace.openIfPresent()
        try trainWrap { try TrainingMethod.all[schema.method]!.check(resolved) }
        if printConfig { return emit(resolved.json()) }
        if background {
            let ws = try workspace.open()
            let id = try trainWrap { try RunLauncher.start(workspace: ws, config: resolved, name: name, executable: try selfExecutable()) }
            if json { emit(#"{"run": \#(id), "state": "queued"}"#) } else { emit("run \(id) started (r1ci runs show \(id) --follow)") }
            return
        }
        guard let out = resolved.optionalString("out") else { throw InputError("config: out (--out) is required in the foreground") }
        try foreground(resolved, out: out)
    }

    func foreground(_ config: RunConfig, out: String) throws {
        let job = try trainWrap { try RLJob(config: config) }
        defer { job.close() }
        let asJSON = json, every = config.int("checkpoint_every"), s = job.run.settings
        if !asJSON {
            emit("\(s.algorithm.rawValue): \(s.tasks.count) task(s), \(s.promptsPerStep) prompts × \(s.groupSize) responses per step, "
                 + "\(job.model.trainableLayout.totalCount) trainable parameters")
        }
        job.onPotentials = { bins in
            emit(asJSON ? "{\"event\":\"potential_bins\",\"sizes\":\(bins)}"
                        : "curriculum: questions per potential bin (Π ≥ 0.64, ≥ 0.48, ≥ 0.32, < 0.32): \(bins)")
        }
        do {
            while job.completedSteps < job.totalSteps {
                _ = try job.step()
                guard let r = job.lastReport else { continue }
                emit(asJSON ? r.metrics.jsonLine : r.metrics.line)
                for c in r.levelChanges where !asJSON {
                    emit(String(format: "curriculum: %@ level %d → %d (rolling accuracy %.2f)", c.task, c.from, c.to, c.accuracy))
                }
                if every > 0 && job.completedSteps % every == 0 && job.completedSteps < job.totalSteps {
                    try job.writeHFModel(to: out)
                    if !asJSON { emit("saved \(out) (step \(job.completedSteps))") }
                }
            }
            try job.finish()
        } catch let e as TrainError {
            throw InputError(e.description)
        } catch let e as SandboxError {
            throw InputError("sandbox: \(e.description)")
        }
        emit(asJSON ? "{\"event\":\"saved\",\"path\":\(String(reflecting: out))}" : "saved \(out)")
    }
}

struct TrainGRPO: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grpo",
        abstract: "GRPO on the task library: G code-interpreter rollouts per prompt, group-relative advantages, clipped fp32 update.")
    @OptionGroup var options: RLOptions
    func run() throws { try options.run(RLJob.grpoSchema) }
}

struct TrainPPO: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ppo",
        abstract: "PPO on the task library: a value head on the policy's final hidden state, GAE over model tokens, clipped updates.")
    @OptionGroup var options: RLOptions
    @Option(name: .long, help: ppoHelp("gamma")) var gamma: Double?
    @Option(name: .long, help: ppoHelp("lam")) var lam: Double?
    @Option(name: .long, help: ppoHelp("value_clip")) var valueClip: Double?
    @Option(name: .long, help: ppoHelp("critic_lr")) var criticLr: Double?

    func run() throws {
        var extra: [String: ConfigValue] = [:]
        for (key, value) in [("gamma", gamma), ("lam", lam), ("value_clip", valueClip), ("critic_lr", criticLr)] {
            if let value { extra[key] = .float(value) }
        }
        try options.run(RLJob.ppoSchema, extraFlags: extra)
    }
}
