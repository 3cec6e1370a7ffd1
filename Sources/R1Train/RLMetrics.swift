// One RL step's numbers, in order, under verl's metric names where verl has
// one (critic/score/mean, actor/pg_loss, timing_s/gen, …), so a metrics sink
// (JSONL in verl's file-logger form, TensorBoard) can take them as they are.

import Foundation

public struct RLStepMetrics: Sendable {
    public let step: Int                         // 1-based
    public private(set) var values: [(name: String, value: Double)] = []
    public init(step: Int) { self.step = step }

    public mutating func set(_ name: String, _ value: Double) {
        if let i = values.firstIndex(where: { $0.name == name }) { values[i].value = value } else { values.append((name, value)) }
    }
    /// mean, max and min of `xs` under prefix/mean, prefix/max, prefix/min (nothing when empty);
    /// separator "_" gives prefix_mean … (verl's training/rollout_probs_diff_mean).
    public mutating func summary(_ prefix: String, _ xs: [Double], separator: String = "/") {
        guard !xs.isEmpty else { return }
        set(prefix + separator + "mean", xs.reduce(0, +) / Double(xs.count))
        set(prefix + separator + "max", xs.max()!); set(prefix + separator + "min", xs.min()!)
    }
    public subscript(name: String) -> Double? { values.first { $0.name == name }?.value }

    /// The few numbers worth a glance, one line.
    public var line: String {
        func f(_ n: String, _ label: String, _ fmt: String = "%.4g") -> String? { self[n].map { "\(label) " + String(format: fmt, $0) } }
        return (["step \(step)"] + [
            f("critic/score/mean", "score"), f("accuracy/mean", "acc", "%.2f"), f("actor/pg_loss", "pg_loss"),
            f("actor/kl_loss", "kl"), f("critic/vf_loss", "vf_loss"), f("actor/pg_clipfrac", "clipfrac", "%.3f"),
            f("actor/entropy", "entropy", "%.3f"), f("actor/grad_norm", "grad_norm", "%.3f"),
            f("response_length/mean", "resp_len", "%.1f"), f("num_turns/mean", "turns", "%.2f"),
            f("training/rollout_probs_diff_mean", "probs_diff", "%.4f"), f("timing_s/gen", "gen", "%.1fs"),
            f("timing_s/update_actor", "update", "%.1fs"),
        ].compactMap { $0 }).joined(separator: "  ")
    }

    /// {"step": N, "data": {name: value, …}} — verl's file-logger line.
    public var jsonLine: String {
        var data: [String: Any] = [:]
        for (n, v) in values { data[n] = v.isFinite ? v : NSNull() }
        let d = (try? JSONSerialization.data(withJSONObject: ["step": step, "data": data], options: [.sortedKeys])) ?? Data()
        return String(decoding: d, as: UTF8.self)
    }
}
