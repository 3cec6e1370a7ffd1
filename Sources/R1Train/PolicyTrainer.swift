// The policy update of GRPO and PPO on a TrainModel. Every response is one
// micro-batch (B = 1, its own length): fp32 forward over the whole multi-turn
// sequence, log-probabilities of the sampled tokens, per-token clipped
// surrogate (+ β·k3 KL to the reference), weighted by the loss aggregation
// over the whole step's batch, then back through log-softmax and the model.
// Gradients accumulate over the batch; one AdamW step per PPO epoch.
//
// Old log-probabilities are those of the weights before the step: the first
// epoch's own forward gives them (the same weights and code as a separate
// pass would use), so no extra pass is needed unless the caller passes them.
// The reference is the model as the run started: a copy of the starting
// weights swapped in place for the reference pass, or, with LoRA, the base
// model with the adapters detached.
//
// A non-finite loss or gradient refuses the step: nothing is updated (with
// several PPO epochs, the epochs before the failing one have been applied).
// The returned actor metrics are the first epoch's.

import Foundation
import R1Kernels

public struct PolicySettings: Sendable {
    public var clip = ClipSettings()
    /// β of the k3 KL term in the loss (0: no reference pass).
    public var klCoef = 0.0
    public var aggregation = LossAggregation.tokenMean
    /// L of seq-mean-token-sum-norm (the response-token budget).
    public var normLength = 1024
    public var ppoEpochs = 1
    /// Sampling temperature of the rollouts (log-probabilities of softmax(z/τ)).
    public var temperature = 1.0
    public var lr: Float = 1e-6
    public var warmup = 0
    public var totalSteps = 1
    public var weightDecay: Float = 0
    public var maxGradNorm: Float = 1
    /// Critic (PPO): value clip range and the value head's learning rate.
    public var valueClip = 0.5
    public var criticLR: Float = 1e-3
    public init() {}
}

/// What one forward pass (no update) says about each sequence.
public struct SequenceScores: Sendable {
    public var logp: [Double]             // (T) 0 where mask is 0
    public var entropy: [Double]          // (T)
    public var values: [Double]?          // (T) with a value head
}

/// Per-step numbers under verl's names (actor/…, critic/…).
public struct PolicyUpdateMetrics: Sendable {
    public var pgLoss = 0.0, pgClipfrac = 0.0, pgClipfracLower = 0.0, ppoKL = 0.0, entropy = 0.0
    public var klLoss = 0.0, loss = 0.0, gradNorm = 0.0, lr = 0.0
    public var vfLoss: Double?, vfClipfrac: Double?, criticGradNorm: Double?
    /// Model tokens that carried loss.
    public var tokens = 0
    /// fp32 log-probabilities of the sampled tokens before the update (T per sequence).
    public var oldLogp: [[Double]] = []
}

public final class PolicyTrainer: @unchecked Sendable {
    public let model: TrainModel
    public let settings: PolicySettings
    public let valueHead: ValueHead?
    /// Updates applied (restored by a resume).
    public internal(set) var step = 0
    let optimizer: AdamW
    let criticOptimizer: AdamW?
    let schedule: LRSchedule
    let pool: OpaquePointer?
    var acts: Activations
    /// The starting weights (full fine-tuning with a KL term only).
    let referenceParams: FloatBuffer?

    /// keepReference: keep the starting weights even without a KL loss term (PPO's KL in the reward).
    public init(model: TrainModel, settings: PolicySettings, critic: Bool = false, keepReference: Bool = false, threads: Int = 2) {
        self.model = model; self.settings = settings
        optimizer = AdamW(layout: model.trainableLayout, settings: AdamWSettings(weightDecay: settings.weightDecay))
        schedule = LRSchedule(peak: settings.lr, warmupSteps: settings.warmup, totalSteps: max(settings.totalSteps, 1))
        pool = r1k_pool_new(Int32(max(1, threads)))
        acts = Activations(shape: model.shape, B: 1, T: 1)
        if critic {
            let head = ValueHead(dim: model.shape.dim)
            valueHead = head
            criticOptimizer = AdamW(layout: head.layout, settings: AdamWSettings())
        } else {
            valueHead = nil; criticOptimizer = nil
        }
        if (settings.klCoef > 0 || keepReference) && model.lora == nil {
            let copy = FloatBuffer(count: model.params.count)
            copy.copy(from: model.params)
            referenceParams = copy
        } else {
            referenceParams = nil
        }
    }
    deinit { r1k_pool_free(pool) }

    func fit(_ T: Int) { if acts.T != T || acts.B != 1 { acts = Activations(shape: model.shape, B: 1, T: T) } }

    /// Log-probabilities, entropies (and values) of every sequence under the current weights.
    public func score(_ sequences: [PolicySequence]) -> [SequenceScores] {
        sequences.map { s in
            fit(s.length)
            model.forward(tokens: s.inputs, acts: acts, pool: pool)
            let (logp, entropy) = tokenLogProbs(acts.logits.pointer, targets: s.targets, mask: s.mask, V: model.shape.vocab,
                                                temperature: settings.temperature)
            return SequenceScores(logp: logp, entropy: entropy, values: valueHead?.forward(acts.lnf.pointer, rows: s.length))
        }
    }

    /// The same under the reference weights (the model as the run started).
    public func referenceScores(_ sequences: [PolicySequence]) -> [SequenceScores] {
        if let lora = model.lora {
            model.lora = nil
            defer { model.lora = lora }
            return score(sequences)
        }
        guard let ref = referenceParams else { return score(sequences) }
        swapParams(ref)
        defer { swapParams(ref) }
        return score(sequences)
    }

    func swapParams(_ other: FloatBuffer) {
        let a = model.params.pointer, b = other.pointer
        for i in 0..<other.count { let t = a[i]; a[i] = b[i]; b[i] = t }
    }

    /// One step: `ppoEpochs` passes over `sequences`, each followed by AdamW.
    /// advantages (per sequence, T): broadcast outcome advantages (GRPO) or GAE.
    /// old: log-probabilities before the step (nil: from the first pass).
    /// reference: reference log-probabilities (needed when klCoef > 0).
    /// critic: old values and returns per sequence (PPO).
    public func update(_ sequences: [PolicySequence], advantages: [[Double]], old: [[Double]]? = nil,
                       reference: [[Double]]? = nil,
                       critic: (oldValues: [[Double]], returns: [[Double]])? = nil) throws -> PolicyUpdateMetrics {
        precondition(advantages.count == sequences.count, "one advantage row per sequence")
        precondition(settings.klCoef == 0 || reference?.count == sequences.count, "the KL term needs reference log-probabilities")
        let weights = settings.aggregation.weights(masks: sequences.map(\.mask), normLength: settings.normLength)
        let tokenMean = LossAggregation.tokenMean.weights(masks: sequences.map(\.mask), normLength: 1)
        let V = model.shape.vocab, τ = settings.temperature, β = settings.klCoef
        var oldLogp = old ?? []
        var m = PolicyUpdateMetrics()
        m.tokens = sequences.reduce(0) { $0 + $1.modelTokens }
        for epoch in 0..<max(1, settings.ppoEpochs) {
            model.zeroGrads(); valueHead?.grads.zero()
            var pg = 0.0, kl = 0.0, clipfrac = 0.0, lower = 0.0, approxKL = 0.0, entropy = 0.0, vf = 0.0, vfClip = 0.0
            for (i, s) in sequences.enumerated() {
                fit(s.length)
                model.forward(tokens: s.inputs, acts: acts, pool: pool)
                let (logp, ent) = tokenLogProbs(acts.logits.pointer, targets: s.targets, mask: s.mask, V: V, temperature: τ)
                if old == nil && epoch == 0 { oldLogp.append(logp) }
                let terms = sequencePolicyTerms(logp: logp, entropy: ent, old: oldLogp[i], advantages: advantages[i],
                                                reference: reference?[i], mask: s.mask, weights: weights[i],
                                                tokenMeanWeights: tokenMean[i], clip: settings.clip, klCoef: β)
                pg += terms.pgLoss; kl += terms.klLoss; clipfrac += terms.clipfrac; lower += terms.dualClipfrac
                approxKL += terms.approxKL; entropy += terms.entropy
                let g = terms.gradient
                logProbBackward(acts.dlogits.pointer, acts.logits.pointer, targets: s.targets, g: g, V: V, temperature: τ)
                model.backward(tokens: s.inputs, acts: acts, pool: pool)
                if let head = valueHead, let critic {
                    let values = head.forward(acts.lnf.pointer, rows: s.length)
                    var dv = [Double](repeating: 0, count: s.length)
                    for t in 0..<s.length where s.mask[t] > 0 {
                        let wm = tokenMean[i][t]
                        let term = clippedValueTerm(value: values[t], oldValue: critic.oldValues[i][t], target: critic.returns[i][t],
                                                    clip: settings.valueClip)
                        vf += wm * term.loss; vfClip += wm * (term.clipped ? 1 : 0); dv[t] = wm * term.gradient
                    }
                    head.backward(acts.lnf.pointer, dValues: dv)
                }
            }
            let loss = pg + β * kl
            guard loss.isFinite else {
                throw TrainError("loss is \(describeNonFinite(loss)); the update is refused and the weights are unchanged")
            }
            let (norm, scale) = gradientClipScale(model.trainableGrads, maxNorm: settings.maxGradNorm)
            guard norm.isFinite else {
                throw TrainError("gradient norm is \(describeNonFinite(norm)); the update is refused and the weights are unchanged")
            }
            let lr = schedule.rate(at: step)
            optimizer.update(params: model.trainableParams, grads: model.trainableGrads, lr: lr, gradScale: scale)
            if let head = valueHead, let opt = criticOptimizer, critic != nil {
                let (cnorm, cscale) = gradientClipScale(head.grads, maxNorm: settings.maxGradNorm)
                if cnorm.isFinite && vf.isFinite { opt.update(params: head.params, grads: head.grads, lr: settings.criticLR, gradScale: cscale) }
                m.vfLoss = vf; m.vfClipfrac = vfClip; m.criticGradNorm = cnorm
            }
            if epoch == 0 {
                m.pgLoss = pg; m.klLoss = kl; m.loss = loss; m.pgClipfrac = clipfrac; m.pgClipfracLower = lower
                m.ppoKL = approxKL; m.entropy = entropy; m.gradNorm = norm; m.lr = Double(lr); m.oldLogp = oldLogp
            }
        }
        step += 1
        return m
    }
}

/// "NaN", "+infinity" or "-infinity" for a value that is not finite.
func describeNonFinite(_ x: Double) -> String { x.isNaN ? "NaN" : (x > 0 ? "+infinity" : "-infinity") }
