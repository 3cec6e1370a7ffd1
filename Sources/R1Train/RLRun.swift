// GRPO and PPO runs on the task library, in the foreground. Each step:
//   1. the rollout engine is rebuilt from the current weights (quantized),
//   2. G traces per prompt through R1Agent's batched rollouts (one shared
//      prefill per prompt), scored by the task verifiers (reward v2);
//      with dynamic sampling, groups whose rewards are all equal are dropped
//      and more prompts drawn until the batch is full or the budget is spent,
//   3. fp32 log-probabilities recomputed by the training forward on the exact
//      token ids (reference pass when a KL term needs one; PPO: values too),
//   4. advantages — GRPO: group-relative per response; PPO: GAE over model
//      tokens with the critic's values, whitened,
//   5. the policy update (PolicyTrainer), AdamW; a non-finite loss refuses it.
// Everything random comes from the seed: prompts, sampling, LoRA init.

import Foundation
import R1Agent
import R1Engine
import R1Kernels
import R1Sandbox
import R1Tasks

public enum RLAlgorithm: String, Sendable { case grpo, ppo }

public struct RLSettings: Sendable {
    public var algorithm = RLAlgorithm.grpo
    public var tasks: [String] = []
    /// Level index for every task; nil = each task's default level.
    public var level: Int?
    public var groupSize = 5
    public var promptsPerStep = 4
    public var steps = 1
    public var policy = PolicySettings()
    public var advantage = GroupAdvantageSettings()
    public var dynamicSampling = false
    /// Rollout batches per step at most when dynamic sampling refills.
    public var maxGenBatches = 3
    public var limits = AgentLimits()
    public var style = PromptStyle.free
    public var reward = RewardConfig()
    public var seed: UInt64 = 0
    public var threads = 2
    /// GGUF type of the rollout engine's matrices (Q8_0; F32 for exact sampling).
    public var rolloutWeightType = Int32(R1K_Q8_0)
    /// PPO: γ, λ of GAE and β of the KL-in-reward term (−β·(logπ_old − logπ_ref) per token).
    public var gamma = 1.0, lambda = 1.0, klInReward = 0.0
    /// Accuracy-threshold curriculum over task levels (nil: fixed levels).
    public var levelCurriculum: LevelCurriculum?
    /// The paper's improvement-potential schedule: before training, `samples` answers to
    /// each of `questions` training questions give Π = 4p(1−p); stage k then draws prompts
    /// from bins 1…k, `stepsPerStage` steps each (nil: tasks in turn).
    public var potentialCurriculum: (questions: Int, samples: Int, stepsPerStage: Int)?
    /// A reward function used instead of the task reward (verl's custom_reward_function);
    /// the task verdict is still recorded for accuracy.
    public var customReward: (@Sendable (Trace) -> Double)?
    public init() {}
}

/// The model being trained plus what the engine needs to run it.
public struct RLModel {
    public let train: TrainModel
    public let config: ModelConfig
    public let tokenizer: Tokenizer
    public let template: ChatTemplate
    public init(train: TrainModel, config: ModelConfig, tokenizer: Tokenizer, template: ChatTemplate) {
        self.train = train; self.config = config; self.tokenizer = tokenizer; self.template = template
    }
}

/// One step's outcome: the metrics and the scored traces with their advantages.
public struct RLStepReport: Sendable {
    public var metrics: RLStepMetrics
    /// Trained groups: traces[g][i] is sample i of group g.
    public var traces: [[Trace]]
    /// Per trained group, the reward of each response as the update used it.
    public var rewards: [[Double]]
    /// Per trained group, the advantage of each response (GRPO), or its mean over model tokens (PPO).
    public var advantages: [[Double]]
    /// Level changes the curriculum made this step.
    public var levelChanges: [LevelChange]
}

public final class RLRun: @unchecked Sendable {
    public let settings: RLSettings
    public let model: RLModel
    public let trainer: PolicyTrainer
    public internal(set) var levelCurriculum: LevelCurriculum?
    /// Set by `estimatePotentials` when settings ask for the potential schedule.
    public internal(set) var potentialCurriculum: PotentialCurriculum?
    /// The step being run (1-based) and questions drawn so far: with the seed, all the randomness there is.
    var step = 0
    var drawn: UInt64 = 0
    /// Test hook: every reward of this step is NaN, so its loss is too ($R1CI_TEST_NAN_LOSS for a job).
    public var poisonRewardsAtStep: Int?
    let tasks: [any ReasoningTask]

    public init(model: RLModel, settings: RLSettings) throws {
        guard !settings.tasks.isEmpty else { throw TrainError("no tasks to train on") }
        var tasks: [any ReasoningTask] = []
        for id in settings.tasks {
            guard let t = try? TaskRegistry.task(id) else { throw TrainError("unknown task '\(id)'") }
            if let level = settings.level, !t.info.levels.indices.contains(level) {
                throw TrainError("task \(id) has levels 0…\(t.info.levels.count - 1); --level \(level) is out of range")
            }
            tasks.append(t)
        }
        self.tasks = tasks; self.settings = settings; self.model = model
        levelCurriculum = settings.levelCurriculum
        var policy = settings.policy
        if settings.algorithm == .ppo { policy.klCoef = 0 }            // PPO puts the KL in the reward instead
        trainer = PolicyTrainer(model: model.train, settings: policy, critic: settings.algorithm == .ppo,
                                keepReference: settings.algorithm == .ppo && settings.klInReward > 0, threads: settings.threads)
    }

    /// SplitMix-style mixing of the run seed with a counter.
    func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &+ 0x9E37_79B9_7F4A_7C15 &* (b &+ 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next `count` training questions: tasks in turn, seeds from the run seed (training range).
    func drawPrompts(_ count: Int) throws -> [(prompt: RolloutPrompt, task: any ReasoningTask, item: TaskItem)] {
        if let c = potentialCurriculum {
            let pool = c.pool(atStep: step - 1)
            if !pool.isEmpty {
                return try (0..<count).map { _ in
                    let q = pool[Int(drawn % UInt64(pool.count))]
                    drawn += 1
                    return try question(TaskRegistry.task(q.task), seed: q.seed, level: q.level)
                }
            }
        }
        return try (0..<count).map { _ in
            let task = tasks[Int(drawn % UInt64(tasks.count))]
            let id = task.info.id
            let level = levelCurriculum?.levels[id] ?? settings.level ?? task.info.defaultLevel
            let seed = Splits.defaultTrainSeedRange.lowerBound
                + mix(settings.seed, drawn) % UInt64(Splits.defaultTrainSeedRange.count)
            drawn += 1
            return try question(task, seed: seed, level: level)
        }
    }

    func question(_ task: any ReasoningTask, seed: UInt64, level: Int) throws
            -> (prompt: RolloutPrompt, task: any ReasoningTask, item: TaskItem) {
        let item = try task.item(seed: seed, level: level)
        return (RolloutPrompt(question: item.question,
                              item: TraceItem(task: task.info.id, seed: item.seed, index: item.index, level: item.level)),
                task, item)
    }

    /// The potential schedule's offline pass: `samples` rollouts of each of `questions`
    /// training questions on the starting weights; returns the bins' sizes.
    public func estimatePotentials(agent: CodeInterpreterAgent) async throws -> [Int] {
        guard let p = settings.potentialCurriculum else { return [] }
        let engine = try model.train.rolloutEngine(config: model.config, tokenizer: model.tokenizer, template: model.template,
                                                   weightType: settings.rolloutWeightType, threads: settings.threads)
        let batch = try drawPrompts(p.questions)
        let sampling = SamplingParams(temperature: Float(settings.policy.temperature), seed: mix(settings.seed ^ 0x9071, 0))
        var (groups, _) = await Rollouts(engine: engine, agent: agent).run(batch.map { $0.prompt }, groupSize: p.samples,
                                                                           sampling: sampling)
        var questions: [CurriculumQuestion] = [], potentials: [Double] = []
        for g in groups.indices {
            for i in groups[g].indices {
                Scoring.score(&groups[g][i], task: batch[g].task, metadata: batch[g].item.metadata, config: settings.reward)
            }
            let correct = groups[g].filter { $0.verdict?.isCorrect == true }.count
            questions.append(CurriculumQuestion(task: batch[g].task.info.id, seed: batch[g].item.seed, level: batch[g].item.level))
            potentials.append(improvementPotential(correct: correct, samples: p.samples))
        }
        let c = PotentialCurriculum(questions: questions, potentials: potentials, stepsPerStage: p.stepsPerStage)
        potentialCurriculum = c
        return c.bins.map(\.count)
    }

    /// Runs every step; `report` hears each one as it finishes.
    /// `onPotentials` hears the bin sizes when the potential schedule is on.
    public func run(sandbox: Sandbox, onPotentials: (([Int]) -> Void)? = nil,
                    report: (RLStepReport) throws -> Void) async throws {
        let agent = CodeInterpreterAgent(runner: sandbox, limits: settings.limits, style: settings.style)
        if settings.potentialCurriculum != nil { onPotentials?(try await estimatePotentials(agent: agent)) }
        for step in 1...settings.steps { try report(try await runStep(step, agent: agent)) }
    }

    public func runStep(_ step: Int, agent: CodeInterpreterAgent) async throws -> RLStepReport {
        self.step = step
        var m = RLStepMetrics(step: step)
        if let c = potentialCurriculum { m.set("curriculum/stage", Double(c.stage(atStep: step - 1))) }
        let stepStart = Date()
        // 1. rollout weights
        var t0 = Date()
        let engine = try model.train.rolloutEngine(config: model.config, tokenizer: model.tokenizer, template: model.template,
                                                   weightType: settings.rolloutWeightType, threads: settings.threads)
        m.set("timing_s/update_weights", Date().timeIntervalSince(t0))
        // 2. rollouts, scored; dynamic sampling refills
        var kept: [[Trace]] = [], all: [[Trace]] = [], batches = 0
        var genSeconds = 0.0
        repeat {
            let batch = try drawPrompts(settings.promptsPerStep)
            t0 = Date()
            let sampling = SamplingParams(temperature: Float(settings.policy.temperature), seed: mix(settings.seed ^ 0x5A11, UInt64(step * 64 + batches)))
            var (groups, _) = await Rollouts(engine: engine, agent: agent).run(batch.map { $0.prompt }, groupSize: settings.groupSize,
                                                                               sampling: sampling)
            genSeconds += Date().timeIntervalSince(t0)
            for g in groups.indices {
                for i in groups[g].indices {
                    Scoring.score(&groups[g][i], task: batch[g].task, metadata: batch[g].item.metadata, config: settings.reward)
                }
            }
            batches += 1
            all += groups
            let rewards = groups.map { $0.map(reward) }
            let useful = settings.dynamicSampling ? informativeGroups(rewards) : Array(groups.indices)
            kept += useful.map { groups[$0] }
        } while settings.dynamicSampling && kept.count < settings.promptsPerStep && batches < settings.maxGenBatches
        if kept.count > settings.promptsPerStep { kept.removeLast(kept.count - settings.promptsPerStep) }
        m.set("timing_s/gen", genSeconds)

        // Rollout statistics over everything generated this step.
        let flat = all.flatMap { $0 }
        m.summary("critic/score", flat.map(reward))
        m.set("accuracy/mean", Double(flat.filter { $0.verdict?.isCorrect == true }.count) / Double(max(flat.count, 1)))
        m.summary("response_length", flat.map { Double($0.generatedTokens) })
        m.summary("num_turns", flat.map { Double($0.turns) })
        m.summary("tool_call_counts", flat.map { Double($0.codeCalls) })
        m.set("code_use/mean", Double(flat.filter { $0.codeCalls > 0 }.count) / Double(max(flat.count, 1)))
        let allRewards = all.map { $0.map(reward) }
        m.set("frac_reward_zero_std", 1 - Double(informativeGroups(allRewards).count) / Double(max(all.count, 1)))
        m.set("dynamic_sampling/gen_batches", Double(batches))
        m.set("dynamic_sampling/kept_groups", Double(kept.count))

        // Curriculum: outcomes per task at their levels.
        var changes: [LevelChange] = []
        if var c = levelCurriculum {
            let before = c.history.count
            for group in all {
                guard let task = group.first?.item?.task else { continue }
                c.record(task: task, outcomes: group.map { $0.verdict?.isCorrect == true }, step: step)
            }
            changes = Array(c.history[before...])
            levelCurriculum = c
            for (task, level) in c.levels.sorted(by: { $0.key < $1.key }) { m.set("curriculum/level/\(task)", Double(level)) }
        }

        guard !kept.isEmpty else {
            m.set("actor/skipped", 1)
            m.set("timing_s/step", Date().timeIntervalSince(stepStart))
            return RLStepReport(metrics: m, traces: [], rewards: [], advantages: [], levelChanges: changes)
        }
        // Traces without a model token (an engine failure before generating) carry no loss.
        let allKept = kept.flatMap { $0 }
        let usable = allKept.indices.filter { allKept[$0].tokenIDs.count >= 2 && allKept[$0].generatedTokens > 0 }
        guard !usable.isEmpty else { throw TrainError("step \(step): no trace has a model token to train on") }
        let traces = usable.map { allKept[$0] }
        let sequences = traces.map { PolicySequence(tokens: $0.tokenIDs, modelMask: $0.lossMask, logprobs: $0.logprobs) }

        // 3. reference (and, for PPO, old log-probabilities and values)
        var reference: [[Double]]?
        if (settings.algorithm == .grpo && settings.policy.klCoef > 0) || (settings.algorithm == .ppo && settings.klInReward > 0) {
            t0 = Date()
            reference = trainer.referenceScores(sequences).map(\.logp)
            m.set("timing_s/ref", Date().timeIntervalSince(t0))
        }
        var old: [[Double]]?, critic: (oldValues: [[Double]], returns: [[Double]])?
        var advantages: [[Double]], reportAdvantages: [[Double]]
        t0 = Date()
        switch settings.algorithm {
        case .grpo:
            let perResponse = kept.map { groupAdvantages($0.map(reward), settings.advantage) }
            reportAdvantages = perResponse
            let flatAdvantages = perResponse.flatMap { $0 }
            advantages = zip(sequences, usable).map { s, k in [Double](repeating: flatAdvantages[k], count: s.length) }
            m.set("timing_s/adv", Date().timeIntervalSince(t0))
        case .ppo:
            let scores = trainer.score(sequences)
            m.set("timing_s/values", Date().timeIntervalSince(t0))
            t0 = Date()
            old = scores.map(\.logp)
            var raw: [[Double]] = [], returns: [[Double]] = [], tokenRewards: [Double] = []
            for (i, s) in sequences.enumerated() {
                var r = [Double](repeating: 0, count: s.length)
                if let last = s.lastModelPosition { r[last] = reward(traces[i]) }
                if let reference, settings.klInReward > 0 {
                    for t in 0..<s.length where s.mask[t] > 0 { r[t] -= settings.klInReward * (scores[i].logp[t] - reference[i][t]) }
                }
                tokenRewards.append(r.reduce(0, +))
                let (a, ret) = generalizedAdvantages(rewards: r, values: scores[i].values!, mask: s.mask,
                                                     gamma: settings.gamma, lambda: settings.lambda)
                raw.append(a); returns.append(ret)
            }
            advantages = whitenMasked(raw, masks: sequences.map(\.mask))
            critic = (scores.map { $0.values! }, returns)
            m.summary("critic/rewards", tokenRewards)
            m.summary("critic/returns", maskedValues(returns, sequences))
            m.summary("critic/values", maskedValues(scores.map { $0.values! }, sequences))
            var meanAdvantage = [Double](repeating: 0, count: allKept.count)
            for (j, k) in usable.enumerated() {
                let v = maskedValues([advantages[j]], [sequences[j]])
                meanAdvantage[k] = v.isEmpty ? 0 : v.reduce(0, +) / Double(v.count)
            }
            var k = 0
            reportAdvantages = kept.map { g in g.map { _ in defer { k += 1 }; return meanAdvantage[k] } }
            m.set("timing_s/adv", Date().timeIntervalSince(t0))
        }
        if settings.algorithm == .grpo { m.summary("critic/rewards", traces.map(reward)) }
        m.summary("critic/advantages", maskedValues(advantages, sequences))

        // 5. update
        t0 = Date()
        let u: PolicyUpdateMetrics
        do { u = try trainer.update(sequences, advantages: advantages, old: old, reference: reference, critic: critic) }
        catch let e as TrainError { throw TrainError("step \(step): \(e.description)") }
        m.set("timing_s/update_actor", Date().timeIntervalSince(t0))
        m.set("actor/pg_loss", u.pgLoss); m.set("actor/pg_clipfrac", u.pgClipfrac); m.set("actor/pg_clipfrac_lower", u.pgClipfracLower)
        m.set("actor/ppo_kl", u.ppoKL); m.set("actor/entropy", u.entropy)
        if settings.algorithm == .grpo { m.set("actor/kl_loss", u.klLoss); m.set("actor/kl_coef", settings.policy.klCoef) }
        m.set("actor/grad_norm", u.gradNorm); m.set("actor/lr", u.lr)
        if let vf = u.vfLoss { m.set("critic/vf_loss", vf) }
        if let c = u.vfClipfrac { m.set("critic/vf_clipfrac", c) }
        if let g = u.criticGradNorm { m.set("critic/grad_norm", g) }
        m.set("perf/total_num_tokens", Double(sequences.reduce(0) { $0 + $1.length }))
        // Rollout (quantized engine) vs fp32 trainer probabilities of the sampled tokens.
        var diffs: [Double] = []
        for (s, lp) in zip(sequences, u.oldLogp) {
            for t in 0..<s.length where s.mask[t] > 0 { diffs.append(abs(exp(Double(s.rolloutLogprobs[t])) - exp(lp[t]))) }
        }
        m.summary("training/rollout_probs_diff", diffs, separator: "_")
        m.set("timing_s/step", Date().timeIntervalSince(stepStart))
        return RLStepReport(metrics: m, traces: kept, rewards: kept.map { $0.map(reward) }, advantages: reportAdvantages,
                            levelChanges: changes)
    }

    /// The trace's scalar reward: the custom function's, else the task reward's total.
    func reward(_ t: Trace) -> Double {
        if poisonRewardsAtStep == step { return .nan }
        return settings.customReward?(t) ?? t.reward?.total ?? 0
    }

    func maskedValues(_ rows: [[Double]], _ sequences: [PolicySequence]) -> [Double] {
        zip(rows, sequences).flatMap { row, s in (0..<s.length).filter { s.mask[$0] > 0 }.map { row[$0] } }
    }
}
