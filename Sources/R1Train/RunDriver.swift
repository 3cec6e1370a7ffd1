// The loop around a TrainingJob: step after step, each step's metrics to every
// sink, a checkpoint every `checkpointEvery` steps, at the end and when a stop
// is asked for (checked between steps, so a stop finishes the current step).

import Foundation

public final class RunDriver {
    public enum Outcome: String, Sendable { case finished, stopped }

    let job: TrainingJob
    let checkpoints: CheckpointFolder
    let sinks: [MetricsSink]
    let checkpointEvery: Int
    let shouldStop: () -> Bool
    /// Called after each checkpoint is in place, with its folder and step.
    public var onCheckpoint: (URL, Int) throws -> Void = { _, _ in }

    public init(job: TrainingJob, checkpoints: CheckpointFolder, sinks: [MetricsSink], checkpointEvery: Int,
                shouldStop: @escaping () -> Bool) {
        self.job = job; self.checkpoints = checkpoints; self.sinks = sinks
        self.checkpointEvery = checkpointEvery; self.shouldStop = shouldStop
    }

    /// Continues the job from its current step (0, or what loadState restored).
    public func run() throws -> Outcome {
        if job.completedSteps == 0 { try record(step: 0, try job.evaluate()) }
        while job.completedSteps < job.totalSteps {
            if shouldStop() { try checkpoint(); return .stopped }
            let metrics = try job.step()
            try record(step: job.completedSteps, metrics)
            if checkpointEvery > 0, job.completedSteps % checkpointEvery == 0, job.completedSteps < job.totalSteps {
                try checkpoint()
            }
        }
        try record(step: job.completedSteps, try job.evaluate())
        try checkpoint()
        try job.finish()
        return .finished
    }

    func record(step: Int, _ values: [String: Double]) throws {
        guard !values.isEmpty else { return }
        let now = Date().timeIntervalSince1970
        for sink in sinks { try sink.record(step: step, wallTime: now, values: values) }
    }

    func checkpoint() throws {
        let step = job.completedSteps
        if let latest = checkpoints.latest(), latest.lastPathComponent == CheckpointFolder.name(step: step) { return }
        let dir = try checkpoints.save(step: step) { try job.saveState(to: $0) }
        try onCheckpoint(dir, step)
    }
}

/// A training method the run machinery can start: its config schema, the
/// cheap checks a launch makes before recording a run, and how to build its job.
public struct TrainingMethod: Sendable {
    public let schema: RunConfigSchema
    /// Throws TrainError for a config the schema accepts but the method cannot run (unknown tasks …).
    public let check: @Sendable (RunConfig) throws -> Void
    public let make: @Sendable (RunConfig) throws -> TrainingJob
    public init(schema: RunConfigSchema, check: @escaping @Sendable (RunConfig) throws -> Void = { _ in },
                make: @escaping @Sendable (RunConfig) throws -> TrainingJob) {
        self.schema = schema; self.check = check; self.make = make
    }

    public static let all: [String: TrainingMethod] = [
        "sft": TrainingMethod(schema: SFTJob.schema, make: { try SFTJob(config: $0) }),
        "grpo": TrainingMethod(schema: RLJob.grpoSchema, check: { _ = try RLJob.settings($0) }, make: { try RLJob(config: $0) }),
        "ppo": TrainingMethod(schema: RLJob.ppoSchema, check: { _ = try RLJob.settings($0) }, make: { try RLJob(config: $0) }),
    ]

    /// The method named by a stored config JSON's "method" key, and the config.
    public static func decode(json: String) throws -> (TrainingMethod, RunConfig) {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let name = obj["method"] as? String else { throw TrainError("run config has no \"method\"") }
        guard let method = all[name] else {
            throw TrainError("unknown training method '\(name)' (known: \(all.keys.sorted().joined(separator: ", ")))")
        }
        return (method, try method.schema.decode(json: json))
    }
}
