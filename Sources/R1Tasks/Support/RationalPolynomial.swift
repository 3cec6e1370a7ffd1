// Polynomials in one variable with exact rational coefficients: parsing the
// forms models write ("x^3/3 - (1/2)x^2 + 0.25x + C", "7/2*x**2"), rendering,
// calculus and division. Every operation reports overflow as nil, so a hostile
// answer can make a verifier say "wrong" but never crash it.

struct RationalPolynomial: Sendable, Equatable, CustomStringConvertible {
    /// Coefficients by power, lowest first, without trailing zeros ([] is the zero polynomial).
    private(set) var coefficients: [Rational]

    init(_ coefficients: [Rational]) {
        var c = coefficients
        while let last = c.last, last.numerator == 0 { c.removeLast() }
        self.coefficients = c
    }

    init(integers: [Int]) { self.init(integers.map { Rational(integer: $0) }) }

    var degree: Int { coefficients.count - 1 }
    var isZero: Bool { coefficients.isEmpty }

    func coefficient(_ power: Int) -> Rational {
        power < coefficients.count ? coefficients[power] : Rational(integer: 0)
    }

    func derivative() -> RationalPolynomial? {
        guard coefficients.count > 1 else { return RationalPolynomial([]) }
        var out: [Rational] = []
        for p in 1..<coefficients.count {
            guard let d = coefficients[p].multiplied(by: Rational(integer: p)) else { return nil }
            out.append(d)
        }
        return RationalPolynomial(out)
    }

    /// The antiderivative with constant term 0.
    func antiderivative() -> RationalPolynomial? {
        var out = [Rational(integer: 0)]
        for (p, c) in coefficients.enumerated() {
            guard let a = c.divided(by: Rational(integer: p + 1)) else { return nil }
            out.append(a)
        }
        return RationalPolynomial(out)
    }

    func evaluated(at x: Rational) -> Rational? {
        var acc = Rational(integer: 0)
        for c in coefficients.reversed() {
            guard let m = acc.multiplied(by: x), let s = m.adding(c) else { return nil }
            acc = s
        }
        return acc
    }

    func multiplied(by o: RationalPolynomial) -> RationalPolynomial? {
        guard !isZero, !o.isZero else { return RationalPolynomial([]) }
        var out = [Rational](repeating: Rational(integer: 0), count: coefficients.count + o.coefficients.count - 1)
        for (i, a) in coefficients.enumerated() {
            for (j, b) in o.coefficients.enumerated() {
                guard let p = a.multiplied(by: b), let s = out[i + j].adding(p) else { return nil }
                out[i + j] = s
            }
        }
        return RationalPolynomial(out)
    }

    /// "3*x^2 - 1/2*x + 5", highest power first; "0" for the zero polynomial.
    func render(variable v: String) -> String {
        var out = ""
        for p in stride(from: coefficients.count - 1, through: 0, by: -1) where coefficients[p].numerator != 0 {
            let c = coefficients[p]
            let m = Rational(abs(c.numerator), c.denominator)!
            let power = p == 1 ? v : "\(v)^\(p)"
            let body = p == 0 ? m.description : m == Rational(integer: 1) ? power : "\(m)*\(power)"
            out += out.isEmpty ? (c.numerator < 0 ? "-" : "") + body : (c.numerator < 0 ? " - " : " + ") + body
        }
        return out.isEmpty ? "0" : out
    }

    var description: String { render(variable: "x") }

    /// Parses a sum of terms in `v`. A term is an optional coefficient (integer, decimal or
    /// fraction, optionally in parentheses), an optional `*`, an optional power of `v`
    /// (`^n` or `**n`) and an optional `/ n` divisor. When `allowConstant` is set a lone
    /// constant of integration (C or K) is allowed and ignored.
    static func parse(_ raw: String, variable v: Character, allowConstant: Bool = false) -> RationalPolynomial? {
        var s = RG.tidy(raw).replacing("**", with: "^")
        for (a, b) in [("·", "*"), ("×", "*"), ("⋅", "*"), ("{", ""), ("}", ""), ("\\cdot", "*"), ("−", "-")] {
            s = s.replacing(a, with: b)
        }
        let chars = Array(s.filter { !$0.isWhitespace })
        guard !chars.isEmpty, chars.count <= 2_000 else { return nil }
        var i = 0
        var sums: [Int: Rational] = [:]

        func peek(_ c: Character) -> Bool { i < chars.count && chars[i] == c }
        /// An unsigned integer or decimal.
        func number() -> Rational? {
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isNumber || chars[j] == "." { j += 1 }
            guard j > i, j - i <= 17, let r = SymParse.rational(String(chars[i..<j])) else { return nil }
            i = j
            return r
        }
        /// number ('/' number)?, or the same inside parentheses (a sign allowed inside).
        func coefficient() -> Rational? {
            if peek("(") {
                i += 1
                var negative = false
                if peek("-") { negative = true; i += 1 }
                guard var c = fraction() else { return nil }
                if negative { guard let n = c.negated() else { return nil }; c = n }
                guard peek(")") else { return nil }
                i += 1
                return c
            }
            return fraction()
        }
        func fraction() -> Rational? {
            guard let n = number() else { return nil }
            if peek("/"), i + 1 < chars.count, chars[i + 1].isNumber {
                i += 1
                guard let d = number() else { return nil }
                return n.divided(by: d)
            }
            return n
        }

        while i < chars.count {
            var sign = Rational(integer: 1)
            if peek("+") || peek("-") {
                if peek("-") { sign = Rational(integer: -1) }
                i += 1
            } else if i > 0 { return nil }
            guard i < chars.count else { return nil }
            if allowConstant, chars[i] == "C" || chars[i] == "K", i + 1 == chars.count || chars[i + 1] == "+" || chars[i + 1] == "-" {
                i += 1
                continue
            }
            var value = Rational(integer: 1), power = 0, sawSomething = false
            if chars[i].isNumber || chars[i] == "(" {
                guard let c = coefficient() else { return nil }
                value = c
                sawSomething = true
                if peek("*") { i += 1; guard peek(v) else { return nil } }
            }
            if peek(v) {
                i += 1
                power = 1
                sawSomething = true
                if peek("^") {
                    i += 1
                    guard let p = number(), p.isInteger, p.numerator <= 200 else { return nil }
                    power = p.numerator
                }
            }
            guard sawSomething else { return nil }
            if peek("/") {
                i += 1
                guard let d = fraction(), let q = value.divided(by: d) else { return nil }
                value = q
            }
            guard i == chars.count || peek("+") || peek("-") else { return nil }
            guard let term = value.multiplied(by: sign), let sum = (sums[power] ?? Rational(integer: 0)).adding(term)
            else { return nil }
            sums[power] = sum
        }
        let top = sums.keys.max() ?? 0
        return RationalPolynomial((0...top).map { sums[$0] ?? Rational(integer: 0) })
    }

    /// The Python lines defining `render(coefficients, v)` that print a polynomial as `render` does.
    static let pythonRender = """
        from fractions import Fraction
        def render(c, v):
            out = ""
            for p in range(len(c) - 1, -1, -1):
                if c[p] == 0:
                    continue
                m = abs(Fraction(c[p]))
                power = v if p == 1 else f"{v}^{p}"
                body = str(m) if p == 0 else (power if m == 1 else f"{m}*{power}")
                if not out:
                    out = ("-" if c[p] < 0 else "") + body
                else:
                    out += (" - " if c[p] < 0 else " + ") + body
            return out or "0"
        """
}

extension RationalPolynomial {
    func adding(_ o: RationalPolynomial) -> RationalPolynomial? {
        var out: [Rational] = []
        for p in 0..<max(coefficients.count, o.coefficients.count) {
            guard let s = coefficient(p).adding(o.coefficient(p)) else { return nil }
            out.append(s)
        }
        return RationalPolynomial(out)
    }
}
