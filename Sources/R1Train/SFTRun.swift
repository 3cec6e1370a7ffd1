// A supervised fine-tuning run in the foreground: micro-batches from the
// sampler, one optimizer step each, the held-out loss before the first and
// after the last step. A NaN or infinite loss or gradient stops the run with
// an error before anything is written.

import Foundation

public struct SFTSettings: Sendable {
    public var steps: Int
    public var batch: Int = 1              // conversations per step
    public var lr: Float = 1e-5
    public var warmup: Int = 0
    public var weightDecay: Float = 0
    public var clip: Float = 1
    public var seed: UInt64 = 0
    public var threads: Int = 2
    public init(steps: Int) { self.steps = steps }
}

public struct SFTStepReport: Sendable {
    public let step: Int                   // 1-based
    public let result: StepResult
    public let epoch: Int
    public let seconds: Double
    /// Tokens through the model (padding included) per second of the step.
    public let tokensPerSecond: Double
}

public final class SFTRun {
    public let trainer: Trainer
    public let data: SFTDataset
    public let settings: SFTSettings
    let pad: Int32
    var sampler: SFTSampler

    public init(model: TrainModel, data: SFTDataset, settings: SFTSettings, pad: Int32) {
        self.data = data; self.settings = settings; self.pad = pad
        let longest = data.train.map(\.tokens.count).max() ?? 2
        trainer = Trainer(model: model, batch: settings.batch, seq: max(1, longest - 1),
                          schedule: LRSchedule(peak: settings.lr, warmupSteps: settings.warmup, totalSteps: settings.steps),
                          adamw: AdamWSettings(weightDecay: settings.weightDecay), maxGradNorm: settings.clip,
                          threads: settings.threads)
        sampler = SFTSampler(data.train, seed: settings.seed)
    }

    /// Held-out loss (token mean over model tokens), nil without a held-out set.
    public func heldOutLoss() throws -> Double? {
        guard !data.heldOut.isEmpty else { return nil }
        var batches: [TrainBatch] = [], i = 0
        while i < data.heldOut.count {
            batches.append(paddedBatch(Array(data.heldOut[i..<min(i + settings.batch, data.heldOut.count)]), pad: pad))
            i += settings.batch
        }
        let loss = trainer.evaluate(batches).loss
        guard loss.isFinite else { throw TrainError("held-out loss is \(loss); stopping without a checkpoint") }
        return loss
    }

    /// Runs every remaining step, calling `report` after each.
    public func run(report: (SFTStepReport) -> Void) throws {
        while trainer.step < settings.steps { report(try step()) }
    }

    /// One optimizer step on the sampler's next rows.
    public func step() throws -> SFTStepReport {
        let step = trainer.step + 1
        let batch = paddedBatch(sampler.next(settings.batch), pad: pad)
        let t0 = Date()
        let r = trainer.step([batch])
        let seconds = Date().timeIntervalSince(t0)
        guard r.loss.isFinite else { throw TrainError("loss is \(r.loss) at step \(step); stopping without a checkpoint") }
        guard r.gradNorm.isFinite else {
            throw TrainError("gradient norm is \(r.gradNorm) at step \(step); stopping without a checkpoint")
        }
        return SFTStepReport(step: step, result: r, epoch: sampler.epoch, seconds: seconds,
                             tokensPerSecond: Double(batch.tokens.count) / max(seconds, 1e-9))
    }
}
