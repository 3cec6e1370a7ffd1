// Writing a trained model as a Hugging Face folder: config.json
// (LlamaForCausalLM / Qwen2ForCausalLM), model.safetensors under HF tensor
// names, and the tokenizer files. The folder is written under a temporary
// name beside the destination and renamed into place, so a failed write never
// leaves a partial checkpoint.
//
// RoPE: HF rotates half-split pairs. llama GGUF files hold Q and K with the
// rows of every head permuted to adjacent pairs (the training model then runs
// with ropeNeox = false); those rows are put back: GGUF row 2i + j of a head is
// HF row j·D/2 + i (i < D/2, j ∈ {0, 1}).

import Foundation
import R1Engine

public struct HFCheckpointInfo: Sendable {
    public var contextLength: Int
    public var bos: Int32?
    public var eos: Int32?
    public init(contextLength: Int, bos: Int32?, eos: Int32?) { self.contextLength = contextLength; self.bos = bos; self.eos = eos }
}

/// Rows (heads·D, C) from GGUF adjacent-pair order to HF half-split order.
func unpermuteRopeRows(_ w: [Float], heads: Int, D: Int, cols: Int) -> [Float] {
    var out = w
    for h in 0..<heads {
        for i in 0..<(D / 2) {
            for j in 0..<2 {
                let src = (h * D + 2 * i + j) * cols, dst = (h * D + j * D / 2 + i) * cols
                for c in 0..<cols { out[dst + c] = w[src + c] }
            }
        }
    }
    return out
}

/// config.json contents for `shape`.
func hfConfig(_ s: TrainShape, _ info: HFCheckpointInfo) -> [String: Any] {
    var c: [String: Any] = [
        "architectures": [s.arch == "qwen2" ? "Qwen2ForCausalLM" : "LlamaForCausalLM"],
        "model_type": s.arch, "hidden_size": s.dim, "intermediate_size": s.ffnDim,
        "num_hidden_layers": s.nLayers, "num_attention_heads": s.nHeads, "num_key_value_heads": s.nKVHeads,
        "head_dim": s.headDim, "vocab_size": s.vocab, "max_position_embeddings": info.contextLength,
        "rope_theta": Double(s.ropeTheta), "rms_norm_eps": Double(s.rmsEps), "hidden_act": "silu",
        "tie_word_embeddings": s.tiedEmbeddings, "torch_dtype": "float32", "initializer_range": 0.02,
        "use_cache": true, "rope_scaling": NSNull(),
    ]
    if s.arch == "llama" { c["attention_bias"] = false; c["mlp_bias"] = false; c["pretraining_tp"] = 1 }
    else { c["use_sliding_window"] = false; c["sliding_window"] = info.contextLength; c["max_window_layers"] = s.nLayers }
    if let b = info.bos { c["bos_token_id"] = Int(b) }
    if let e = info.eos { c["eos_token_id"] = Int(e) }
    return c
}

/// The model's tensors under HF names, Q/K rows in HF order.
func hfTensors(_ model: TrainModel) -> [SafetensorsTensor] {
    let s = model.shape
    return model.layout.tensors.map { t in
        var values = model.tensor(t.name)
        if !s.ropeNeox {
            if t.name.hasSuffix("attn_q.weight") { values = unpermuteRopeRows(values, heads: s.nHeads, D: s.headDim, cols: t.shape[1]) }
            if t.name.hasSuffix("attn_k.weight") { values = unpermuteRopeRows(values, heads: s.nKVHeads, D: s.headDim, cols: t.shape[1]) }
            if t.name.hasSuffix("attn_q.bias") { values = unpermuteRopeRows(values, heads: s.nHeads, D: s.headDim, cols: 1) }
            if t.name.hasSuffix("attn_k.bias") { values = unpermuteRopeRows(values, heads: s.nKVHeads, D: s.headDim, cols: 1) }
        }
        return SafetensorsTensor(name: hfTensorName(t.name), shape: t.shape, values: values)
    }
}

/// Writes config.json, model.safetensors and `extraFiles` (name → bytes, the
/// tokenizer files) into `folder`, replacing it if it exists.
public func writeHFCheckpoint(_ model: TrainModel, info: HFCheckpointInfo, extraFiles: [String: Data], to folder: String) throws {
    let fm = FileManager.default
    let dest = URL(fileURLWithPath: folder).standardizedFileURL
    let temp = dest.deletingLastPathComponent().appendingPathComponent(".\(dest.lastPathComponent).tmp-\(getpid())")
    try? fm.removeItem(at: temp)
    do {
        try fm.createDirectory(at: temp, withIntermediateDirectories: true)
        let config = try JSONSerialization.data(withJSONObject: hfConfig(model.shape, info), options: [.prettyPrinted, .sortedKeys])
        try config.write(to: temp.appendingPathComponent("config.json"))
        try writeSafetensors(hfTensors(model), to: temp.appendingPathComponent("model.safetensors").path)
        for (name, bytes) in extraFiles { try bytes.write(to: temp.appendingPathComponent(name)) }
        if fm.fileExists(atPath: dest.path) {
            let old = dest.deletingLastPathComponent().appendingPathComponent(".\(dest.lastPathComponent).old-\(getpid())")
            try fm.moveItem(at: dest, to: old)
            try fm.moveItem(at: temp, to: dest)
            try? fm.removeItem(at: old)
        } else {
            try fm.moveItem(at: temp, to: dest)
        }
    } catch {
        try? fm.removeItem(at: temp)
        if let e = error as? TrainError { throw e }
        throw TrainError("cannot write checkpoint \(folder): \(error.localizedDescription)")
    }
}
