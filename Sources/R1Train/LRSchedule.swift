// Learning-rate schedule: linear warm-up from 0 to the peak over `warmupSteps`,
// then cosine decay to `minLR` at `totalSteps`.

import Foundation

public struct LRSchedule: Sendable, Equatable {
    public var peak: Float
    public var minLR: Float
    public var warmupSteps: Int
    public var totalSteps: Int

    public init(peak: Float, minLR: Float = 0, warmupSteps: Int = 0, totalSteps: Int) {
        self.peak = peak; self.minLR = minLR; self.warmupSteps = warmupSteps; self.totalSteps = totalSteps
    }

    /// The rate for step (0-based): (step+1)/warmup·peak during warm-up, then
    /// minLR + ½(peak − minLR)(1 + cos(π·progress)), progress 0 → 1 over the rest.
    public func rate(at step: Int) -> Float {
        if step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
        let span = max(1, totalSteps - warmupSteps)
        let progress = min(1, Double(step - warmupSteps) / Double(span))
        return minLR + Float(0.5 * (1 + cos(Double.pi * progress))) * (peak - minLR)
    }
}
