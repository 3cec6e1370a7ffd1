// Pre-tokenizers: the regexes of llama.cpp's `smollm`/`gpt2` and `qwen2`
// vocab types (src/llama-vocab.cpp), hand-written as scanners over Unicode
// scalars so they match the Hugging Face `tokenizers` behaviour exactly
// (HF ByteLevel regex, Digits(individual_digits), Split(Isolated)).

enum PreTokenizerKind: Sendable {
    /// `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
    case gpt2
    /// Every \p{N} isolated first, then gpt2 on the spans between (SmolLM2).
    case smollm
    /// `(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}
    ///  | ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
    case qwen2
}

@inline(__always) func isLetter(_ c: Unicode.Scalar) -> Bool {
    if c.value < 0x80 { return (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7a }
    switch c.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
    default: return false
    }
}
@inline(__always) func isNumber(_ c: Unicode.Scalar) -> Bool {
    if c.value < 0x80 { return c.value >= 0x30 && c.value <= 0x39 }
    switch c.properties.generalCategory {
    case .decimalNumber, .letterNumber, .otherNumber: return true
    default: return false
    }
}
@inline(__always) func isSpace(_ c: Unicode.Scalar) -> Bool {
    if c.value < 0x80 { return c.value == 0x20 || (c.value >= 0x09 && c.value <= 0x0d) }
    return c.properties.isWhitespace
}
@inline(__always) private func isOther(_ c: Unicode.Scalar) -> Bool { !isSpace(c) && !isLetter(c) && !isNumber(c) }
@inline(__always) private func isNewline(_ c: Unicode.Scalar) -> Bool { c == "\r" || c == "\n" }

/// Splits `s` into pieces (ranges of scalar indices).
func preTokenize(_ s: [Unicode.Scalar], kind: PreTokenizerKind) -> [Range<Int>] {
    var out: [Range<Int>] = []
    switch kind {
    case .gpt2: gpt2Split(s, 0..<s.count, into: &out)
    case .qwen2: qwen2Split(s, into: &out)
    case .smollm:
        var start = 0
        for i in 0..<s.count where isNumber(s[i]) {
            if start < i { gpt2Split(s, start..<i, into: &out) }
            out.append(i..<(i + 1))
            start = i + 1
        }
        if start < s.count { gpt2Split(s, start..<s.count, into: &out) }
    }
    return out
}

/// Length of a contraction at i ("'s", "'ll", …), 0 when none. caseInsensitive for qwen2.
private func contraction(_ s: [Unicode.Scalar], _ i: Int, _ end: Int, caseInsensitive: Bool) -> Int {
    guard s[i] == "'", i + 1 < end else { return 0 }
    // Case folding as the (?i:…) regex of qwen2's tokenizer.json does it: ASCII, and
    // the long s U+017F, which folds to "s".
    func low(_ c: Unicode.Scalar) -> Unicode.Scalar {
        guard caseInsensitive else { return c }
        if c.value >= 0x41 && c.value <= 0x5a { return Unicode.Scalar(c.value + 32)! }
        return c.value == 0x17f ? "s" : c
    }
    let a = low(s[i + 1])
    if a == "s" || a == "t" || a == "m" || a == "d" { return 2 }
    if i + 2 < end {
        let b = low(s[i + 2])
        if (a == "r" && b == "e") || (a == "v" && b == "e") || (a == "l" && b == "l") { return 3 }
    }
    return 0
}

/// Whitespace run from i: the end of `\s+(?!\S)|\s+` (the run minus its last scalar when
/// a non-space follows and the run is longer than one).
private func spaceRunEnd(_ s: [Unicode.Scalar], _ i: Int, _ end: Int) -> Int {
    var j = i
    while j < end && isSpace(s[j]) { j += 1 }
    if j == end || j - i == 1 { return j }
    return j - 1
}

private func gpt2Split(_ s: [Unicode.Scalar], _ r: Range<Int>, into out: inout [Range<Int>]) {
    var i = r.lowerBound
    let end = r.upperBound
    while i < end {
        let start = i
        let c = contraction(s, i, end, caseInsensitive: false)
        if c > 0 { out.append(i..<(i + c)); i += c; continue }
        var k = i
        if s[k] == " " && k + 1 < end && !isSpace(s[k + 1]) { k += 1 }
        let h = s[k]
        if isLetter(h) {
            k += 1; while k < end && isLetter(s[k]) { k += 1 }
        } else if isNumber(h) {
            k += 1; while k < end && isNumber(s[k]) { k += 1 }
        } else if isOther(h) {
            k += 1; while k < end && isOther(s[k]) { k += 1 }
        } else {
            k = spaceRunEnd(s, i, end)
        }
        out.append(start..<k)
        i = k
    }
}

private func qwen2Split(_ s: [Unicode.Scalar], into out: inout [Range<Int>]) {
    var i = 0
    let end = s.count
    while i < end {
        let c = contraction(s, i, end, caseInsensitive: true)
        if c > 0 { out.append(i..<(i + c)); i += c; continue }
        let h = s[i]
        // [^\r\n\p{L}\p{N}]?\p{L}+
        if isLetter(h) || (!isNewline(h) && !isNumber(h) && i + 1 < end && isLetter(s[i + 1])) {
            var k = i + 1
            while k < end && isLetter(s[k]) { k += 1 }
            out.append(i..<k); i = k; continue
        }
        // \p{N}
        if isNumber(h) { out.append(i..<(i + 1)); i += 1; continue }
        // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
        var k = i
        if h == " " && k + 1 < end && isOther(s[k + 1]) { k += 1 }
        if isOther(s[k]) {
            k += 1
            while k < end && isOther(s[k]) { k += 1 }
            while k < end && isNewline(s[k]) { k += 1 }
            out.append(i..<k); i = k; continue
        }
        // \s*[\r\n]+ : up to the last newline in the whitespace run
        var j = i, lastNL = -1
        while j < end && isSpace(s[j]) { if isNewline(s[j]) { lastNL = j }; j += 1 }
        if lastNL >= 0 { out.append(i..<(lastNL + 1)); i = lastNL + 1; continue }
        let e = spaceRunEnd(s, i, end)
        out.append(i..<e); i = e
    }
}
