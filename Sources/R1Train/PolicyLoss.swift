// Per-token terms of the policy objective, as functions of the new policy's
// log-probability of the sampled token, each with its derivative:
//
//   clipped surrogate  ρ = exp(clamp(logπ − logπ_old, ±20))
//                      L = −min(ρ·A, clip(ρ, 1 − ε_low, 1 + ε_high)·A)
//                      and, for A < 0 only, L = min(L, −c·A)   (dual clip)
//   k3 KL to the reference, Δ = logπ_ref − logπ:
//                      KL = exp(Δ) − Δ − 1   (≥ 0; clamped to ±10 as verl)
//
// Separate ε_low and ε_high give clip-higher (DAPO: 0.2 / 0.28).

import Foundation

public struct ClipSettings: Sendable, Equatable {
    public var low = 0.2
    public var high = 0.2
    /// Dual-clip constant c for negative advantages; nil turns it off.
    public var dualClip: Double? = 3.0
    public init(low: Double = 0.2, high: Double = 0.2, dualClip: Double? = 3.0) {
        self.low = low; self.high = high; self.dualClip = dualClip
    }
}

public struct PolicyTokenTerm: Sendable, Equatable {
    public var loss: Double
    /// d loss / d logπ (new).
    public var gradient: Double
    public var ratio: Double
    /// The clipped branch was taken (ρ outside [1 − ε_low, 1 + ε_high] on the losing side).
    public var clipped: Bool
    /// The dual clip was taken.
    public var dualClipped: Bool
}

public func clippedPolicyTerm(logp: Double, oldLogp: Double, advantage A: Double, clip: ClipSettings) -> PolicyTokenTerm {
    let raw = logp - oldLogp
    let logRatio = min(max(raw, -20), 20)
    let dLogRatio: Double = raw == logRatio ? 1 : 0
    let ratio = exp(logRatio)
    let clippedRatio = min(max(ratio, 1 - clip.low), 1 + clip.high)
    let unclippedLoss = -A * ratio, clippedLoss = -A * clippedRatio
    var term: PolicyTokenTerm
    if clippedLoss > unclippedLoss {
        // The clipped value is constant in logπ unless ρ sits inside the range (then both agree).
        term = PolicyTokenTerm(loss: clippedLoss, gradient: 0, ratio: ratio, clipped: true, dualClipped: false)
    } else {
        term = PolicyTokenTerm(loss: unclippedLoss, gradient: -A * ratio * dLogRatio, ratio: ratio, clipped: false,
                               dualClipped: false)
    }
    if let c = clip.dualClip, A < 0, -A * c < term.loss {
        term.loss = -A * c; term.gradient = 0; term.dualClipped = true
    }
    return term
}

/// k3 estimate of KL(π ‖ π_ref) at one token and its derivative in logπ.
public func k3KL(logp: Double, refLogp: Double) -> (value: Double, gradient: Double) {
    let delta = min(max(refLogp - logp, -20), 20)
    let value = exp(delta) - delta - 1
    guard value <= 10 else { return (10, 0) }
    let dDelta: Double = refLogp - logp == delta ? -1 : 0
    return (value, (exp(delta) - 1) * dDelta)
}

/// One sequence's share of the step's policy loss: the aggregated sums and,
/// per position, d loss / d logπ. Positions with mask 0 get exactly 0.
struct SequencePolicyTerms {
    var gradient: [Double]        // (T)
    var pgLoss = 0.0, klLoss = 0.0
    /// Token means over the step's batch (weighted by the token-mean weights).
    var clipfrac = 0.0, dualClipfrac = 0.0, approxKL = 0.0, entropy = 0.0
}

/// logp, entropy, old, advantages, weights, tokenMeanWeights, mask (T); reference (T) when klCoef > 0.
func sequencePolicyTerms(logp: [Double], entropy: [Double], old: [Double], advantages: [Double], reference: [Double]?,
                         mask: [Float], weights: [Double], tokenMeanWeights: [Double], clip: ClipSettings,
                         klCoef β: Double) -> SequencePolicyTerms {
    var s = SequencePolicyTerms(gradient: [Double](repeating: 0, count: mask.count))
    for t in mask.indices where mask[t] > 0 {
        let w = weights[t], wm = tokenMeanWeights[t]
        let term = clippedPolicyTerm(logp: logp[t], oldLogp: old[t], advantage: advantages[t], clip: clip)
        s.pgLoss += w * term.loss; s.gradient[t] += w * term.gradient
        s.clipfrac += wm * (term.clipped ? 1 : 0); s.dualClipfrac += wm * (term.dualClipped ? 1 : 0)
        s.approxKL += wm * (old[t] - logp[t]); s.entropy += wm * entropy[t]
        if β > 0, let reference {
            let k = k3KL(logp: logp[t], refLogp: reference[t])
            s.klLoss += w * k.value; s.gradient[t] += β * w * k.gradient
        }
    }
    return s
}
