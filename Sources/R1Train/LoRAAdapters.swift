// LoRA adapters for a TrainModel: one (A, B) pair per chosen linear layer per
// block, in their own parameter and gradient buffers (the optimizer sees only
// these; the base weights stay frozen). A (r, I) starts Kaiming-uniform,
// U(−1/√I, 1/√I) from a seed; B (O, r) starts at zero, so the adapted model
// begins exactly equal to the base model. Tensor names: blk.L.<base>.lora_a / .lora_b.

import Foundation
import R1Kernels

/// The linear layers an adapter can attach to.
public enum LoRATarget: String, CaseIterable, Sendable {
    case q, k, v, o, gate, up, down

    /// GGUF tensor name of the base weight inside a block.
    var baseName: String {
        switch self {
        case .q: "attn_q.weight"
        case .k: "attn_k.weight"
        case .v: "attn_v.weight"
        case .o: "attn_output.weight"
        case .gate: "ffn_gate.weight"
        case .up: "ffn_up.weight"
        case .down: "ffn_down.weight"
        }
    }

    /// (O, I) of the base weight.
    func dims(_ s: TrainShape) -> (O: Int, I: Int) {
        switch self {
        case .q: (s.qDim, s.dim)
        case .k, .v: (s.kvDim, s.dim)
        case .o: (s.dim, s.qDim)
        case .gate, .up: (s.ffnDim, s.dim)
        case .down: (s.dim, s.ffnDim)
        }
    }

    /// Parses "q,k,v,o" (commas, any order); throws naming the first unknown module.
    public static func parseList(_ text: String) throws -> [LoRATarget] {
        var out: [LoRATarget] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let t = LoRATarget(rawValue: name) else {
                throw TrainError("unknown LoRA target '\(name)' (choose from \(allCases.map(\.rawValue).joined(separator: ",")))")
            }
            if !out.contains(t) { out.append(t) }
        }
        return out
    }
}

public struct LoRASettings: Sendable, Equatable {
    public var rank: Int                   // r
    public var alpha: Float                // the update is scaled by alpha / r
    public var targets: [LoRATarget]
    public var seed: UInt64
    public init(rank: Int, alpha: Float? = nil, targets: [LoRATarget] = LoRATarget.allCases, seed: UInt64 = 0) {
        self.rank = rank; self.alpha = alpha ?? Float(2 * rank); self.targets = targets; self.seed = seed
    }
    public var scale: Float { alpha / Float(rank) }
}

public final class LoRAAdapters: @unchecked Sendable {
    public let settings: LoRASettings
    public let layout: ParameterLayout
    public let params: FloatBuffer       // (layout.totalCount)
    public let grads: FloatBuffer        // (layout.totalCount), same offsets
    let shape: TrainShape
    let scratch = LoRAScratch()

    public init(shape: TrainShape, settings: LoRASettings) throws {
        guard settings.rank >= 1 else { throw TrainError("LoRA rank must be ≥ 1, got \(settings.rank)") }
        guard settings.alpha.isFinite, settings.alpha > 0 else { throw TrainError("LoRA alpha must be a positive number") }
        guard !settings.targets.isEmpty else { throw TrainError("LoRA needs at least one target module") }
        self.shape = shape; self.settings = settings
        var entries: [(String, [Int])] = []
        for l in 0..<shape.nLayers {
            for t in settings.targets {
                let (O, I) = t.dims(shape)
                entries.append((Self.name(t, l, "a"), [settings.rank, I]))
                entries.append((Self.name(t, l, "b"), [O, settings.rank]))
            }
        }
        layout = ParameterLayout(entries: entries)
        params = FloatBuffer(count: layout.totalCount)
        grads = FloatBuffer(count: layout.totalCount)
        var rng = SplitMix64(state: settings.seed ^ 0x10_5A)
        for l in 0..<shape.nLayers {
            for t in settings.targets {
                let a = layout.require(Self.name(t, l, "a")), bound = 1 / Float(a.shape[1]).squareRoot()
                let p = params.pointer + a.offset
                for i in 0..<a.count { p[i] = (Float(Double(rng.next() >> 11) / Double(1 << 53)) * 2 - 1) * bound }
            }
        }
    }

    static func name(_ t: LoRATarget, _ layer: Int, _ factor: String) -> String {
        "blk.\(layer).\(t.baseName.dropLast(".weight".count)).lora_\(factor)"
    }

    func has(_ t: LoRATarget) -> Bool { settings.targets.contains(t) }
    func param(_ t: LoRATarget, _ l: Int, _ f: String) -> UnsafeMutablePointer<Float> {
        params.pointer + layout.require(Self.name(t, l, f)).offset
    }
    func grad(_ t: LoRATarget, _ l: Int, _ f: String) -> UnsafeMutablePointer<Float> {
        grads.pointer + layout.require(Self.name(t, l, f)).offset
    }

    /// Y (N, O) += adapter(X (N, I)) for target t of block l; nothing when t is not adapted.
    func forward(_ t: LoRATarget, layer l: Int, _ pool: OpaquePointer?, y: UnsafeMutablePointer<Float>,
                 x: UnsafePointer<Float>, N: Int) {
        guard has(t) else { return }
        let (O, I) = t.dims(shape)
        loraForward(pool, y, x, param(t, l, "a"), param(t, l, "b"), scale: settings.scale, N: N, I: I, O: O,
                    r: settings.rank, scratch: scratch)
    }

    /// Adds the adapter's dA, dB to the gradient buffer and its part of dX (N, I).
    func backward(_ t: LoRATarget, layer l: Int, _ pool: OpaquePointer?, dX: UnsafeMutablePointer<Float>?,
                  dY: UnsafePointer<Float>, x: UnsafePointer<Float>, N: Int) {
        guard has(t) else { return }
        let (O, I) = t.dims(shape)
        loraBackward(pool, dX: dX, dA: grad(t, l, "a"), dB: grad(t, l, "b"), dY, x, param(t, l, "a"), param(t, l, "b"),
                     scale: settings.scale, N: N, I: I, O: O, r: settings.rank, scratch: scratch)
    }
}

extension TrainModel {
    /// Folds the adapters into the base weights, W (O, I) += (alpha/r)·B·A, and
    /// detaches them: the model is then a plain model of the same shape.
    public func mergeLoRA(pool: OpaquePointer? = nil) {
        guard let lora else { return }
        let r = lora.settings.rank, s = lora.settings.scale
        for l in 0..<shape.nLayers {
            for t in lora.settings.targets {
                let (O, I) = t.dims(shape)
                let sB = FloatBuffer(count: O * r)                                              // (O, r) = s·B
                let b = lora.param(t, l, "b")
                for i in 0..<(O * r) { sB[i] = s * b[i] }
                r1k_gemm(pool, Int64(O), Int64(I), Int64(r), sB.pointer, Int64(r), 1, lora.param(t, l, "a"), Int64(I),
                         param("blk.\(l)." + t.baseName), Int64(I), 1)
            }
        }
        self.lora = nil
    }
}
