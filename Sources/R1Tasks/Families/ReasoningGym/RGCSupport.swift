// Helpers shared by the Reasoning Gym tasks of set C (cognition, games,
// geometry, graphs, logic): word lists written for R1CI, splitting a move or
// node list out of an answer, and Python literals for the oracles.

enum RGC {
    /// Given names with a grammatical gender, for the family and sibling puzzles.
    static let femaleNames = [
        "Alice", "Beatriz", "Chiara", "Dalia", "Elena", "Freya", "Greta", "Hana", "Ines", "Jade", "Keiko",
        "Lena", "Maya", "Nadia", "Olga", "Priya", "Rosa", "Sofia", "Tara", "Ulla", "Vera", "Wanda", "Ximena",
        "Yara", "Zara", "Agnes", "Bianca", "Clara", "Dora", "Edith", "Fiona", "Gloria", "Helga", "Irene",
    ]
    static let maleNames = [
        "Amos", "Bruno", "Cyrus", "Dmitri", "Emeka", "Farid", "Gideon", "Hugo", "Idris", "Jonas", "Kofi",
        "Luca", "Marco", "Nikhil", "Oscar", "Pablo", "Rafael", "Samir", "Tomas", "Umar", "Viktor", "Wendell",
        "Yusuf", "Zeno", "Anton", "Boris", "Caleb", "Dario", "Elias", "Felix", "Gustav", "Henrik", "Ivan",
    ]
    static var allNames: [String] { femaleNames + maleNames }

    /// Tokens of a list answer: split on whitespace, commas, semicolons, brackets,
    /// quotes and arrows ("A -> B", "[1, 2]", "up, down").
    static func tokens(_ answer: String) -> [Substring] {
        answer.split(whereSeparator: { ch in
            ch.isWhitespace || ",;[](){}\"'".contains(ch) || ch == "-" || ch == ">" || ch == "→"
        })
    }

    /// Python literal of a JSON value, for oracles.
    static func py(_ value: JSONValue?) -> String { BBH.py(value ?? .null) }

    /// Integer grid from metadata.
    static func grid(_ value: JSONValue?) -> [[Int]]? { RGGrids.intGrid(value) }
}

extension RGC {
    /// Non-negative integers of a list answer ("3, 1, 2", "[3 1 2]", "3 -> 1 -> 2");
    /// nil when any token is not a number or there are more than `limit`.
    static func nodeList(_ answer: String, limit: Int = 10_000) -> [Int]? {
        let parts = tokens(answer)
        guard parts.count <= limit else { return nil }
        var out: [Int] = []
        for p in parts {
            guard p.count <= 9, let v = Int(p), v >= 0 else { return nil }
            out.append(v)
        }
        return out
    }

    /// Edges as "u-v" style text for questions: "0->3, 2->1".
    static func edgeText(_ edges: [[Int]], arrow: String) -> String {
        edges.map { "\($0[0])\(arrow)\($0[1])" }.joined(separator: ", ")
    }
}

extension RGC {
    /// An exact rational from "a/b", "-a/b", "\frac{a}{b}", an integer or a finite
    /// decimal ("2.75" = 11/4); nil for anything else.
    static func parseRational(_ raw: String) -> Rational? {
        let s = RG.tidy(raw)
        if let (n, d) = RG.parseFraction(s) { return Rational(n, d) }
        // A finite decimal: digits, one point, digits.
        var body = Substring(s)
        let negative = body.hasPrefix("-")
        if negative || body.hasPrefix("+") { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !(parts[0].isEmpty && parts[1].isEmpty), parts[1].count <= 15,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), parts[0].count <= 15,
              let whole = Int(parts[0].isEmpty ? "0" : parts[0]), let fraction = Int(parts[1].isEmpty ? "0" : parts[1])
        else { return nil }
        let scale = RG.power10(parts[1].count)
        let (n, overflow) = whole.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        return Rational(negative ? -(n + fraction) : n + fraction, scale)
    }
}
