// GRPO and PPO as resumable jobs, on the tiny llama fixture: a job stopped
// after k steps, its state saved and loaded into a fresh job, continues with
// exactly the per-step metrics and final weights of an uninterrupted job; a
// step whose loss is NaN is refused, leaves the weights as they were, and the
// last checkpoint resumes.

import Foundation
import Testing
import R1Agent
@testable import R1Train

/// The tiny llama fixture with its context length raised from 128 (too short for a task prompt in
/// its byte-level tokens) to `context`, written into `dir`.
func longContextTinyLlama(in dir: URL, context: UInt32 = 4096) throws -> String {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../R1EngineTests/Fixtures/tiny-llama.gguf").standardized
    var bytes = [UInt8](try Data(contentsOf: fixture))
    let key = Array("llama.context_length".utf8)
    let at = try #require((0...(bytes.count - key.count)).first { bytes[$0..<($0 + key.count)].elementsEqual(key) })
    let value = at + key.count + 4                                 // after the key: the u32 type tag, then the value
    withUnsafeBytes(of: context.littleEndian) { bytes.replaceSubrange(value..<(value + 4), with: $0) }
    let path = dir.appendingPathComponent("tiny-llama-\(context).gguf")
    try Data(bytes).write(to: path)
    return path.path
}

@Suite(.serialized) struct RLJobTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-rljob-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Tiny settings: 2 prompts × 2 responses of at most 10 tokens per step.
    func config(_ method: String, model: String, steps: Int, extra: [String: ConfigValue] = [:]) throws -> RunConfig {
        let schema = try #require(TrainingMethod.all[method]).schema
        var values: [String: ConfigValue] = [
            "model": .string(model), "tasks": .string("gcd,lcm"), "steps": .int(steps), "group_size": .int(2),
            "prompts_per_step": .int(2), "max_tokens": .int(10), "max_code_calls": .int(1), "lr": .float(2e-3),
            "kl_coef": .float(0.05), "seed": .int(7), "rollout_weights": .string("f32"),
        ]
        values.merge(extra) { _, b in b }
        return try schema.resolve(file: values)
    }

    /// A job whose reward is the trace's mean sampled log-probability: the random model never answers,
    /// so task rewards would all be equal, every advantage zero, and nothing would train.
    func job(_ config: RunConfig) throws -> RLJob {
        try RLJob(config: config) { s in
            s.customReward = { t in
                let lp = t.segments.filter { $0.kind == .model }.flatMap(\.logprobs)
                return lp.isEmpty ? 0 : Double(lp.reduce(0, +)) / Double(lp.count)
            }
        }
    }

    /// The metrics that do not depend on the clock.
    func deterministic(_ m: [String: Double]) -> [String: Double] {
        m.filter { !$0.key.hasPrefix("timing_s/") && !$0.key.hasPrefix("perf/throughput") }
    }

    @Test(arguments: [
        ("ppo", ["lora_rank": .int(2), "ppo_epochs": .int(2), "curriculum": .string("accuracy"), "curriculum_window": .int(2)]
            as [String: ConfigValue]),
        ("grpo", ["curriculum": .string("potential"), "potential_questions": .int(3), "potential_samples": .int(2),
                  "steps_per_stage": .int(1)]),
    ])
    func stoppedAndResumedContinuesTheSameSteps(method: String, extra: [String: ConfigValue]) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try self.config(method, model: try longContextTinyLlama(in: dir), steps: 4, extra: extra)

        // One job: 2 steps, its state saved, 2 more steps (the reference). Another: the state loaded, 2 steps.
        let straight = try job(config)
        defer { straight.close() }
        let start = straight.model.trainableParams.array()
        var reference = try (0..<2).map { _ in deterministic(try straight.step()) }
        let state = dir.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try straight.saveState(to: state)
        reference += try (2..<4).map { _ in deterministic(try straight.step()) }
        #expect(straight.model.trainableParams.array() != start, "the weights moved")
        #expect(reference.allSatisfy { $0["actor/pg_loss"]?.isFinite == true })
        #expect(Set(reference.map { $0["critic/score/mean"] ?? 0 }).count > 1, "steps saw different rollouts")

        let resumed = try job(config)
        defer { resumed.close() }
        try resumed.loadState(from: state)
        #expect(resumed.completedSteps == 2)
        let continued = try (2..<4).map { _ in deterministic(try resumed.step()) }
        #expect(continued == Array(reference[2...]))
        #expect(resumed.model.trainableParams.array() == straight.model.trainableParams.array())
        if method == "ppo" {
            #expect(resumed.run.trainer.valueHead!.params.array() == straight.run.trainer.valueHead!.params.array())
        }
    }

    @Test func aNaNLossIsRefusedAndTheLastCheckpointResumes() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try self.config("grpo", model: try longContextTinyLlama(in: dir), steps: 3)
        let poisoned = try job(config)
        defer { poisoned.close() }
        poisoned.run.poisonRewardsAtStep = 2
        let checkpoints = CheckpointFolder(root: dir.appendingPathComponent("checkpoints"))
        let driver = RunDriver(job: poisoned, checkpoints: checkpoints, sinks: [], checkpointEvery: 1, shouldStop: { false })
        #expect { try driver.run() } throws: { error in
            "\(error)".hasPrefix("step 2: loss is NaN; the update is refused")
        }
        #expect(poisoned.completedSteps == 1)
        let latest = try #require(checkpoints.latest())
        #expect(latest.lastPathComponent == "step-000001")
        let saved = FloatBuffer(count: poisoned.model.trainableParams.count)
        try readFloats(into: saved, from: latest.appendingPathComponent("params.f32"))
        #expect(saved.array() == poisoned.model.trainableParams.array(), "the refused step changed no weight")

        let resumed = try job(config)
        defer { resumed.close() }
        try resumed.loadState(from: latest)
        let m = try resumed.step()
        #expect(resumed.completedSteps == 2 && m["actor/pg_loss"]?.isFinite == true)
    }
}
