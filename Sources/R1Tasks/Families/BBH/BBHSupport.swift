// Shared pieces of the BIG-Bench-Hard style generators: option lists and their
// strict verifier, yes/no style verdicts, and Python literals for oracles.
//
// Every BBH task here is generated from scratch with R1CI's own wording and
// lexicons; no BBH item is copied (the BBH data carry the BIG-bench canary).

import Foundation

enum BBH {
    static let letters: [Character] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// "(A)", "(B)", …
    static func label(_ index: Int) -> String { "(\(letters[index]))" }

    /// The option block of a multiple-choice question, one option a line.
    static func optionBlock(_ options: [String]) -> String {
        "Options:\n" + options.enumerated().map { "\(label($0.offset)) \($0.element)" }.joined(separator: "\n")
    }

    /// The closing instruction of every multiple-choice question.
    static func choiceInstruction(_ count: Int) -> String {
        "Give the letter of the one correct option as your final answer, for example <<<(\(letters[min(1, count - 1)]))>>>."
    }

    /// Metadata every multiple-choice item carries.
    static func choiceMetadata(options: [String], answer: Int) -> [String: JSONValue] {
        ["options": JSONValue(options), "answer_index": .int(answer)]
    }

    /// Collapses runs of whitespace, trims, and drops one trailing full stop.
    static func tidy(_ raw: String) -> String {
        var s = raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if s.hasSuffix(".") { s.removeLast() }
        return s.trimmedSpaces()
    }

    /// Which option an answer names: the letter ("B", "(B)", "B)"), the letter with
    /// that option's text ("(B) blue"), or the exact text of one option, all
    /// case-insensitively. Nil when it names none, or more than one.
    static func chosenOption(_ answer: String, options: [String]) -> Int? {
        let s = tidy(answer)
        let chars = Array(s)
        func letterIndex(_ c: Character) -> Int? {
            guard let i = letters.firstIndex(of: Character(c.uppercased())), i < options.count else { return nil }
            return i
        }
        // "B", "(B)", "B)"
        if chars.count == 1, chars[0].isLetter { return letterIndex(chars[0]) }
        if chars.count == 3, chars[0] == "(", chars[2] == ")", chars[1].isLetter { return letterIndex(chars[1]) }
        if chars.count == 2, chars[1] == ")", chars[0].isLetter { return letterIndex(chars[0]) }
        // "(B) text": the text must be that option's.
        if chars.count > 4, chars[0] == "(", chars[2] == ")", chars[3] == " ", chars[1].isLetter {
            guard let i = letterIndex(chars[1]) else { return nil }
            let rest = String(chars[4...])
            return tidy(rest).lowercased() == tidy(options[i]).lowercased() ? i : nil
        }
        let lower = s.lowercased()
        let matches = options.indices.filter { tidy(options[$0]).lowercased() == lower }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The verdict for a multiple-choice item whose metadata holds `options` and `answer_index`.
    static func verifyChoice(answer: String, metadata: JSONValue) -> Verdict {
        guard let options = metadata["options"]?.stringArray, let gold = metadata["answer_index"]?.intValue,
              options.indices.contains(gold)
        else { return .wrong("item metadata is missing options or answer_index") }
        guard let chosen = chosenOption(answer, options: options) else {
            return .wrong("the answer does not name exactly one option: give its letter, e.g. \(label(gold == 0 ? 1 : 0)), or its exact text")
        }
        if chosen == gold { return .correct("\(label(gold)) \(options[gold])") }
        return .wrong("chose \(label(chosen)) \(options[chosen]); the answer is \(label(gold)) \(options[gold])")
    }

    /// A two-word answer ("Yes"/"No", "True"/"False", "valid"/"invalid"): only these
    /// spellings, any case, one trailing full stop allowed.
    static func verifyBinary(answer: String, expected: Bool, trueWord: String, falseWord: String) -> Verdict {
        let s = tidy(answer).lowercased()
        let said: Bool
        if s == trueWord.lowercased() { said = true } else if s == falseWord.lowercased() { said = false } else {
            return .wrong("answer with \(trueWord) or \(falseWord)")
        }
        let goldWord = expected ? trueWord : falseWord
        return said == expected ? .correct(goldWord) : .wrong("the answer is \(goldWord)")
    }

    /// A Python literal for a JSON value, for embedding item data in oracles.
    static func py(_ value: JSONValue) -> String {
        switch value {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return "\(d)"
        case .string: return value.canonicalJSON()  // JSON string escapes are valid Python for our text
        case .array(let items): return "[" + items.map(py).joined(separator: ", ") + "]"
        case .object(let fields):
            return "{" + fields.keys.sorted().map { JSONValue.string($0).canonicalJSON() + ": " + py(fields[$0]!) }
                .joined(separator: ", ") + "}"
        }
    }

    /// Python lines that print the letter of `answer` among `options` (both Python names).
    static let printChoice = #"print("(" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[options.index(answer)] + ")")"#

    /// English number words, for counts in questions.
    static let numberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                              "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                              "eighteen", "nineteen", "twenty"]

    /// "a, b and c"
    static func list(_ items: [String], conjunction: String = "and") -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
        }
    }

    /// Parses a whole number written in digits or as an English word up to twenty.
    static func parseCount(_ answer: String) -> Int? {
        let s = tidy(answer).lowercased()
        if let n = Int(s) { return n }
        return numberWords.firstIndex(of: s)
    }

    /// People's first names used across the BBH tasks (the project's own list).
    static let names = [
        "Alice", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Keiko", "Luca",
        "Maya", "Nikhil", "Olga", "Pablo", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wendell", "Ximena",
        "Yusuf", "Zara", "Amos", "Beatriz", "Cyrus", "Dalia", "Emeka", "Freya", "Gideon", "Hana", "Idris", "Jade",
        "Kofi", "Lena", "Marco", "Nadia", "Oscar", "Priya", "Rafael", "Sofia", "Tomas", "Ulla", "Viktor", "Wanda",
        "Yara", "Zeno",
    ]
}
