// Byte-level BPE tokenizer built from GGUF metadata (tokenizer.ggml.*).
// Encode: split out special tokens → pre-tokenize → map bytes through the GPT-2
// byte↔unicode table → merge the lowest-ranked adjacent pair until none is left
// (the leftmost one on ties, as HF tokenizers' models/bpe/word.rs) → ids.
// Decode reverses the byte map; special tokens decode to their text.

import Foundation

public struct TokenizerError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}

public final class Tokenizer: @unchecked Sendable {
    public enum TokenType: Int32, Sendable { case normal = 1, unknown = 2, control = 3, userDefined = 4, unused = 5, byte = 6 }

    public let tokens: [String]
    public let types: [TokenType]
    public let bos: Int32?
    public let eos: Int32?
    public let addBOS: Bool
    /// Ids that end generation (eos, eot, <|im_end|>, <|endoftext|> …).
    public let endOfGeneration: Set<Int32>
    public let pre: String
    let preKind: PreTokenizerKind
    /// Unicode normalization applied to text between special tokens before
    /// pre-tokenizing (Qwen2's tokenizer.json asks for NFC).
    public enum Normalization: String, Sendable { case none, nfc }
    public let normalization: Normalization
    public let padding: Int32?
    /// The merges in rank order, "a b" (as GGUF stores them).
    public let mergeList: [String]
    private let ids: [String: Int32]
    private let merges: [UInt64: (rank: Int32, id: Int32)]
    private let byteToken: [Int32]           // byte → id of its mapped character
    private let tokenBytes: [[UInt8]]        // id → decoded bytes
    private let specials: [(bytes: [UInt8], id: Int32)]  // longest first

    public var count: Int { tokens.count }

    public convenience init(gguf: GGUFFile) throws {
        guard let model = gguf["tokenizer.ggml.model"]?.string else { throw TokenizerError("GGUF has no tokenizer (tokenizer.ggml.model missing)") }
        guard model == "gpt2" else { throw TokenizerError("tokenizer model '\(model)' is not supported (only byte-level BPE, 'gpt2')") }
        guard let toks = gguf["tokenizer.ggml.tokens"]?.array?.compactMap(\.string), !toks.isEmpty else {
            throw TokenizerError("tokenizer.ggml.tokens missing or empty")
        }
        let merges = gguf["tokenizer.ggml.merges"]?.array?.compactMap(\.string) ?? []
        let types = gguf["tokenizer.ggml.token_type"]?.array?.map { Int32($0.int ?? 1) }
        func id(_ k: String) -> Int32? { gguf["tokenizer.ggml.\(k)"]?.int.map(Int32.init) }
        let pre = gguf["tokenizer.ggml.pre"]?.string ?? "default"
        try self.init(tokens: toks, merges: merges, types: types, pre: pre,
                      bos: id("bos_token_id"), eos: id("eos_token_id"), eot: id("eot_token_id"),
                      addBOS: gguf["tokenizer.ggml.add_bos_token"]?.bool ?? false,
                      normalization: pre == "qwen2" ? .nfc : .none, padding: id("padding_token_id"))
    }

    public init(tokens: [String], merges mergeList: [String], types typeIds: [Int32]?, pre: String,
                bos: Int32?, eos: Int32?, eot: Int32? = nil, addBOS: Bool = false,
                normalization: Normalization = .none, padding: Int32? = nil, endOfGeneration extraEOG: [Int32] = []) throws {
        self.tokens = tokens
        self.pre = pre
        self.normalization = normalization
        self.mergeList = mergeList
        switch pre {
        case "smollm": preKind = .smollm
        case "qwen2": preKind = .qwen2
        default: preKind = .gpt2
        }
        types = (0..<tokens.count).map { i in
            typeIds.flatMap { i < $0.count ? TokenType(rawValue: $0[i]) : nil } ?? .normal
        }
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(tokens.count)
        for (i, t) in tokens.enumerated() where ids[t] == nil { ids[t] = Int32(i) }
        self.ids = ids
        let n = Int32(tokens.count)
        func valid(_ x: Int32?) -> Int32? { x.flatMap { $0 >= 0 && $0 < n ? $0 : nil } }
        self.bos = valid(bos); self.eos = valid(eos); self.addBOS = addBOS; self.padding = valid(padding)

        // GPT-2 byte ↔ unicode table.
        var byteToChar = [Unicode.Scalar](repeating: " ", count: 256)
        var extra: UInt32 = 0
        for b in 0..<256 {
            let printable = (0x21...0x7e).contains(b) || (0xa1...0xac).contains(b) || (0xae...0xff).contains(b)
            byteToChar[b] = Unicode.Scalar(printable ? UInt32(b) : 256 + extra)!
            if !printable { extra += 1 }
        }
        var charToByte: [UInt32: UInt8] = [:]
        for b in 0..<256 { charToByte[byteToChar[b].value] = UInt8(b) }
        var byteToken = [Int32](repeating: -1, count: 256)
        for b in 0..<256 { byteToken[b] = ids[String(Character(byteToChar[b]))] ?? -1 }
        self.byteToken = byteToken

        var m: [UInt64: (Int32, Int32)] = [:]
        m.reserveCapacity(mergeList.count)
        for (rank, line) in mergeList.enumerated() {
            guard let sp = line.firstIndex(of: " ") else { continue }
            let a = String(line[..<sp]), b = String(line[line.index(after: sp)...])
            guard let ia = ids[a], let ib = ids[b], let ic = ids[a + b] else { continue }
            let key = UInt64(UInt32(ia)) << 32 | UInt64(UInt32(ib))
            if m[key] == nil { m[key] = (Int32(rank), ic) }
        }
        merges = m

        var tb: [[UInt8]] = []
        tb.reserveCapacity(tokens.count)
        var sp: [([UInt8], Int32)] = []
        for (i, t) in tokens.enumerated() {
            let ty = types[i]
            if ty == .control || ty == .userDefined {
                tb.append(Array(t.utf8))
                if !t.isEmpty { sp.append((Array(t.utf8), Int32(i))) }
            } else {
                var bytes: [UInt8] = []
                for c in t.unicodeScalars {
                    if let b = charToByte[c.value] { bytes.append(b) } else { bytes.append(contentsOf: Array(String(c).utf8)) }
                }
                tb.append(bytes)
            }
        }
        tokenBytes = tb
        specials = sp.sorted { $0.0.count > $1.0.count }

        var eog = Set<Int32>()
        if let e = self.eos { eog.insert(e) }
        if let e = valid(eot) { eog.insert(e) }
        for e in extraEOG { if let v = valid(e) { eog.insert(v) } }
        for name in ["<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end_of_text|>", "<end_of_turn>", "<|end|>"] {
            if let i = ids[name], types[Int(i)] == .control { eog.insert(i) }
        }
        endOfGeneration = eog
    }

    public func id(of token: String) -> Int32? { ids[token] }

    // ── Encode ───────────────────────────────────────────────────────────
    /// Encodes text. parseSpecial = true turns special-token strings (control and
    /// user-defined tokens such as `<|im_start|>`) into their ids, as the HF library
    /// does for added tokens; false treats them as plain text. addBOS follows the vocab.
    public func encode(_ text: String, parseSpecial: Bool = false) -> [Int32] {
        var out: [Int32] = []
        if addBOS, let b = bos { out.append(b) }
        let bytes = Array(text.utf8)
        var cache: [ArraySlice<UInt8>: [Int32]] = [:]
        var start = 0, i = 0
        if parseSpecial && !specials.isEmpty {
            while i < bytes.count {
                var hit: (Int, Int32)? = nil
                for (sb, sid) in specials where sb[0] == bytes[i] && sb.count <= bytes.count - i {
                    if bytes[i..<(i + sb.count)].elementsEqual(sb) { hit = (sb.count, sid); break }
                }
                if let (len, sid) = hit {
                    if start < i { encodeText(bytes[start..<i], into: &out, cache: &cache) }
                    out.append(sid)
                    i += len; start = i
                } else { i += 1 }
            }
        }
        if start < bytes.count { encodeText(bytes[start..<bytes.count], into: &out, cache: &cache) }
        return out
    }

    private func encodeText(_ bytes: ArraySlice<UInt8>, into out: inout [Int32], cache: inout [ArraySlice<UInt8>: [Int32]]) {
        var str = String(decoding: bytes, as: UTF8.self)
        if normalization == .nfc { str = str.precomposedStringWithCanonicalMapping }
        let scalars = Array(str.unicodeScalars)
        // Byte offset of each scalar, to cut pieces out of the UTF-8.
        var offs = [Int](repeating: 0, count: scalars.count + 1)
        for (k, c) in scalars.enumerated() { offs[k + 1] = offs[k] + UTF8.width(c) }
        let utf8 = Array(str.utf8)
        for r in preTokenize(scalars, kind: preKind) {
            let piece = utf8[offs[r.lowerBound]..<offs[r.upperBound]]
            if let c = cache[piece] { out.append(contentsOf: c); continue }
            let ids = bpe(piece)
            cache[piece] = ids
            out.append(contentsOf: ids)
        }
    }

    private func bpe(_ piece: ArraySlice<UInt8>) -> [Int32] {
        var sym = piece.map { byteToken[Int($0)] }
        if sym.contains(-1) { sym = sym.filter { $0 >= 0 } }  // vocab lacks a byte: drop it
        return sym.count > 24 ? bpeLong(sym) : bpeShort(sym)
    }

    /// Both merge loops on one piece (tests check they agree).
    func bpeBoth(_ piece: [UInt8]) -> (short: [Int32], long: [Int32]) {
        let sym = piece.map { byteToken[Int($0)] }.filter { $0 >= 0 }
        return (bpeShort(sym), bpeLong(sym))
    }

    @inline(__always) private func merge(_ a: Int32, _ b: Int32) -> (rank: Int32, id: Int32)? {
        merges[UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))]
    }

    /// Short pieces: rescan for the lowest-ranked pair after each merge.
    private func bpeShort(_ s: [Int32]) -> [Int32] {
        var sym = s
        while sym.count > 1 {
            var best = Int32.max, at = -1, merged: Int32 = 0
            for k in 0..<(sym.count - 1) {
                if let m = merge(sym[k], sym[k + 1]), m.rank < best { best = m.rank; at = k; merged = m.id }
            }
            if at < 0 { break }
            sym[at] = merged
            sym.remove(at: at + 1)
        }
        return sym
    }

    /// Long pieces: a linked list of symbols and a min-heap of candidate pairs keyed by
    /// (rank, position) — the same order as bpeShort, in O(n log n).
    private func bpeLong(_ s: [Int32]) -> [Int32] {
        let n = s.count
        if n < 2 { return s }
        var id = s, next = Array(1...n), prev = Array(-1..<(n - 1))
        var heap = MinHeap()
        for i in 0..<(n - 1) { if let m = merge(id[i], id[i + 1]) { heap.push(UInt64(UInt32(m.rank)) << 32 | UInt64(i)) } }
        while let top = heap.pop() {
            let rank = Int32(top >> 32), i = Int(top & 0xffff_ffff)
            let j = next[i]
            guard id[i] >= 0, j < n, let m = merge(id[i], id[j]), m.rank == rank else { continue }  // stale entry
            id[i] = m.id
            id[j] = -1
            next[i] = next[j]
            if next[j] < n { prev[next[j]] = i }
            if prev[i] >= 0, let l = merge(id[prev[i]], id[i]) { heap.push(UInt64(UInt32(l.rank)) << 32 | UInt64(prev[i])) }
            if next[i] < n, let r = merge(id[i], id[next[i]]) { heap.push(UInt64(UInt32(r.rank)) << 32 | UInt64(i)) }
        }
        return id.filter { $0 >= 0 }
    }

    // ── Decode ───────────────────────────────────────────────────────────
    /// The raw bytes of a token (for streaming; may be part of a UTF-8 sequence).
    public func bytes(of id: Int32) -> [UInt8] {
        id >= 0 && Int(id) < tokenBytes.count ? tokenBytes[Int(id)] : []
    }

    /// Decodes ids to text; invalid UTF-8 becomes U+FFFD. skipSpecial drops control tokens.
    public func decode(_ ids: [Int32], skipSpecial: Bool = false) -> String {
        var b: [UInt8] = []
        for id in ids {
            if skipSpecial, id >= 0, Int(id) < types.count, types[Int(id)] == .control { continue }
            b.append(contentsOf: bytes(of: id))
        }
        return String(decoding: b, as: UTF8.self)
    }

    public func isControl(_ id: Int32) -> Bool { id >= 0 && Int(id) < types.count && types[Int(id)] == .control }
}

/// A binary min-heap of UInt64 keys.
struct MinHeap {
    private var a: [UInt64] = []
    mutating func push(_ x: UInt64) {
        a.append(x)
        var i = a.count - 1
        while i > 0 { let p = (i - 1) / 2; if a[p] <= a[i] { break }; a.swapAt(p, i); i = p }
    }
    mutating func pop() -> UInt64? {
        guard let top = a.first else { return nil }
        let last = a.removeLast()
        if !a.isEmpty {
            a[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < a.count && a[l] < a[m] { m = l }
                if r < a.count && a[r] < a[m] { m = r }
                if m == i { break }
                a.swapAt(i, m); i = m
            }
        }
        return top
    }
}
