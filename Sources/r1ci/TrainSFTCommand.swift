// `r1ci train sft`: supervised fine-tuning on chat JSONL. Options come from
// `--config FILE` (YAML or JSON, snake_case keys) with every flag overriding
// its key. In the foreground it prints one line per step and writes a Hugging
// Face folder (temp name + rename); with --background it records a run in the
// workspace and returns at once (see `r1ci runs`).

import ArgumentParser
import Foundation
import R1Engine
import R1Store
import R1Train

struct TrainSFT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sft",
        abstract: "Fine-tune on chat JSONL ({\"messages\": [...]} per line); loss only on assistant tokens, execution results masked.")

    @Option(name: .long, help: "Run config: YAML or JSON with the snake_case names of these options (flags override it).") var config: String?
    @Option(name: .long, help: "Model: a known name (smollm2-135m), a GGUF path or a Hugging Face folder.") var model: String?
    @Option(name: .long, help: "Training data: JSONL, one {\"messages\": [{\"role\", \"content\"}, …]} per line.") var data: String?
    @Option(name: .long, help: "Optimizer steps.") var steps: Int?
    @Option(name: .long, help: "Peak learning rate (default 1e-5).") var lr: Double?
    @Option(name: .long, help: "Conversations per step, padded to the longest (default 1).") var batch: Int?
    @Option(name: .long, help: "Maximum tokens per conversation; longer ones are cut (default 512).") var seq: Int?
    @Option(name: .long, help: "Linear warm-up steps, then cosine decay to 0 (default 0).") var warmup: Int?
    @Option(name: .long, help: "AdamW weight decay, matrices only (default 0).") var weightDecay: Double?
    @Option(name: .long, help: "Global gradient-norm clip, 0 = off (default 1).") var clip: Double?
    @Option(name: .long, help: "Seed for the held-out split and the data order (default 0).") var seed: Int?
    @Option(name: .long, help: "Fraction of conversations held out for the evaluation loss (default 0.05).") var evalFraction: Double?
    @Option(name: .long, help: "Threads (default 2).") var threads: Int?
    @Option(name: .long, help: "Output folder for the final model (Hugging Face layout); required in the foreground.") var out: String?
    @Option(name: .long, help: "Train LoRA adapters of this rank instead of every weight (the output is the merged model).") var loraRank: Int?
    @Option(name: .long, help: "LoRA alpha: the update is scaled by alpha/rank (default 2·rank).") var loraAlpha: Double?
    @Option(name: .long, help: "Linear layers that get adapters, from q,k,v,o,gate,up,down.") var loraTargets: String?
    @Option(name: .long, help: "Background runs: steps between checkpoints (default 0: at stop and at the end).") var checkpointEvery: Int?
    @Flag(name: .long, help: "Run in the background as a workspace run (see `r1ci runs`); prints the run id.") var background = false
    @Option(name: .long, help: "Name of the background run.") var name: String?
    @Flag(name: .long, help: "Print JSON lines instead of text.") var json = false
    @OptionGroup var workspace: WorkspaceOption

    /// The flags given on the command line, by config key.
    var flagValues: [String: ConfigValue] {
        var v: [String: ConfigValue] = [:]
        if let model { v["model"] = .string(model) }
        if let data { v["data"] = .string(data) }
        if let steps { v["steps"] = .int(steps) }
        if let lr { v["lr"] = .float(lr) }
        if let batch { v["batch"] = .int(batch) }
        if let seq { v["seq"] = .int(seq) }
        if let warmup { v["warmup"] = .int(warmup) }
        if let weightDecay { v["weight_decay"] = .float(weightDecay) }
        if let clip { v["clip"] = .float(clip) }
        if let seed { v["seed"] = .int(seed) }
        if let evalFraction { v["eval_fraction"] = .float(evalFraction) }
        if let threads { v["threads"] = .int(threads) }
        if let out { v["out"] = .string(out) }
        if let loraRank { v["lora_rank"] = .int(loraRank) }
        if let loraAlpha { v["lora_alpha"] = .float(loraAlpha) }
        if let loraTargets { v["lora_targets"] = .string(loraTargets) }
        if let checkpointEvery { v["checkpoint_every"] = .int(checkpointEvery) }
        return v
    }

    func run() throws {
        let resolved = try resolveRunConfig(SFTJob.schema, file: config, flags: flagValues)
        if background { return try startInBackground(resolved, name: name, json: json, workspace: workspace) }
        guard let outPath = resolved.optionalString("out") else { throw InputError("config: out (--out) is required in the foreground") }
        let job = try trainWrap { try SFTJob(config: resolved) }
        let sft = job.sft, dataset = sft.data

        func line(_ obj: [String: Any], _ text: String) {
            if json, let d = try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]) {
                emit(String(decoding: d, as: UTF8.self))
            } else { emit(text) }
        }
        let modelTokens = dataset.train.reduce(0) { $0 + $1.modelTokenCount }
        line(["event": "start", "train": dataset.train.count, "held_out": dataset.heldOut.count, "model_tokens": modelTokens,
              "truncated": dataset.truncated, "dropped": dataset.dropped, "params": job.model.layout.totalCount,
              "trainable_params": job.model.trainableLayout.totalCount],
             "sft: \(dataset.train.count) training / \(dataset.heldOut.count) held-out conversations, \(modelTokens) model tokens"
                + " (\(dataset.truncated) cut at \(resolved.int("seq")) tokens, \(dataset.dropped) without model tokens dropped)")
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
        if let after { line(["event": "eval", "step": job.totalSteps, "eval_loss": after], String(format: "step %d held-out loss %.4f", job.totalSteps, after)) }
        try trainWrap { try job.writeHFModel(to: outPath) }
        line(["event": "saved", "path": outPath], "saved \(outPath)")
    }
}

/// The run config from an optional file and the flags given, checked against `schema`.
func resolveRunConfig(_ schema: RunConfigSchema, file: String?, flags: [String: ConfigValue]) throws -> RunConfig {
    try trainWrap {
        var values = try file.map { try schema.values(from: try readConfigFile($0), origin: $0) } ?? [:]
        values.merge(flags) { _, flag in flag }
        // Paths made absolute: a background worker or a later resume may run from another folder.
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for key in ["data", "out", "model"] {
            guard case .string(let path)? = values[key], !path.isEmpty, !path.hasPrefix("/") else { continue }
            if key == "model" && !FileManager.default.fileExists(atPath: path) { continue }   // a catalogue name
            values[key] = .string(URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL.path)
        }
        return try schema.resolve(file: values)
    }
}

/// Records a run for `config` in the workspace and starts its worker; prints the run id.
func startInBackground(_ config: RunConfig, name: String?, json: Bool, workspace: WorkspaceOption) throws {
    let ws = try workspace.open()
    let id = try trainWrap { try RunLauncher.start(workspace: ws, config: config, name: name, executable: try selfExecutable()) }
    if json { emit(#"{"run": \#(id), "state": "queued"}"#) } else { emit("run \(id) started (r1ci runs show \(id) --follow)") }
}

/// This executable's path (what background workers run).
func selfExecutable() throws -> String {
    guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
        throw InputError("cannot find the r1ci executable (/proc/self/exe)")
    }
    return path
}
