import Foundation

// Tolerant extraction, strict scoring: find the final answer in a response and
// strip what surrounds it (whitespace, quotes, code fences), nothing more.

public enum AnswerExtraction {
    /// Answers longer than this are cut before any verifier sees them.
    public static let maxAnswerBytes = 65_536

    /// The content of the last `<<<…>>>` in `text`, normalised; nil when there is none.
    /// `<<<>>>` spans lines; the last complete pair wins.
    public static func lastAnswer(in text: String) -> String? {
        guard let close = text.range(of: ">>>", options: .backwards) else { return nil }
        let head = text[..<close.lowerBound]
        guard let open = head.range(of: "<<<", options: .backwards) else { return nil }
        var inner = head[open.upperBound...]
        // "<<<<x>>>>" style nesting: keep extra angle brackets out of the answer.
        while inner.hasPrefix("<") { inner = inner.dropFirst() }
        return normalise(String(inner))
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
