// What the run machinery (RunDriver: background workers, checkpoints, metrics
// sinks, stop and resume) needs from a training method. SFT implements it in
// SFTJob; GRPO and PPO plug in the same way: one optimizer step per call,
// returning that step's metrics under verl's names.

import Foundation

public protocol TrainingJob: AnyObject {
    /// Optimizer steps done so far (0 before the first; restored by loadState).
    var completedSteps: Int { get }
    var totalSteps: Int { get }
    /// Runs one optimizer step; returns its metrics, e.g. ["train/loss": …, "train/lr": …].
    /// Throws on a NaN or infinite loss.
    func step() throws -> [String: Double]
    /// Held-out metrics (["val/loss": …]), empty when there is no held-out set.
    func evaluate() throws -> [String: Double]
    /// Writes everything a resume needs (weights being trained, optimizer moments,
    /// step counters, data order and RNG state) into the empty folder `dir`.
    func saveState(to dir: URL) throws
    /// Restores what saveState wrote.
    func loadState(from dir: URL) throws
    /// Called once after the last step (e.g. writes the configured output model).
    func finish() throws
    /// Writes the model as it is now as a Hugging Face folder (config, tokenizer,
    /// safetensors); `r1ci export` builds its GGUF from that folder.
    func writeHFModel(to folder: String) throws
}
