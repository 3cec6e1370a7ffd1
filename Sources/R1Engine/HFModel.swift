// Hugging Face model folders: config.json for the hyper-parameters, safetensors
// files for the weights (HF names mapped from the GGUF names the model asks for),
// tokenizer.json + tokenizer_config.json (+ generation_config.json) for the
// tokenizer and chat template.
//
// RoPE: HF checkpoints rotate half-split pairs (x[i], x[i + D/2]) for llama as
// well as qwen2 — only llama *GGUF* files have their Q/K rows permuted to
// adjacent pairs — so every folder model runs with ropeNeox.

import Foundation

/// The HF name of a GGUF tensor name (`blk.3.attn_q.bias` → `model.layers.3.self_attn.q_proj.bias`).
public func hfTensorName(_ gguf: String) -> String {
    switch gguf {
    case "token_embd.weight": return "model.embed_tokens.weight"
    case "output.weight": return "lm_head.weight"
    case "output_norm.weight": return "model.norm.weight"
    default: break
    }
    let parts = gguf.split(separator: ".", maxSplits: 2).map(String.init)
    guard parts.count == 3, parts[0] == "blk" else { return gguf }
    let module: [String: String] = [
        "attn_norm": "input_layernorm", "ffn_norm": "post_attention_layernorm",
        "attn_q": "self_attn.q_proj", "attn_k": "self_attn.k_proj", "attn_v": "self_attn.v_proj",
        "attn_output": "self_attn.o_proj", "ffn_gate": "mlp.gate_proj", "ffn_up": "mlp.up_proj", "ffn_down": "mlp.down_proj",
    ]
    let rest = parts[2].split(separator: ".", maxSplits: 1).map(String.init)
    guard rest.count == 2, let m = module[rest[0]] else { return gguf }
    return "model.layers.\(parts[1]).\(m).\(rest[1])"
}

/// A folder's safetensors as a tensor source under GGUF names.
public final class HFTensorSource: TensorSource, @unchecked Sendable {
    public let store: SafetensorsSet
    public var origin: String { store.folder }
    public init(_ store: SafetensorsSet) { self.store = store }
    public func tensor(_ ggufName: String) throws -> TensorView? { try store.view(hfTensorName(ggufName)) }
    public func sourceName(_ ggufName: String) -> String { hfTensorName(ggufName) }
    public var fileBytes: Int { store.files.reduce(0) { $0 + $1.fileSize } }
}

/// What config.json says about a model.
public struct HFConfig: Sendable {
    public static let architectures = ["LlamaForCausalLM": "llama", "Qwen2ForCausalLM": "qwen2"]
    public let model: ModelConfig
    /// tie_word_embeddings; nil when config.json does not say (then lm_head is used if present).
    public let tiedEmbeddings: Bool?
    public let name: String?

    public init(path: String) throws {
        let j = try readJSONObject(path)
        func fail(_ why: String) -> EngineError { EngineError("\(path): \(why)") }
        let archs = (j["architectures"] as? [Any])?.compactMap { $0 as? String } ?? []
        guard let hfArch = archs.first else { throw fail("architectures missing") }
        guard let arch = Self.architectures[hfArch] else {
            throw fail("architecture '\(hfArch)' is not supported (\(Self.architectures.keys.sorted().joined(separator: ", ")))")
        }
        func int(_ k: String, _ def: Int? = nil) throws -> Int {
            if let v = j[k], !(v is NSNull) {
                guard let i = jsonInt(v) else { throw fail("\(k) is not a whole number") }
                return i
            }
            if let d = def { return d }
            throw fail("\(k) missing")
        }
        func real(_ k: String, _ def: Double) throws -> Double {
            guard let v = j[k], !(v is NSNull) else { return def }
            guard let n = v as? NSNumber else { throw fail("\(k) is not a number") }
            return n.doubleValue
        }
        if let rs = j["rope_scaling"], !(rs is NSNull) {
            let kind = (rs as? [String: Any])?["rope_type"] ?? (rs as? [String: Any])?["type"] ?? "?"
            throw fail("rope_scaling '\(kind)' is not supported")
        }
        if let act = j["hidden_act"] as? String, act != "silu" { throw fail("hidden_act '\(act)' is not supported (silu)") }
        for flag in ["attention_bias", "mlp_bias"] where (j[flag] as? Bool) == true && arch == "llama" {
            throw fail("\(flag) = true is not supported")
        }
        let dim = try int("hidden_size"), heads = try int("num_attention_heads")
        guard heads > 0, dim % heads == 0 || j["head_dim"] != nil else { throw fail("hidden_size \(dim) not divisible by num_attention_heads \(heads)") }
        let headDim = try int("head_dim", heads > 0 ? dim / heads : 0)
        model = try .checked(arch: arch, nLayers: int("num_hidden_layers"), dim: dim, nHeads: heads,
                             nKVHeads: int("num_key_value_heads", heads), headDim: headDim,
                             ffnDim: int("intermediate_size"), vocab: int("vocab_size"),
                             contextLength: int("max_position_embeddings", 2048),
                             ropeTheta: Float(real("rope_theta", 10000)), ropeDim: headDim,
                             rmsEps: Float(real("rms_norm_eps", 1e-6)), ropeNeox: true)
        tiedEmbeddings = j["tie_word_embeddings"] as? Bool
        name = j["_name_or_path"] as? String
    }
}

/// A Hugging Face folder, loaded: model, tokenizer and chat template text.
public struct HFFolder {
    public let config: HFConfig
    public let transformer: Transformer
    public let tokenizer: Tokenizer
    public let chatTemplate: String?

    public init(path folder: String) throws {
        let fm = FileManager.default
        let cfgPath = folder + "/config.json"
        guard fm.fileExists(atPath: cfgPath) else { throw EngineError("\(folder): no config.json; not a Hugging Face model folder") }
        config = try HFConfig(path: cfgPath)
        let source = HFTensorSource(try SafetensorsSet(folder: folder))
        if let emb = try source.tensor("token_embd.weight"), emb.shape.count == 2, emb.shape[1] != config.model.vocab {
            throw EngineError("\(folder): vocab_size \(config.model.vocab) in config.json but \(emb.name) has \(emb.shape[1]) rows")
        }
        transformer = try Transformer(config: config.model, tensors: source, tiedEmbeddings: config.tiedEmbeddings)
        let tokPath = folder + "/tokenizer.json"
        guard fm.fileExists(atPath: tokPath) else { throw EngineError("\(folder): no tokenizer.json") }
        func optional(_ name: String) throws -> [String: Any]? {
            fm.fileExists(atPath: folder + "/" + name) ? try readJSONObject(folder + "/" + name) : nil
        }
        let tokConfig = try optional("tokenizer_config.json")
        tokenizer = try Tokenizer(tokenizerJSON: tokPath, config: tokConfig, generationConfig: try optional("generation_config.json"))
        chatTemplate = chatTemplateText(tokConfig)
    }
}

/// The chat template of a tokenizer_config.json: a string, or a list of named
/// templates of which the one called "default" is used.
func chatTemplateText(_ tokConfig: [String: Any]?) -> String? {
    switch tokConfig?["chat_template"] {
    case let s as String: return s
    case let list as [[String: Any]]:
        return (list.first { $0["name"] as? String == "default" } ?? list.first)?["template"] as? String
    default: return nil
    }
}
