import Foundation

// Tolerant extraction, strict scoring: find the final answer in a response and
// strip what surrounds it (whitespace, quotes, code fences), nothing more.

public enum AnswerExtraction {
    /// Answers longer than this are cut before any verifier sees them.
    public static let maxAnswerBytes = 65_536

    /// The content of the last `<<<…>>>` in `text`, normalised; nil when there is none.
    /// `<<<>>>` spans lines; the last complete pair wins. Scans UTF-8 bytes from the
    /// end, so a long response costs one backward pass.
    public static func lastAnswer(in text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">")
            // The last ">>>": its first byte is at `close`.
            var close = bytes.count - 3
            while close >= 0, !(bytes[close] == gt && bytes[close + 1] == gt && bytes[close + 2] == gt) { close -= 1 }
            guard close >= 0 else { return nil }
            // "x>>>>" gives "x>": answers may end with '>' (Dyck sequences), so the
            // pair closes at the run's last three.
            // The last "<<<" that ends at or before `close`.
            var open = close - 3
            while open >= 0, !(bytes[open] == lt && bytes[open + 1] == lt && bytes[open + 2] == lt) { open -= 1 }
            guard open >= 0 else { return nil }
            // "<<<<x>>>>": keep extra angle brackets out of the answer.
            var start = open + 3
            while start < close, bytes[start] == lt { start += 1 }
            return normalise(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<close]), as: UTF8.self))
        }
    }

    /// Trims whitespace, surrounding quotes or backticks and a wrapping code fence.
    public static func normalise(_ raw: String) -> String {
        var s = Substring(raw.utf8.count > maxAnswerBytes
            ? String(decoding: raw.utf8.prefix(maxAnswerBytes), as: UTF8.self) : raw)
        func trim() { s = s.drop(while: \.isWhitespace); while let last = s.last, last.isWhitespace { s = s.dropLast() } }
        trim()
        if s.hasPrefix("```") {
            s = s.dropFirst(3)
            // Drop a language tag on the fence line.
            if let newline = s.firstIndex(of: "\n") {
                let tag = s[..<newline]
                if tag.allSatisfy({ $0.isLetter || $0.isNumber }) { s = s[s.index(after: newline)...] }
            }
            if s.hasSuffix("```") { s = s.dropLast(3) }
            trim()
        }
        for (open, close) in [("\"", "\""), ("'", "'"), ("`", "`"), ("“", "”"), ("‘", "’")] {
            if s.count >= 2, s.hasPrefix(open), s.hasSuffix(close) {
                s = s.dropFirst().dropLast()
                trim()
            }
        }
        return String(s)
    }
}
