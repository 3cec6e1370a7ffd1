// The tokenizer files of a Hugging Face folder, for a checkpoint whose source
// was a GGUF file: tokenizer.json (byte-level BPE: vocab, merges, special
// tokens, the pre-tokenizer the GGUF's `tokenizer.ggml.pre` names) and
// tokenizer_config.json (special-token names, add_bos_token, chat template).
// A source folder's own files are copied instead (see tokenizerFiles(copying:)).

import Foundation
import R1Engine

/// The Qwen2 pre-tokenizer split pattern as Qwen2's tokenizer.json spells it.
let qwen2SplitPattern = #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#

/// tokenizer.json and tokenizer_config.json for `tok` with chat template `template`.
public func tokenizerFiles(for tok: Tokenizer, chatTemplate template: String?) throws -> [String: Data] {
    func byteLevel(regex: Bool) -> [String: Any] {
        ["type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": regex]
    }
    let pre: [String: Any]
    switch tok.pre {
    case "smollm":
        pre = ["type": "Sequence", "pretokenizers": [["type": "Digits", "individual_digits": true], byteLevel(regex: true)]]
    case "qwen2":
        pre = ["type": "Sequence", "pretokenizers": [
            ["type": "Split", "pattern": ["Regex": qwen2SplitPattern], "behavior": "Isolated", "invert": false],
            byteLevel(regex: false)]]
    default:
        pre = byteLevel(regex: true)
    }
    var vocab: [String: Int] = [:], added: [[String: Any]] = []
    for (i, t) in tok.tokens.enumerated() {
        switch tok.types[i] {
        case .control, .userDefined:
            added.append(["id": i, "content": t, "single_word": false, "lstrip": false, "rstrip": false,
                          "normalized": false, "special": tok.types[i] == .control])
            if vocab[t] == nil { vocab[t] = i }
        case .unused: continue
        default: if vocab[t] == nil { vocab[t] = i }
        }
    }
    let json: [String: Any] = [
        "version": "1.0", "truncation": NSNull(), "padding": NSNull(), "added_tokens": added,
        "normalizer": tok.normalization == .nfc ? ["type": "NFC"] : NSNull(),
        "pre_tokenizer": pre,
        "post_processor": byteLevel(regex: true),
        "decoder": byteLevel(regex: true),
        "model": ["type": "BPE", "dropout": NSNull(), "unk_token": NSNull(), "continuing_subword_prefix": NSNull(),
                  "end_of_word_suffix": NSNull(), "fuse_unk": false, "byte_fallback": false, "ignore_merges": false,
                  "vocab": vocab, "merges": tok.mergeList] as [String: Any],
    ]
    func name(_ id: Int32?) -> Any { id.map { tok.tokens[Int($0)] } ?? NSNull() }
    var config: [String: Any] = [
        "tokenizer_class": "PreTrainedTokenizerFast", "add_bos_token": tok.addBOS, "add_eos_token": false,
        "bos_token": name(tok.bos), "eos_token": name(tok.eos), "pad_token": name(tok.padding ?? tok.eos),
        "clean_up_tokenization_spaces": false, "model_max_length": 1 << 20,
    ]
    if let template { config["chat_template"] = template }
    return [
        "tokenizer.json": try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]),
        "tokenizer_config.json": try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys]),
    ]
}

/// The tokenizer files present in a source Hugging Face folder, read for copying.
public func tokenizerFiles(copying folder: String) -> [String: Data] {
    var out: [String: Data] = [:]
    for name in ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json",
                 "vocab.json", "merges.txt"] {
        if let d = FileManager.default.contents(atPath: folder + "/" + name) { out[name] = d }
    }
    return out
}
