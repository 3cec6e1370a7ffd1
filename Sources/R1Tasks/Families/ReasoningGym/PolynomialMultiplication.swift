// polynomial_multiplication: expand a product of polynomials with integer
// coefficients. The verifier parses the answer polynomial itself (no sympy, no
// eval): terms like 3*x^2, -x, 7, x**3 are collected by power and the
// coefficient lists compared exactly, so any order or spacing of terms is fine.

import Foundation

struct PolynomialMultiplicationTask: ReasoningTask {
    let info = TaskInfo(
        id: "polynomial_multiplication",
        title: "Polynomial multiplication",
        source: .reasoningGym,
        category: "algebra",
        description: "Expand a product of polynomials with integer coefficients.",
        knobs: [
            Knob("factors", "how many polynomials are multiplied"),
            Knob("max_degree", "largest degree of a factor"),
            Knob("max_terms", "most nonzero terms in a factor"),
            Knob("max_coefficient", "largest absolute coefficient in a factor"),
        ],
        levels: [
            Level("easy", ["factors": 2, "max_degree": 2, "max_terms": 2, "max_coefficient": 9]),
            Level("medium", ["factors": 2, "max_degree": 3, "max_terms": 3, "max_coefficient": 9]),
            Level("hard", ["factors": 3, "max_degree": 3, "max_terms": 3, "max_coefficient": 12]),
            Level("expert", ["factors": 4, "max_degree": 4, "max_terms": 4, "max_coefficient": 20]),
        ],
        defaultLevel: 1
    )

    static let variables = ["x", "y", "z", "t", "u", "w"]

    /// Coefficients by power, lowest first, without trailing zeros.
    static func trimmed(_ c: [Int]) -> [Int] {
        var c = c
        while let last = c.last, last == 0 { c.removeLast() }
        return c
    }

    static func multiply(_ a: [Int], _ b: [Int]) -> [Int] {
        var out = [Int](repeating: 0, count: a.count + b.count - 1)
        for (i, x) in a.enumerated() { for (j, y) in b.enumerated() { out[i + j] += x * y } }
        return out
    }

    /// "3*x^2 - x + 5", highest power first.
    static func render(_ c: [Int], variable v: String) -> String {
        var out = ""
        for p in stride(from: c.count - 1, through: 0, by: -1) where c[p] != 0 {
            let m = abs(c[p])
            let body: String
            switch p {
            case 0: body = String(m)
            case 1: body = m == 1 ? v : "\(m)*\(v)"
            default: body = m == 1 ? "\(v)^\(p)" : "\(m)*\(v)^\(p)"
            }
            if out.isEmpty { out = (c[p] < 0 ? "-" : "") + body } else { out += (c[p] < 0 ? " - " : " + ") + body }
        }
        return out.isEmpty ? "0" : out
    }

    /// Coefficients of an expanded polynomial in `v`, or nil when the text is not one.
    static func parse(_ raw: String, variable v: Character) -> [Int]? {
        var s = RG.tidy(raw).replacing("**", with: "^")
        for (a, b) in [("·", "*"), ("×", "*"), ("⋅", "*"), ("{", ""), ("}", "")] { s = s.replacing(a, with: b) }
        let chars = Array(s.filter { !$0.isWhitespace })
        guard !chars.isEmpty, chars.count <= 4_000 else { return nil }
        var coefficients: [Int: Int] = [:]
        var i = 0
        func number() -> Int? {
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            guard j > i, j - i <= 18, let n = Int(String(chars[i..<j])) else { return nil }
            i = j
            return n
        }
        while i < chars.count {
            var sign = 1
            if chars[i] == "+" || chars[i] == "-" { sign = chars[i] == "-" ? -1 : 1; i += 1 }
            else if i > 0 { return nil }
            guard i < chars.count else { return nil }
            var coefficient = 1, power = 0, hasNumber = false
            if chars[i].isNumber {
                guard let n = number() else { return nil }
                coefficient = n
                hasNumber = true
                if i < chars.count, chars[i] == "*" { i += 1; guard i < chars.count, chars[i] == v else { return nil } }
            }
            if i < chars.count, chars[i] == v {
                i += 1
                power = 1
                if i < chars.count, chars[i] == "^" {
                    i += 1
                    guard let p = number(), p <= 200 else { return nil }
                    power = p
                }
            } else if !hasNumber {
                return nil  // neither a number nor the variable
            }
            guard i == chars.count || chars[i] == "+" || chars[i] == "-" else { return nil }
            let (term, o1) = coefficient.multipliedReportingOverflow(by: sign)
            let (sum, o2) = (coefficients[power] ?? 0).addingReportingOverflow(term)
            guard !o1, !o2 else { return nil }
            coefficients[power] = sum
        }
        let top = coefficients.keys.max() ?? 0
        return trimmed((0...top).map { coefficients[$0] ?? 0 })
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let v = rng.pick(PolynomialMultiplicationTask.variables)
        var factors: [[Int]] = []
        for _ in 0..<level["factors"] {
            let degree = rng.int(1...level["max_degree"])
            let terms = rng.int(2...min(level["max_terms"], degree + 1))
            // The top power always appears; the other terms pick distinct lower powers.
            let powers = [degree] + rng.sample(Array(0..<degree), count: terms - 1)
            var c = [Int](repeating: 0, count: degree + 1)
            for p in powers {
                var k = 0
                while k == 0 { k = rng.int(-level["max_coefficient"]...level["max_coefficient"]) }
                c[p] = k
            }
            factors.append(c)
        }
        let product = PolynomialMultiplicationTask.trimmed(factors.dropFirst().reduce(factors[0], PolynomialMultiplicationTask.multiply))
        let shown = factors.map { "(" + PolynomialMultiplicationTask.render($0, variable: v) + ")" }.joined(separator: " * ")
        let question = """
            Expand and simplify \(shown). Give the expanded polynomial in \(v), with like terms combined, as \
            your final answer in the form <<<polynomial>>>, for example <<<3*\(v)^3 - \(v)^2 + 7*\(v) - 4>>>.
            """
        return GeneratedItem(question: question, gold: PolynomialMultiplicationTask.render(product, variable: v), metadata: [
            "variable": .string(v), "factors": .array(factors.map { JSONValue($0) }), "coefficients": JSONValue(product),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["coefficients"]?.intArray, let v = metadata["variable"]?.stringValue?.first else {
            return .wrong("item metadata is missing the product")
        }
        guard let given = PolynomialMultiplicationTask.parse(answer, variable: v) else {
            return .wrong("the answer is not an expanded polynomial in \(v) like 3*\(v)^2 - \(v) + 5")
        }
        return given == gold ? .correct() : .wrong("the expansion is \(PolynomialMultiplicationTask.render(gold, variable: String(v)))")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        factors = \(RG.py(metadata["factors"] ?? []))  # coefficients, lowest power first
        v = \(RG.py(metadata["variable"] ?? "x"))
        product = [1]
        for f in factors:
            out = [0] * (len(product) + len(f) - 1)
            for i, a in enumerate(product):
                for j, b in enumerate(f):
                    out[i + j] += a * b
            product = out
        terms = []
        for p in range(len(product) - 1, -1, -1):
            c = product[p]
            if c == 0:
                continue
            body = str(abs(c)) if p == 0 else ("" if abs(c) == 1 else f"{abs(c)}*") + (v if p == 1 else f"{v}^{p}")
            terms.append(("-" if c < 0 else "+", body))
        text = ("-" if terms[0][0] == "-" else "") + terms[0][1]
        for sign, body in terms[1:]:
            text += f" {sign} {body}"
        print(text)
        """
    }
}
