// Exact decimal numbers as text, for golds that do not fit in an Int (a product
// of twelve 10-digit numbers, 3.7 to the 20th power) and for comparing decimal
// answers exactly: a whole number of any size as base-10^9 limbs, a canonical
// spelling of a decimal answer, and a terminating rational written out in full.

/// A non-negative whole number of any size: base-10^9 limbs, lowest first.
struct BigNatural: Sendable, Equatable, CustomStringConvertible {
    static let base: UInt64 = 1_000_000_000
    private(set) var limbs: [UInt64]

    init(_ value: Int) {
        precondition(value >= 0, "BigNatural is non-negative")
        var v = UInt64(value)
        limbs = []
        repeat { limbs.append(v % BigNatural.base); v /= BigNatural.base } while v > 0
    }

    var isZero: Bool { limbs.allSatisfy { $0 == 0 } }

    /// Schoolbook product; each partial sum stays below 2^64 (limbs < 10^9).
    func multiplied(by other: BigNatural) -> BigNatural {
        var out = [UInt64](repeating: 0, count: limbs.count + other.limbs.count)
        for (i, a) in limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in other.limbs.enumerated() {
                let t = out[i + j] + a * b + carry
                out[i + j] = t % BigNatural.base
                carry = t / BigNatural.base
            }
            var k = i + other.limbs.count
            while carry > 0 {
                let t = out[k] + carry
                out[k] = t % BigNatural.base
                carry = t / BigNatural.base
                k += 1
            }
        }
        while out.count > 1, out.last == 0 { out.removeLast() }
        var result = BigNatural(0)
        result.limbs = out
        return result
    }

    func power(_ exponent: Int) -> BigNatural {
        var result = BigNatural(1)
        for _ in 0..<exponent { result = result.multiplied(by: self) }
        return result
    }

    var description: String {
        var s = String(limbs.last!)
        for limb in limbs.dropLast().reversed() {
            let digits = String(limb)
            s += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return s
    }
}

enum DecimalText {
    /// Answers longer than this are not numbers we asked for.
    static let maxLength = 400

    /// The canonical spelling of a decimal number: optional "-", no leading zeros,
    /// no trailing fractional zeros, no "-0". Accepts "+", thousands separators in
    /// whole groups ("1,234,567.5"), a leading "." ("−.5") and a Unicode minus;
    /// nil for anything else (exponents, fractions, words).
    static func canonical(_ raw: String) -> String? {
        var s = RG.tidy(raw)
        guard !s.isEmpty, s.count <= maxLength else { return nil }
        var negative = false
        if s.first == "-" || s.first == "+" { negative = s.first == "-"; s.removeFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        var whole = String(parts[0])
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        if whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            whole = groups.joined()
        }
        guard !(whole.isEmpty && fraction.isEmpty),
              whole.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return assemble(negative: negative, whole: whole, fraction: fraction)
    }

    /// Joins digit strings into the canonical form.
    static func assemble(negative: Bool, whole: String, fraction: String) -> String {
        var w = Substring(whole), f = Substring(fraction)
        while w.count > 1, w.first == "0" { w = w.dropFirst() }
        while f.last == "0" { f = f.dropLast() }
        if w.isEmpty { w = "0" }
        let body = f.isEmpty ? String(w) : "\(w).\(f)"
        return negative && body != "0" ? "-" + body : body
    }

    /// Digits of a whole number with a decimal point `places` from the right, canonical.
    static func shifted(_ digits: String, places: Int, negative: Bool) -> String {
        guard places > 0 else { return assemble(negative: negative, whole: digits, fraction: "") }
        let padded = digits.count <= places ? String(repeating: "0", count: places - digits.count + 1) + digits : digits
        let cut = padded.index(padded.endIndex, offsetBy: -places)
        return assemble(negative: negative, whole: String(padded[..<cut]), fraction: String(padded[cut...]))
    }

    /// The exact decimal expansion of a rational whose denominator has no prime
    /// factors but 2 and 5; nil for any other (it would not terminate).
    static func exact(_ r: Rational) -> String? {
        var d = r.denominator, twos = 0, fives = 0
        while d % 2 == 0 { d /= 2; twos += 1 }
        while d % 5 == 0 { d /= 5; fives += 1 }
        guard d == 1 else { return nil }
        // n / (2^a 5^b) = n · 2^(k−a) 5^(k−b) / 10^k with k = max(a, b).
        let k = max(twos, fives)
        let scaled = BigNatural(abs(r.numerator)).multiplied(by: BigNatural(2).power(k - twos))
            .multiplied(by: BigNatural(5).power(k - fives))
        return shifted(scaled.description, places: k, negative: r.numerator < 0)
    }

    /// An exact rational from a decimal or fraction answer ("-3.25", "13/4", "1,250"); nil when it
    /// is neither or does not fit in 64-bit integers.
    static func rational(_ raw: String) -> Rational? {
        let s = RG.tidy(raw)
        if s.contains("/") || s.contains("\\") {
            guard let (n, d) = RG.parseFraction(s) else { return nil }
            return Rational(n, d)
        }
        guard let c = canonical(s) else { return nil }
        return SymParse.rational(c)
    }

    /// Verdict for an exact decimal answer against a canonical gold string.
    static func verify(answer: String, gold: String) -> Verdict {
        guard let given = canonical(answer) else { return .wrong("the answer is not a decimal number") }
        return given == gold ? .correct() : .wrong("the answer is \(gold), not \(given)")
    }
}
