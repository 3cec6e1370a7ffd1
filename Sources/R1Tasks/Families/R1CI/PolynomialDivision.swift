// polynomial_division (R1CI): divide a polynomial by a monic one, giving the
// quotient and the remainder. The verifier checks the division identity
// dividend = quotient · divisor + remainder with deg(remainder) < deg(divisor),
// which has exactly one solution, using exact rational arithmetic.

struct PolynomialDivisionTask: ReasoningTask {
    let info = TaskInfo(
        id: "polynomial_division",
        title: "Polynomial long division",
        source: .r1ci,
        category: "algebra",
        description: "Divide one polynomial by another: quotient and remainder.",
        knobs: [
            Knob("divisor_degree", "degree of the divisor"),
            Knob("quotient_degree", "degree of the quotient"),
            Knob("max_coefficient", "largest absolute coefficient of the quotient, divisor and remainder"),
        ],
        levels: [
            Level("easy", ["divisor_degree": 1, "quotient_degree": 1, "max_coefficient": 9]),
            Level("medium", ["divisor_degree": 1, "quotient_degree": 3, "max_coefficient": 9]),
            Level("hard", ["divisor_degree": 2, "quotient_degree": 3, "max_coefficient": 12]),
            Level("expert", ["divisor_degree": 3, "quotient_degree": 4, "max_coefficient": 20]),
        ],
        defaultLevel: 1
    )

    static func nonzero(_ m: Int, _ rng: inout SplitMix64) -> Int {
        var k = 0
        while k == 0 { k = rng.int(-m...m) }
        return k
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let m = level["max_coefficient"], dd = level["divisor_degree"], qd = level["quotient_degree"]
        let v = rng.pick(PolynomialMultiplicationTask.variables)
        var divisor = (0..<dd).map { _ in rng.int(-m...m) } + [1]
        if divisor[0] == 0 { divisor[0] = PolynomialDivisionTask.nonzero(m, &rng) }
        let quotient = (0..<qd).map { _ in rng.int(-m...m) } + [PolynomialDivisionTask.nonzero(m, &rng)]
        let remainder = (0..<dd).map { _ in rng.chance(0.15) ? 0 : rng.int(-m...m) }
        let q = RationalPolynomial(integers: quotient), d = RationalPolynomial(integers: divisor)
        let r = RationalPolynomial(integers: remainder)
        let dividend = q.multiplied(by: d)!.adding(r)!
        let gold = "\(q.render(variable: v)); \(r.render(variable: v))"
        let question = """
            Divide \(dividend.render(variable: v)) by \(d.render(variable: v)). Give the quotient and the remainder \
            (whose degree is less than the divisor's), separated by a semicolon, as your final answer in the form \
            <<<quotient; remainder>>>, for example <<<2*\(v)^2 - \(v) + 3; 5*\(v) - 1>>> (write 0 for a zero remainder).
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "variable": .string(v), "dividend": JSONValue(dividend.coefficients.map(\.numerator)),
            "divisor": JSONValue(divisor), "quotient": JSONValue(quotient), "remainder": JSONValue(remainder),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let dividend = metadata["dividend"]?.intArray, let divisor = metadata["divisor"]?.intArray,
              let v = metadata["variable"]?.stringValue?.first else { return .wrong("item metadata is missing the division") }
        let parts = answer.split(separator: ";", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .wrong("expected a quotient and a remainder separated by ';'") }
        func strip(_ s: Substring) -> String {
            var t = s.trimmed()
            for label in ["quotient", "remainder", "q", "r"] {
                for sep in [":", "="] where t.lowercased().hasPrefix(label + sep) { t = String(t.dropFirst(label.count + 1)).trimmed() }
            }
            return t
        }
        guard let q = RationalPolynomial.parse(strip(parts[0]), variable: v),
              let r = RationalPolynomial.parse(strip(parts[1]), variable: v) else {
            return .wrong("the quotient or the remainder is not a polynomial in \(v)")
        }
        let d = RationalPolynomial(integers: divisor)
        guard r.degree < d.degree else { return .wrong("the remainder's degree is not below the divisor's") }
        guard let product = q.multiplied(by: d), let total = product.adding(r) else { return .wrong("coefficients too large") }
        return total == RationalPolynomial(integers: dividend) ? .correct("quotient · divisor + remainder = dividend")
            : .wrong("quotient · divisor + remainder is not the dividend")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        \(RationalPolynomial.pythonRender)
        n = [Fraction(k) for k in \(RG.py(metadata["dividend"] ?? []))]  # lowest power first
        d = [Fraction(k) for k in \(RG.py(metadata["divisor"] ?? []))]
        v = \(RG.py(metadata["variable"] ?? "x"))
        q = [Fraction(0)] * (len(n) - len(d) + 1)
        for shift in range(len(n) - len(d), -1, -1):  # long division from the top power down
            factor = n[shift + len(d) - 1] / d[-1]
            q[shift] = factor
            for i, k in enumerate(d):
                n[shift + i] -= factor * k
        print(render(q, v) + "; " + render(n[:len(d) - 1], v))
        """
    }
}
