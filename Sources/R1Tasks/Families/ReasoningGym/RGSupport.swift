// Shared pieces of the Reasoning Gym style generators: tolerant parsing of
// numeric answers (thousands separators, a leading "x =", a trailing full
// stop, LaTeX fractions) and strict integer and fraction verdicts. Nothing
// here evaluates an answer as code, and every parser returns nil on junk.

import Foundation

enum RG {
    /// Answers longer than this are not numbers we could have asked for.
    static let maxNumericLength = 200

    /// Trims, maps Unicode minus signs, drops one trailing full stop and a `$…$` wrapper.
    static func tidy(_ raw: String) -> String {
        var s = raw.trimmed()
        s = s.replacing("−", with: "-").replacing("–", with: "-")
        if s.count >= 2, s.hasPrefix("$"), s.hasSuffix("$") { s = String(s.dropFirst().dropLast()) }
        if s.hasSuffix("."), !s.dropLast().hasSuffix(".") { s.removeLast() }
        return s.trimmedSpaces()
    }

    /// Drops a leading "name =" or "name:" (e.g. "x = 5", "answer: 5") when the name is one of `names`.
    static func dropAssignment(_ s: String, names: [String]) -> String {
        for name in names {
            for sep in ["=", ":"] {
                let prefix = name + sep
                let compact = s.replacing(" ", with: "")
                if compact.lowercased().hasPrefix(prefix.lowercased()), let r = s.firstIndex(of: Character(sep)) {
                    return String(s[s.index(after: r)...]).trimmedSpaces()
                }
            }
        }
        return s
    }

    /// An integer written with optional sign and optional thousands separators
    /// ("1,234,567" or "1 234 567"); nil for anything else, including "1, 2".
    static func parseInt(_ raw: String) -> Int? {
        let s = tidy(raw)
        guard !s.isEmpty, s.count <= maxNumericLength else { return nil }
        var body = Substring(s)
        var sign = ""
        if let first = body.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCII, first.isNumber else { return nil }
        for sep in [",", " ", "_"] where body.contains(Character(sep)) {
            let groups = body.split(separator: Character(sep), omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            body = Substring(groups.joined())
        }
        guard body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(sign + body)
    }

    /// A fraction "a/b" (or "\frac{a}{b}", "-a/b", "a / b") or an integer, exactly as written:
    /// the numerator and denominator are returned unreduced so a verifier can insist on lowest terms.
    static func parseFraction(_ raw: String) -> (numerator: Int, denominator: Int)? {
        var s = tidy(raw)
        guard s.count <= maxNumericLength else { return nil }
        for prefix in ["\\dfrac", "\\frac", "\\tfrac"] {
            let neg = s.hasPrefix("-" + prefix)
            if s.hasPrefix(prefix) || neg {
                let rest = s.dropFirst(prefix.count + (neg ? 1 : 0))
                let parts = rest.split(separator: "}", omittingEmptySubsequences: false)
                guard parts.count == 3, parts[2].isEmpty, parts[0].hasPrefix("{"), parts[1].hasPrefix("{")
                else { return nil }
                s = (neg ? "-" : "") + parts[0].dropFirst() + "/" + parts[1].dropFirst()
            }
        }
        let pieces = s.split(separator: "/", omittingEmptySubsequences: false)
        switch pieces.count {
        case 1:
            guard let n = parseInt(String(pieces[0])) else { return nil }
            return (n, 1)
        case 2:
            guard let n = parseInt(String(pieces[0])), let d = parseInt(String(pieces[1])), d != 0 else { return nil }
            return (n, d)
        default:
            return nil
        }
    }

    /// Verdict for an integer answer against `metadata["answer"]`, optionally allowing "name = n".
    static func verifyInteger(answer: String, metadata: JSONValue, names: [String] = [],
                              suffixes: [String] = []) -> Verdict {
        guard let gold = metadata["answer"]?.intValue else { return .wrong("item metadata is missing answer") }
        var s = dropAssignment(tidy(answer), names: names)
        for suffix in suffixes where s.lowercased().hasSuffix(suffix) {
            s = String(s.dropLast(suffix.count)).trimmedSpaces()
            break
        }
        guard let n = parseInt(s) else { return .wrong("the answer is not a single integer") }
        return n == gold ? .correct() : .wrong("the answer is \(gold), not \(n)")
    }

    /// Python literal for a JSON value (shared with the BBH oracles).
    static func py(_ value: JSONValue) -> String { BBH.py(value) }

    /// A uniform integer with exactly `digits` decimal digits (1 digit: 1…9).
    static func number(digits: Int, rng: inout SplitMix64) -> Int {
        let low = digits <= 1 ? 1 : power10(digits - 1)
        return rng.int(low...(power10(digits) - 1))
    }

    static func power10(_ k: Int) -> Int {
        var p = 1
        for _ in 0..<k { p *= 10 }
        return p
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (abs(a), abs(b))
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}

extension RG {
    /// Verdict for a probability asked as a fraction in lowest terms, against
    /// `metadata["numerator"]` / `metadata["denominator"]`. An equal but unreduced
    /// fraction is wrong (the question asks for lowest terms); a decimal is not accepted.
    static func verifyReducedFraction(answer: String, metadata: JSONValue) -> Verdict {
        guard let num = metadata["numerator"]?.intValue, let den = metadata["denominator"]?.intValue else {
            return .wrong("item metadata is missing the fraction")
        }
        guard let (n, d) = parseFraction(answer), d > 0 else {
            return .wrong("the answer is not a fraction a/b")
        }
        if n == num && d == den { return .correct() }
        // Same value, not reduced: a*den == b*num (checked for overflow).
        let (l, o1) = n.multipliedReportingOverflow(by: den), (r, o2) = d.multipliedReportingOverflow(by: num)
        if !o1 && !o2 && l == r { return .wrong("the value is right but the fraction is not in lowest terms (\(num)/\(den))") }
        return .wrong("the answer is \(num)/\(den)")
    }
}
