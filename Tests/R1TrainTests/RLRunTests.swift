// On the real SmolLM2-135M-Instruct: the fp32 training forward's
// log-probabilities of a multi-turn sequence (model turns, an appended
// execution result, more model turns, through one KV cache) agree with the
// engine's sampling log-probabilities on the f32 path, and the gap of the
// quantized rollout path is reported; one GRPO step with the code interpreter
// (tiny group, few tokens) gives a finite loss, moves only the LoRA adapters
// that get gradient, and leaves the frozen base exactly as it was.

import Foundation
import XCTest
import R1Agent
import R1Engine
import R1Kernels
import R1Sandbox
@testable import R1Train

final class RLRunTests: XCTestCase {
    func smolLM() throws -> LocalModel {
        let path = ModelCatalog.cacheDirectory() + "/SmolLM2-135M-Instruct.Q4_1.gguf"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "SmolLM2 not downloaded")
        return try LocalModel(path: path)
    }

    /// A multi-turn sequence sampled by `engine` at `precision`: prompt, 12 model
    /// tokens, an execution-result block, 12 more model tokens.
    func multiTurn(_ engine: Engine, precision: Precision) throws -> PolicySequence {
        let session = EngineSession(engine: engine, sampling: SamplingParams(temperature: 1, seed: 11), precision: precision)
        let prompt = session.renderPrompt(system: "Answer with Python code.", user: "What is 17 * 23?")
        try session.append(prompt.tokens)
        var tokens = prompt.tokens, mask = [Int32](repeating: 0, count: prompt.tokens.count)
        var logprobs = [Float](repeating: 0, count: prompt.tokens.count)
        func turn() throws {
            let t = try session.generate(maxTokens: 12)
            tokens += t.tokens; logprobs += t.logprobs; mask += [Int32](repeating: 1, count: t.tokens.count)
        }
        try turn()
        let result = engine.tokenizer.encode("\n```output\n391\n```\n", parseSpecial: false)
        try session.append(result)
        tokens += result; logprobs += [Float](repeating: 0, count: result.count); mask += [Int32](repeating: 0, count: result.count)
        try turn()
        XCTAssertEqual(tokens, session.tokens, "the sequence is exactly what the engine saw")
        return PolicySequence(tokens: tokens, modelMask: mask, logprobs: logprobs)
    }

    func testRecomputedLogprobsMatchTheEngine() throws {
        let source = try smolLM()
        let model = try TrainModel(transformer: source.transformer)
        let trainer = PolicyTrainer(model: model, settings: PolicySettings())
        // f32 weights and activations: the same numbers up to summation order. Q8_0 with int8
        // activations (what rollouts use): only reported, with a loose bound on the mean.
        for (type, precision, maxBound, meanBound) in [(Int32(R1K_F32), Precision.f32, 2e-3, 5e-4),
                                                       (Int32(R1K_Q8_0), .int8Activations, Double.infinity, 0.3)] {
            let engine = try model.rolloutEngine(config: source.transformer.config, tokenizer: source.tokenizer,
                                                 template: source.template, weightType: type, threads: 2)
            let s = try multiTurn(engine, precision: precision)
            let logp = trainer.score([s])[0].logp
            var maxDiff = 0.0, sum = 0.0, n = 0.0
            for t in 0..<s.length where s.mask[t] > 0 {
                let d = abs(logp[t] - Double(s.rolloutLogprobs[t]))
                maxDiff = max(maxDiff, d); sum += d; n += 1
            }
            print(String(format: "rollout %@ vs fp32 trainer: %d model tokens, |Δ logp| mean %.2e max %.2e",
                         ggmlTypeName(type), Int(n), sum / n, maxDiff))
            XCTAssertGreaterThan(n, 2)
            XCTAssertLessThan(maxDiff, maxBound, "\(ggmlTypeName(type)) log-probabilities, largest gap")
            XCTAssertLessThan(sum / n, meanBound, "\(ggmlTypeName(type)) log-probabilities, mean gap")
        }
    }

    func testOneGRPOStepOnSmolLM() async throws {
        let source = try smolLM()
        let sandbox: Sandbox
        do { sandbox = try Sandbox(config: SandboxConfig(slots: 1)) } catch { throw XCTSkip("sandbox unavailable: \(error)") }
        let model = try TrainModel(transformer: source.transformer)
        model.lora = try LoRAAdapters(shape: model.shape, settings: LoRASettings(rank: 2, targets: [.q, .v], seed: 1))
        let base = model.params.array()
        let adaptersBefore = model.lora!.params.array()
        var s = RLSettings()
        s.tasks = ["lcm"]; s.groupSize = 2; s.promptsPerStep = 1; s.steps = 1; s.seed = 3
        s.limits.maxTraceTokens = 12; s.limits.maxTurnTokens = 12; s.limits.maxCodeCalls = 1
        s.policy.lr = 1e-3; s.policy.klCoef = 0.001; s.policy.normLength = 12
        // With 12 tokens no trace can answer, so task rewards would all be equal (zero advantage and,
        // at step 1, a zero KL gradient): reward the traces' mean sampled log-probability instead.
        s.customReward = { t in
            let lp = t.segments.filter { $0.kind == .model }.flatMap(\.logprobs)
            return lp.isEmpty ? 0 : Double(lp.reduce(0, +)) / Double(lp.count)
        }
        let run = try RLRun(model: RLModel(train: model, config: source.transformer.config, tokenizer: source.tokenizer,
                                           template: source.template), settings: s)
        var reports: [RLStepReport] = []
        try await run.run(sandbox: sandbox) { reports.append($0) }
        await sandbox.shutdown()
        XCTAssertEqual(reports.count, 1)
        let m = reports[0].metrics
        print(m.line)
        print(m.jsonLine)
        for name in ["actor/pg_loss", "actor/kl_loss", "actor/entropy", "actor/grad_norm", "response_length/mean",
                     "training/rollout_probs_diff_mean", "timing_s/gen", "timing_s/update_actor"] {
            XCTAssertTrue(m[name]?.isFinite == true, "\(name) = \(String(describing: m[name]))")
        }
        XCTAssertEqual(reports[0].traces.count, 1); XCTAssertEqual(reports[0].traces[0].count, 2)
        XCTAssertNotEqual(reports[0].advantages[0][0], 0, "the two samples' rewards differ")
        for trace in reports[0].traces[0] {
            XCTAssertLessThanOrEqual(trace.generatedTokens, 12)
            XCTAssertEqual(trace.tokenIDs.count, trace.logprobs.count)
        }
        XCTAssertEqual(model.params.array(), base, "the frozen base must not change")
        let after = model.lora!.params.array()
        // B starts at zero, so at the first step only B gets gradient (dA = s·Bᵀ·dY·x = 0):
        // every B moves, every A stays bit-identical (no gradient, no weight decay).
        for t in model.lora!.layout.tensors {
            let moved = (t.offset..<(t.offset + t.count)).contains { after[$0] != adaptersBefore[$0] }
            if t.name.hasSuffix("lora_b") { XCTAssertTrue(moved, "\(t.name) should have moved") }
            else { XCTAssertFalse(moved, "\(t.name) has no gradient at step 1 and must not move") }
        }
    }
}
