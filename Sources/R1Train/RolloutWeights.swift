// The rollout engine's model, made from the trainer's current weights: every
// matrix (with LoRA adapters folded in) quantized row by row to a GGUF block
// type (Q8_0 by default; F32 keeps them exact), norms and biases as F32, held
// in memory as a tensor source the engine's Transformer reads like a file.
// Rebuilt after every update, so rollouts always sample the current policy.

import Foundation
import R1Engine
import R1Kernels

/// Tensors by GGUF name in buffers this object owns.
final class InMemoryTensors: TensorSource, @unchecked Sendable {
    private var views: [String: TensorView] = [:]
    private var buffers: [UnsafeMutableRawPointer] = []
    let origin = "the trainer's weights"
    var fileBytes = 0

    /// Stores rows × cols values (or a vector when rows is nil) as `type` (F32 or a block type).
    func add(_ name: String, _ values: UnsafePointer<Float>, rows: Int?, cols: Int, type: Int32) throws {
        let n = (rows ?? 1) * cols
        let rowBytes = type == Int32(R1K_F32) ? cols * 4 : cols / Int(r1k_block_elems(type)) * Int(r1k_block_bytes(type))
        let bytes = rowBytes * (rows ?? 1)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 64)
        buffers.append(buffer)
        if type == Int32(R1K_F32) {
            buffer.copyMemory(from: values, byteCount: n * 4)
        } else {
            for r in 0..<(rows ?? 1) {
                guard r1k_quantize_row(type, values + r * cols, buffer + r * rowBytes, Int64(cols)) == 0 else {
                    throw TrainError("cannot quantize \(name) to \(ggmlTypeName(type))")
                }
            }
        }
        fileBytes += bytes
        views[name] = TensorView(name: name, shape: rows.map { [cols, $0] } ?? [cols], type: type, data: buffer)
    }

    func tensor(_ ggufName: String) throws -> TensorView? { views[ggufName] }
    func sourceName(_ ggufName: String) -> String { ggufName }
    deinit { for b in buffers { b.deallocate() } }
}

extension TrainModel {
    /// An engine over the current weights: matrices stored as `weightType`
    /// (a block type such as Q8_0, or F32; matrices whose rows do not divide
    /// into blocks stay F32). config must describe this model (the source's config).
    public func rolloutEngine(config: ModelConfig, tokenizer: Tokenizer, template: ChatTemplate, weightType: Int32,
                              threads: Int) throws -> Engine {
        let source = InMemoryTensors()
        let merged = FloatBuffer(count: layout.tensors.map { $0.shape.count == 2 ? $0.count : 0 }.max() ?? 1)
        for t in layout.tensors {
            let values = param(t.name)
            guard t.shape.count == 2 else { try source.add(t.name, values, rows: nil, cols: t.count, type: Int32(R1K_F32)); continue }
            let (rows, cols) = (t.shape[0], t.shape[1])
            var src = UnsafePointer(values)
            if let lora, let hit = loraTarget(of: t.name), lora.has(hit.target) {
                let (target, layer) = hit
                merged.pointer.update(from: values, count: t.count)
                let r = lora.settings.rank, s = lora.settings.scale
                let sB = FloatBuffer(count: rows * r)                                   // (O, r) = s·B
                let b = lora.param(target, layer, "b")
                for i in 0..<(rows * r) { sB[i] = s * b[i] }
                r1k_gemm(nil, Int64(rows), Int64(cols), Int64(r), sB.pointer, Int64(r), 1, lora.param(target, layer, "a"),
                         Int64(cols), merged.pointer, Int64(cols), 1)
                src = UnsafePointer(merged.pointer)
            }
            let blockable = weightType != Int32(R1K_F32) && cols % Int(r1k_block_elems(weightType)) == 0
            try source.add(t.name, src, rows: rows, cols: cols, type: blockable ? weightType : Int32(R1K_F32))
        }
        let transformer: Transformer
        do { transformer = try Transformer(config: config, tensors: source, tiedEmbeddings: shape.tiedEmbeddings) }
        catch { throw TrainError("cannot build the rollout model: \(error)") }
        return Engine(model: transformer, tokenizer: tokenizer, template: template, threads: threads)
    }

    /// (target, layer) of a block matrix an adapter can attach to.
    func loraTarget(of name: String) -> (target: LoRATarget, layer: Int)? {
        let parts = name.split(separator: ".", maxSplits: 2)
        guard parts.count == 3, parts[0] == "blk", let layer = Int(parts[1]) else { return nil }
        guard let target = LoRATarget.allCases.first(where: { $0.baseName == parts[2] }) else { return nil }
        return (target, layer)
    }
}
