// GRPO and PPO through the r1ci binary on the tiny llama fixture (its context
// raised so a task prompt fits): a background GRPO run records every step's
// rollouts; one whose step 3 loss is NaN fails with one clear line, keeps its
// step-2 checkpoint, and resumed gives the uninterrupted run's metrics and
// rollouts; PPO in the foreground writes its folder; bad configs are one line,
// exit 2 and nothing recorded; every flag is a config key.

import Foundation
import Testing

@Suite(.serialized) struct RLRunsCLITests {
    /// A temporary folder holding the tiny llama with a 4096-token context.
    func scratch() throws -> (URL, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-rlruns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var bytes = [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent("Tests/R1EngineTests/Fixtures/tiny-llama.gguf")))
        let key = Array("llama.context_length".utf8)
        let at = try #require((0...(bytes.count - key.count)).first { bytes[$0..<($0 + key.count)].elementsEqual(key) })
        withUnsafeBytes(of: UInt32(4096).littleEndian) { bytes.replaceSubrange((at + key.count + 4)..<(at + key.count + 8), with: $0) }
        let model = dir.appendingPathComponent("tiny.gguf").path
        try Data(bytes).write(to: URL(fileURLWithPath: model))
        return (dir, model)
    }

    func config(_ model: String, steps: Int, extra: String = "") -> String {
        """
        method: grpo
        model: \(model)
        tasks: gcd,lcm
        steps: \(steps)
        group_size: 2
        prompts_per_step: 2
        max_tokens: 10
        max_code_calls: 1
        lr: 0.01
        seed: 4
        checkpoint_every: 1
        \(extra)
        """
    }

    func start(_ ws: String, _ cfg: String, env: [String: String] = [:]) throws -> Int {
        let run = try r1ci(["train", "grpo", "--config", cfg, "--background", "--json", "--workspace", ws], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let first = try #require(run.stdout.split(separator: "\n").first)
        return try #require(try jsonObject(first)["run"] as? Int)
    }

    /// step → the metrics that do not depend on the clock, from the run's metrics.jsonl.
    func metrics(_ ws: String, _ id: Int) throws -> [Int: [String: Double]] {
        let text = try String(contentsOfFile: "\(ws)/runs/\(id)/metrics.jsonl", encoding: .utf8)
        var out: [Int: [String: Double]] = [:]
        for line in text.split(separator: "\n") {
            let obj = try jsonObject(line)
            let step = try #require(obj["step"] as? Int)
            #expect(out[step] == nil, "step \(step) logged twice")
            let data = try #require(obj["data"] as? [String: Double])
            out[step] = data.filter { !$0.key.hasPrefix("timing_s/") }
        }
        return out
    }

    /// `runs rollouts --json` as an object, with the trace ids left out (they differ between runs).
    func rollouts(_ ws: String, _ id: Int, step: Int? = nil) throws -> [String: Any] {
        let r = try r1ci(["runs", "rollouts", String(id), "--json", "--workspace", ws] + (step.map { ["--step", String($0)] } ?? []))
        #expect(r.status == 0, "\(r.stderr)")
        return try jsonObject(Substring(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    func withoutTraceIDs(_ obj: [String: Any]) -> String {
        var groups = obj["groups"] as? [[String: Any]] ?? []
        for g in groups.indices {
            groups[g]["samples"] = (groups[g]["samples"] as? [[String: Any]] ?? []).map { $0.filter { $0.key != "trace_id" } }
        }
        var copy = obj
        copy["groups"] = groups
        copy.removeValue(forKey: "run")
        let data = (try? JSONSerialization.data(withJSONObject: copy, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func backgroundGRPORecordsRolloutsAndANaNStepFailsAndResumes() throws {
        let (dir, model) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("ws").path
        let cfg = dir.appendingPathComponent("grpo.yaml").path
        try config(model, steps: 3).write(toFile: cfg, atomically: true, encoding: .utf8)
        let runs = RunsCLITests()

        // Uninterrupted.
        let a = try start(ws, cfg)
        #expect(try runs.waitForEnd(ws, a)["state"] as? String == "finished")
        let reference = try metrics(ws, a)
        #expect(reference.keys.sorted() == [1, 2, 3])
        for name in ["critic/score/mean", "actor/pg_loss", "actor/entropy", "actor/grad_norm", "response_length/mean", "num_turns/mean"] {
            #expect(reference[3]?[name]?.isFinite == true, "\(name)")
        }
        let latest = try rollouts(ws, a)
        #expect(latest["step"] as? Int == 3 && latest["steps"] as? [Int] == [1, 2, 3])
        let groups = try #require(latest["groups"] as? [[String: Any]])
        #expect(groups.count == 2)
        for g in groups {
            #expect(["gcd", "lcm"].contains(g["task"] as? String ?? "") && !(g["question"] as? String ?? "").isEmpty)
            let samples = try #require(g["samples"] as? [[String: Any]])
            #expect(samples.count == 2)
            for s in samples {
                #expect(s["trace_id"] is Int && s["reward"] is Double && s["advantage"] is Double && s["correct"] is Bool)
                #expect((s["generated_tokens"] as? Int ?? 0) >= 1 && (s["generated_tokens"] as? Int ?? 99) <= 10)
                #expect(s.keys.contains("answer") && s["end"] is String)
            }
        }
        #expect(try rollouts(ws, a, step: 1)["step"] as? Int == 1)
        let table = try r1ci(["runs", "rollouts", String(a), "--step", "2", "--workspace", ws])
        let lines = table.stdout.split(separator: "\n")
        #expect(table.status == 0 && lines.count == 2 + 4, "\(table.stdout)")
        #expect(lines.first == "run \(a) step 2 (steps with rollouts: 1,2,3)")
        #expect(lines.dropFirst().first == "group\ttask\treward\tadvantage\tcorrect\tturns\tend")
        let none = try r1ci(["runs", "rollouts", "99", "--workspace", ws])
        #expect(none.status == 2 && none.stderr.hasPrefix("r1ci: no run 99") && none.stderr.split(separator: "\n").count == 1, "\(none.stderr)")

        // Step 3's loss poisoned: the run fails naming it; the step-2 checkpoint stays and resumes.
        let b = try start(ws, cfg, env: ["R1CI_TEST_NAN_LOSS": "3"])
        let failed = try runs.waitForEnd(ws, b)
        #expect(failed["state"] as? String == "failed")
        let message = failed["message"] as? String ?? ""
        #expect(message.hasPrefix("step 3: loss is NaN; the update is refused") && !message.contains("\n"), "\(message)")
        #expect(failed["checkpointStep"] as? Int == 2)
        let log = try String(contentsOfFile: "\(ws)/runs/\(b)/worker.log", encoding: .utf8)
        #expect(log.contains("r1ci: step 3: loss is NaN"), "\(log)")
        #expect(try rollouts(ws, b)["steps"] as? [Int] == [1, 2])
        #expect(try r1ci(["runs", "resume", String(b), "--workspace", ws]).status == 0)
        #expect(try runs.waitForEnd(ws, b)["state"] as? String == "finished")
        #expect(try metrics(ws, b) == reference)
        for step in 1...3 {
            #expect(withoutTraceIDs(try rollouts(ws, b, step: step)) == withoutTraceIDs(try rollouts(ws, a, step: step)), "step \(step)")
        }
    }

    @Test func ppoInTheForegroundWritesItsFolder() throws {
        let (dir, model) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ppo-out").path
        let run = try r1ci(["train", "ppo", "--model", model, "--tasks", "gcd", "--steps", "2", "--group-size", "2",
                            "--prompts-per-step", "1", "--max-tokens", "8", "--lora-rank", "2", "--gamma", "0.9",
                            "--checkpoint-every", "1", "--out", out, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(run.stdout)")
        let first = try jsonObject(lines[0])
        #expect(first["step"] as? Int == 1 && (first["data"] as? [String: Any])?["critic/vf_loss"] != nil)
        #expect(FileManager.default.fileExists(atPath: out + "/model.safetensors"))
    }

    @Test func badRLConfigsAreOneLineAndRecordNothing() throws {
        let (dir, model) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, [String], String)] = [
            ("steps: 2\ngroup_sise: 4\n", [], "unknown key 'group_sise'"),
            ("steps: 2\ngroup_size: -1\n", [], "group_size (--group-size) = -1: must be ≥ 1"),
            ("steps: 2\nclip_low: 1.5\n", [], "clip_low (--clip-low) = 1.5"),
            ("steps: 2\nloss_agg: sum\n", [], "loss_agg (--loss-agg) = sum"),
            ("steps: 2\n", ["--temperature", "0"], "temperature (--temperature) = 0"),
            ("steps: 2\ntasks: gcd,no_such_task\n", [], "unknown task 'no_such_task'"),
            ("steps: 2\nlevel: 99\n", [], "level (--level) = 99"),
            ("steps: 2\nlora_alpha: 4\n", [], "lora_alpha (--lora-alpha) needs lora_rank"),
            ("method: sft\nsteps: 2\n", [], "method is sft, expected grpo"),
        ]
        for (text, extra, named) in cases {
            let bad = dir.appendingPathComponent("bad.yaml").path
            try ("model: \(model)\ntasks: gcd\n" + text).write(toFile: bad, atomically: true, encoding: .utf8)
            let ws = dir.appendingPathComponent("ws").path
            let run = try r1ci(["train", "grpo", "--config", bad, "--background", "--workspace", ws] + extra)
            #expect(run.status == 2, "\(text)")
            #expect(run.stderr.hasPrefix("r1ci: ") && run.stderr.contains(named) && run.stderr.split(separator: "\n").count == 1,
                    "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: ws), "a workspace was created for \(text)")
        }
        let ppo = try r1ci(["train", "ppo", "--steps", "1", "--lam", "1.5", "--out", dir.appendingPathComponent("o").path])
        #expect(ppo.status == 2 && ppo.stderr.contains("lam (--lam) = 1.5"), "\(ppo.stderr)")
    }

    /// Each flag sets its config key (seen in --print-config), and the flags are exactly the schema's keys
    /// (as the unknown-key error lists them).
    @Test(arguments: ["grpo", "ppo"])
    func everyFlagIsAConfigKey(method: String) throws {
        var flags: [(String, String, Any)] = [
            ("model", "m.gguf", "m.gguf"), ("tasks", "gcd", "gcd"), ("split", "test", "test"), ("level", "1", 1),
            ("steps", "9", 9), ("group_size", "3", 3), ("prompts_per_step", "2", 2), ("lr", "0.5", 0.5), ("warmup", "2", 2),
            ("clip_low", "0.1", 0.1), ("clip_high", "0.3", 0.3), ("dual_clip", "0", 0.0), ("kl_coef", "0.25", 0.25),
            ("loss_agg", "seq-mean-token-mean", "seq-mean-token-mean"), ("max_gen_batches", "5", 5), ("ppo_epochs", "2", 2),
            ("max_code_calls", "2", 2), ("max_tokens", "64", 64), ("max_turn_tokens", "32", 32), ("temperature", "0.5", 0.5),
            ("style", "code", "code"), ("seed", "11", 11), ("weight_decay", "0.125", 0.125), ("clip", "0.75", 0.75),
            ("rollout_weights", "f32", "f32"), ("curriculum", "accuracy", "accuracy"), ("curriculum_window", "6", 6),
            ("potential_questions", "7", 7), ("potential_samples", "3", 3), ("steps_per_stage", "4", 4), ("threads", "1", 1),
            ("lora_rank", "4", 4), ("lora_alpha", "16", 16.0), ("lora_targets", "q,v", "q,v"), ("checkpoint_every", "3", 3),
        ]
        if method == "ppo" { flags += [("gamma", "0.5", 0.5), ("lam", "0.25", 0.25), ("value_clip", "0.125", 0.125), ("critic_lr", "0.5", 0.5)] }
        let switches = ["no_std_norm", "dynamic_sampling"]
        var args = ["train", method, "--print-config", "--out", "/tmp/x"]
        for (key, value, _) in flags where key != "out" { args += ["--" + key.replacingOccurrences(of: "_", with: "-"), value] }
        args += switches.map { "--" + $0.replacingOccurrences(of: "_", with: "-") }
        let run = try r1ci(args)
        #expect(run.status == 0, "\(run.stderr)")
        let printed = try jsonObject(Substring(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        for (key, _, expected) in flags {
            let got = printed[key]
            switch expected {
            case let d as Double: #expect(got as? Double == d, "\(key): \(String(describing: got))")
            case let i as Int: #expect(got as? Int == i, "\(key): \(String(describing: got))")
            default: #expect(got as? String == expected as? String, "\(key): \(String(describing: got))")
            }
        }
        for key in switches { #expect(printed[key] as? Bool == true, "\(key)") }
        #expect(printed["method"] as? String == method)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-unknown-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "nonsense: 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let unknown = try r1ci(["train", method, "--config", file, "--print-config"])
        let known = try #require(unknown.stderr.split(separator: "(known: ").last).dropLast(2).split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(Set(known) == Set(flags.map(\.0) + switches + ["out"]))
        #expect(Set(printed.keys) == Set(known + ["method"]))
    }
}
