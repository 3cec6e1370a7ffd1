// How an imported item is scored. The rule travels in the item's metadata:
//   "scoring": "choice"  — multiple choice; "choices": {"letters": [...], "texts": [...]},
//                          "answer": the gold letter. The answer may be the letter in
//                          any common dress ("B", "(B)", "B)", "(B) text", "Option B")
//                          or exactly the text of one option.
//   "scoring": "number"  — |answer − gold| ≤ "tolerance" (absolute); commas ignored.
//   "scoring": "family"  — R1CI's verifier of generated task "family" on "family_metadata".
//   "scoring": "exact"   — the default: equal after normalisation (case, whitespace, a
//                          final period), or equal as JSON values when both parse as JSON.
// Tolerant extraction, strict scoring: a response naming two different options is wrong.

import Foundation

public enum ImportScoring {
    public static func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["answer"]?.stringValue else { return .wrong("item metadata has no answer") }
        switch metadata["scoring"]?.stringValue ?? "exact" {
        case "choice":
            let letters = metadata["choices"]?["letters"]?.stringArray ?? []
            let texts = metadata["choices"]?["texts"]?.stringArray ?? []
            guard let said = choiceLetter(in: answer, letters: letters, texts: texts) else {
                return .wrong("no single option letter found in the answer")
            }
            return said == gold ? .correct("option (\(gold))") : .wrong("chose (\(said)), the answer is (\(gold))")
        case "number":
            let tolerance = metadata["tolerance"]?.doubleValue ?? 0
            guard let g = number(gold) else { return .wrong("item gold is not a number") }
            guard let a = number(answer) else { return .wrong("the answer is not a number") }
            return abs(a - g) <= tolerance ? .correct("within \(tolerance) of \(gold)")
                                           : .wrong("\(answer) is not within \(tolerance) of \(gold)")
        case "family":
            guard let family = metadata["family"]?.stringValue, TaskRegistry.isGenerated(family),
                  let task = try? TaskRegistry.task(family) else {
                return .wrong("item names no known verifier")
            }
            return task.verify(answer: answer, metadata: metadata["family_metadata"] ?? .null)
        default:
            return sameAnswer(answer, gold) ? .correct("exact match") : .wrong("the answer is \(gold)")
        }
    }

    /// Lowercased, whitespace collapsed, one final period dropped.
    public static func normalise(_ text: String) -> String {
        var s = AnswerExtraction.normalise(text).lowercased()
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if s.hasSuffix("."), !s.hasSuffix("..") { s.removeLast() }
        return s
    }

    /// Exact after normalisation, or the same JSON value (so "[1,2]" equals "[1, 2]").
    public static func sameAnswer(_ answer: String, _ gold: String) -> Bool {
        if normalise(answer) == normalise(gold) { return true }
        let g = gold.trimmingCharacters(in: .whitespacesAndNewlines)
        guard g.hasPrefix("[") || g.hasPrefix("{"), let a = JSONValue.parse(answer), let b = JSONValue.parse(g) else {
            return false
        }
        return a.canonicalJSON() == b.canonicalJSON()
    }

    /// A number written with optional thousands commas, or nil.
    public static func number(_ text: String) -> Double? {
        let s = normalise(text).replacingOccurrences(of: ",", with: "")
        guard !s.isEmpty, let v = Double(s), v.isFinite else { return nil }
        return v
    }

    /// The one option letter an answer names, or nil when it names none or several.
    /// `letters` empty means any capital letter counts (options were not listed).
    public static func choiceLetter(in answer: String, letters: [String], texts: [String]) -> String? {
        let trimmed = AnswerExtraction.normalise(answer)
        func valid(_ l: String) -> Bool { letters.isEmpty ? l.count == 1 && l.first!.isUppercase : letters.contains(l) }
        // Every "(X)" in it: two different ones make the answer ambiguous.
        var found = Set<String>()
        let chars = Array(trimmed)
        for i in chars.indices where i + 2 < chars.count && chars[i] == "(" && chars[i + 2] == ")" {
            let l = String(chars[i + 1]).uppercased()
            if valid(l) { found.insert(l) }
        }
        if found.count > 1 { return nil }
        // 1. The whole answer is an option's text.
        let plain = normalise(trimmed)
        if let i = texts.firstIndex(where: { normalise($0) == plain }), i < letters.count { return letters[i] }
        // 2. It starts with the letter: "B", "(B)", "B)", "B.", "B:", "(B) text", "option B".
        var head = Substring(trimmed)
        for prefix in ["option ", "answer: ", "answer "] where head.lowercased().hasPrefix(prefix) {
            head = head.dropFirst(prefix.count)
        }
        if head.hasPrefix("(") { head = head.dropFirst() }
        if let first = head.first, first.isUppercase || first.isLowercase {
            let letter = String(first).uppercased()
            let rest = head.dropFirst()
            let bare = rest.isEmpty
            let closed = rest.first.map { ")].:".contains($0) } ?? false
            if valid(letter), bare || closed { return letter }
        }
        // 3. Exactly one "(X)" anywhere in it.
        return found.first
    }
}
