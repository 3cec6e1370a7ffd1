// Helpers shared by the tasks of ReasoningGymTasksAlgorithmic: reading word
// lists and exact decimals out of answers, and made-up pronounceable words.

enum AlgoText {
    /// The words of an answer, lowercased: runs of letters, anything else separates
    /// ("a, b c", "[\"a\", \"b\"]" and "a\nb" all give ["a", "b"] / ["a", "b", "c"]).
    static func words(_ answer: String) -> [String] {
        answer.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    /// The value of a decimal numeral such as "-12.50", "3" or "+0.125"; nil on anything else.
    static func decimal(_ token: Substring) -> Rational? {
        var body = token
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count + (parts.count == 2 ? parts[1].count : 0) <= 18,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, let whole = Int(parts[0] + fraction) else { return nil }
        var scale = 1
        for _ in 0..<fraction.count { scale *= 10 }
        return Rational(negative ? -whole : whole, scale)
    }

    /// The numbers of a list answer ("1.5, -2", "[1.5, -2]", "[\"1.5\", \"-2\"]", one per line);
    /// nil when any piece is not a decimal numeral.
    static func decimalList(_ answer: String) -> [Rational]? {
        let pieces = answer.split(whereSeparator: { " \t\n\r,;[]()\"'".contains($0) })
        var out: [Rational] = []
        for piece in pieces {
            guard let value = decimal(piece) else { return nil }
            out.append(value)
        }
        return out
    }

    static let consonants = Array("bcdfghjklmnprstvwz".utf8)
    static let vowels = Array("aeiou".utf8)

    /// A made-up word of `syllables` consonant–vowel(–consonant) syllables.
    static func pseudoword(syllables: Int, rng: inout SplitMix64) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<syllables {
            bytes.append(rng.pick(consonants))
            bytes.append(rng.pick(vowels))
            if rng.chance(0.3) { bytes.append(rng.pick(consonants)) }
        }
        return String(ascii: bytes)
    }
}

extension String {
    /// Without one trailing occurrence of `suffix`.
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

extension JSONValue {
    /// Element `i` of an array value; nil for other values or an index out of range.
    func element(_ i: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(i) else { return nil }
        return items[i]
    }
}
