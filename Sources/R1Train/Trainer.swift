// One optimizer step over one or more micro-batches: forward, masked loss and
// backward for each (gradients accumulate), then global-norm clipping, the
// scheduled learning rate and AdamW. The loss is the token mean over every
// masked-in token of all micro-batches together, so splitting a batch into
// micro-batches does not change the update.

import Foundation
import R1Kernels

/// B sequences of T tokens with their next-token targets and loss mask, all (B·T).
/// rows = B when the batch has its own shape (padded SFT batches); nil means the
/// Trainer's own B and T.
public struct TrainBatch: Sendable {
    public var tokens: [Int32]
    public var targets: [Int32]
    public var mask: [Float]
    public var rows: Int?
    public init(tokens: [Int32], targets: [Int32], mask: [Float], rows: Int? = nil) {
        self.tokens = tokens; self.targets = targets; self.mask = mask; self.rows = rows
    }
}

public struct StepResult: Sendable {
    public let loss: Double          // masked token-mean cross-entropy before the update
    public let gradNorm: Double      // global L2 norm before clipping
    public let lr: Float
    public let tokens: Int           // masked-in tokens that carried loss
    public let forwardSeconds: Double    // forward + loss, all micro-batches
    public let backwardSeconds: Double
    public let optimizerSeconds: Double  // clipping + AdamW
}

public final class Trainer: @unchecked Sendable {
    public let model: TrainModel
    /// Sized for the last batch; reallocated when a batch of another shape comes.
    public private(set) var acts: Activations
    public let optimizer: AdamW
    public let schedule: LRSchedule
    public let maxGradNorm: Float
    public internal(set) var step = 0
    let pool: OpaquePointer?

    public init(model: TrainModel, batch B: Int, seq T: Int, schedule: LRSchedule, adamw: AdamWSettings,
                maxGradNorm: Float = 1, threads: Int = 2) {
        self.model = model; self.schedule = schedule; self.maxGradNorm = maxGradNorm
        acts = Activations(shape: model.shape, B: B, T: T)
        optimizer = AdamW(layout: model.trainableLayout, settings: adamw)
        pool = r1k_pool_new(Int32(max(1, threads)))
    }
    deinit { r1k_pool_free(pool) }

    /// Every micro-batch must hold exactly B·T tokens.
    public func step(_ microBatches: [TrainBatch]) -> StepResult {
        let denominator = microBatches.reduce(0.0) { $0 + $1.mask.reduce(0.0) { $0 + Double($1) } }
        model.zeroGrads()
        var lossSum = 0.0, forwardTime = 0.0, backwardTime = 0.0
        for mb in microBatches {
            let t0 = Date()
            fitActivations(mb)
            model.forward(tokens: mb.tokens, acts: acts, pool: pool)
            lossSum += model.crossEntropy(targets: mb.targets, mask: mb.mask, denominator: max(denominator, 1), acts: acts, pool: pool)
            let t1 = Date()
            model.backward(tokens: mb.tokens, acts: acts, pool: pool)
            forwardTime += t1.timeIntervalSince(t0); backwardTime += Date().timeIntervalSince(t1)
        }
        let t2 = Date()
        let (norm, scale) = gradientClipScale(model.trainableGrads, maxNorm: maxGradNorm, pool: pool)
        let lr = schedule.rate(at: step)
        optimizer.update(params: model.trainableParams, grads: model.trainableGrads, lr: lr, gradScale: scale, pool: pool)
        step += 1
        return StepResult(loss: lossSum / max(denominator, 1), gradNorm: norm, lr: lr, tokens: Int(denominator),
                          forwardSeconds: forwardTime, backwardSeconds: backwardTime,
                          optimizerSeconds: Date().timeIntervalSince(t2))
    }

    /// Masked token-mean loss over `batches` without updating anything (held-out loss).
    public func evaluate(_ batches: [TrainBatch]) -> (loss: Double, tokens: Int) {
        var sum = 0.0, count = 0.0
        for b in batches {
            fitActivations(b)
            model.forward(tokens: b.tokens, acts: acts, pool: pool)
            sum += model.crossEntropy(targets: b.targets, mask: b.mask, denominator: 1, acts: acts, pool: pool)
            count += b.mask.reduce(0.0) { $0 + Double($1) }
        }
        return (sum / max(count, 1), Int(count))
    }

    func fitActivations(_ b: TrainBatch) {
        let B = b.rows ?? acts.B, T = b.tokens.count / max(B, 1)
        precondition(B * T == b.tokens.count, "batch of \(b.tokens.count) tokens is not \(B) rows")
        if B != acts.B || T != acts.T { acts = Activations(shape: model.shape, B: B, T: T) }
    }
}
