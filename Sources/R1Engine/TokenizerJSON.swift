// Byte-level BPE from a Hugging Face tokenizer.json (the format of the
// `tokenizers` library): model.vocab + model.merges (either "a b" strings or
// ["a", "b"] pairs), added_tokens (special → control, others → user-defined),
// the pre-tokenizer (recognised as one of the smollm / qwen2 / gpt2 splits the
// engine implements) and the normalizer (none or NFC). tokenizer_config.json
// gives bos/eos/pad and add_bos_token; generation_config.json adds eos ids.

import Foundation

/// The Qwen2 split regex as tokenizer.json spells it.
let qwen2SplitRegex = #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
/// The same regex in its case-class spelling (as llama.cpp and some exports write it).
let qwen2SplitRegexAlt = #"(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
/// GPT-2's split regex.
let gpt2SplitRegex = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#

extension Tokenizer {
    /// Loads tokenizer.json; `config` is tokenizer_config.json and
    /// `generationConfig` generation_config.json when the folder has them.
    public convenience init(tokenizerJSON path: String, config: [String: Any]? = nil,
                            generationConfig: [String: Any]? = nil) throws {
        let root: [String: Any]
        do { root = try readJSONObject(path) } catch let e as EngineError { throw TokenizerError(e.description) }
        func fail(_ why: String) -> TokenizerError { TokenizerError("\(path): \(why)") }
        guard let model = root["model"] as? [String: Any] else { throw fail("model missing") }
        let kind = model["type"] as? String ?? "BPE"
        guard kind == "BPE" else { throw fail("tokenizer model '\(kind)' is not supported (byte-level BPE only)") }
        if (model["ignore_merges"] as? Bool) == true { throw fail("ignore_merges = true is not supported") }
        guard let vocab = model["vocab"] as? [String: Any] else { throw fail("model.vocab missing") }

        // Dense id → token table from the vocab and the added tokens.
        var byId: [Int: String] = [:], typeById: [Int: TokenType] = [:]
        for (tok, v) in vocab {
            guard let id = jsonInt(v), id >= 0, id < 1 << 24 else { throw fail("vocab id of '\(tok)' is not a valid id") }
            byId[id] = tok
        }
        for case let a as [String: Any] in (root["added_tokens"] as? [Any]) ?? [] {
            guard let id = jsonInt(a["id"]), id >= 0, id < 1 << 24, let content = a["content"] as? String else {
                throw fail("an added_tokens entry lacks a valid id or content")
            }
            byId[id] = content
            typeById[id] = (a["special"] as? Bool) == true ? .control : .userDefined
        }
        guard let maxId = byId.keys.max() else { throw fail("vocabulary is empty") }
        var tokens = [String](repeating: "", count: maxId + 1)
        var types = [Int32](repeating: TokenType.normal.rawValue, count: maxId + 1)
        for i in 0...maxId {
            if let t = byId[i] { tokens[i] = t } else { tokens[i] = "[UNUSED_\(i)]"; types[i] = TokenType.unused.rawValue }
            if let ty = typeById[i] { types[i] = ty.rawValue }
        }

        var merges: [String] = []
        for m in (model["merges"] as? [Any]) ?? [] {
            if let s = m as? String { merges.append(s) }
            else if let p = m as? [Any], p.count == 2, let a = p[0] as? String, let b = p[1] as? String { merges.append(a + " " + b) }
            else { throw fail("a merge is neither \"a b\" nor [\"a\", \"b\"]") }
        }

        let pre = try Self.preTokenizerName(root["pre_tokenizer"], fail: fail)
        let norm = try Self.normalization(root["normalizer"], fail: fail)

        // Special ids: tokenizer_config.json names them; generation_config.json may list eos ids.
        var index: [String: Int32] = [:]
        for (i, t) in tokens.enumerated() where index[t] == nil { index[t] = Int32(i) }
        func named(_ key: String) -> Int32? {
            switch config?[key] {
            case let s as String: return index[s]
            case let d as [String: Any]: return (d["content"] as? String).flatMap { index[$0] }
            default: return nil
            }
        }
        var eosIds: [Int32] = []
        switch generationConfig?["eos_token_id"] {
        case let list as [Any]: eosIds = list.compactMap { jsonInt($0).map(Int32.init) }
        case let v?: if let i = jsonInt(v) { eosIds = [Int32(i)] }
        default: break
        }
        let bos = named("bos_token") ?? jsonInt(generationConfig?["bos_token_id"]).map(Int32.init)
        try self.init(tokens: tokens, merges: merges, types: types, pre: pre, bos: bos, eos: named("eos_token") ?? eosIds.first,
                      addBOS: (config?["add_bos_token"] as? Bool) ?? false, normalization: norm,
                      padding: named("pad_token"), endOfGeneration: eosIds)
    }

    /// The engine's name for a tokenizer.json pre-tokenizer, or an error naming what is not supported.
    static func preTokenizerName(_ p: Any?, fail: (String) -> TokenizerError) throws -> String {
        func byteLevel(_ d: [String: Any], regex: Bool) throws {
            guard d["type"] as? String == "ByteLevel" else { throw fail("pre-tokenizer \(d["type"] ?? "?") is not supported") }
            if (d["add_prefix_space"] as? Bool) == true { throw fail("ByteLevel add_prefix_space = true is not supported") }
            guard ((d["use_regex"] as? Bool) ?? true) == regex else { throw fail("ByteLevel use_regex = \(!regex) is not supported here") }
        }
        guard let d = p as? [String: Any] else { throw fail("pre_tokenizer missing (byte-level BPE needs one)") }
        if d["type"] as? String == "ByteLevel" { try byteLevel(d, regex: true); return "gpt2" }
        guard d["type"] as? String == "Sequence", let seq = d["pretokenizers"] as? [[String: Any]], seq.count == 2 else {
            throw fail("pre-tokenizer \(d["type"] ?? "?") is not supported (ByteLevel, Digits + ByteLevel, or the Qwen2 Split + ByteLevel)")
        }
        let first = seq[0]
        if first["type"] as? String == "Digits", (first["individual_digits"] as? Bool) == true {
            try byteLevel(seq[1], regex: true); return "smollm"
        }
        if first["type"] as? String == "Split", let pattern = (first["pattern"] as? [String: Any])?["Regex"] as? String {
            guard (first["behavior"] as? String) == "Isolated", (first["invert"] as? Bool) != true else {
                throw fail("Split behaviour \(first["behavior"] ?? "?") is not supported (Isolated)")
            }
            try byteLevel(seq[1], regex: false)
            if pattern == qwen2SplitRegex || pattern == qwen2SplitRegexAlt { return "qwen2" }
            if pattern == gpt2SplitRegex { return "gpt2" }
            throw fail("pre-tokenizer regex is not one the engine implements (qwen2, gpt2): \(pattern.prefix(60))…")
        }
        throw fail("pre-tokenizer sequence \(seq.map { $0["type"] as? String ?? "?" }) is not supported")
    }

    static func normalization(_ n: Any?, fail: (String) -> TokenizerError) throws -> Normalization {
        guard let d = n as? [String: Any] else { return .none }
        switch d["type"] as? String {
        case "NFC": return .nfc
        case "Sequence" where ((d["normalizers"] as? [Any]) ?? []).isEmpty: return .none
        case let t: throw fail("normalizer \(t ?? "?") is not supported (none or NFC)")
        }
    }
}
