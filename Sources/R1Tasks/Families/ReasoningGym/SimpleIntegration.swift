// simple_integration: the indefinite integral of a polynomial. The verifier
// parses the answer as a polynomial (rational coefficients, an optional
// constant of integration), differentiates it exactly and compares the result
// with the integrand, so every antiderivative is accepted and nothing else.

struct SimpleIntegrationTask: ReasoningTask {
    let info = TaskInfo(
        id: "simple_integration",
        title: "Simple integration",
        source: .reasoningGym,
        category: "algebra",
        description: "Find an antiderivative of a polynomial; checked by exact differentiation.",
        knobs: [
            Knob("terms", "most terms in the integrand"),
            Knob("max_degree", "highest power in the integrand"),
            Knob("max_coefficient", "largest absolute coefficient"),
            Knob("fractions", "1: coefficients may be fractions"),
        ],
        levels: [
            Level("easy", ["terms": 2, "max_degree": 4, "max_coefficient": 20, "fractions": 0]),
            Level("medium", ["terms": 3, "max_degree": 5, "max_coefficient": 20, "fractions": 0]),
            Level("hard", ["terms": 4, "max_degree": 7, "max_coefficient": 30, "fractions": 1]),
            Level("expert", ["terms": 5, "max_degree": 10, "max_coefficient": 50, "fractions": 1]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let v = rng.pick(PolynomialMultiplicationTask.variables)
        let degree = rng.int(max(1, level["max_degree"] - 3)...level["max_degree"])
        let terms = rng.int(2...min(level["terms"], degree + 1))
        let powers = [degree] + rng.sample(Array(0..<degree), count: terms - 1)
        var c = [Rational](repeating: Rational(integer: 0), count: degree + 1)
        for p in powers {
            var k = 0
            while k == 0 { k = rng.int(-level["max_coefficient"]...level["max_coefficient"]) }
            c[p] = level["fractions"] == 1 && rng.chance(0.4) ? Rational(k, rng.int(2...9))! : Rational(integer: k)
        }
        let integrand = RationalPolynomial(c)
        let antiderivative = integrand.antiderivative()!
        let gold = antiderivative.render(variable: v) + " + C"
        let question = """
            Find the indefinite integral ∫ (\(integrand.render(variable: v))) d\(v). Give an antiderivative as a \
            polynomial in \(v) (a constant of integration C is optional) as your final answer in the form \
            <<<polynomial>>>, for example <<<2/3*\(v)^3 - 5*\(v) + C>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "variable": .string(v),
            "integrand": .array(integrand.coefficients.map { JSONValue([$0.numerator, $0.denominator]) }),
        ])
    }

    /// Rational coefficients stored as [numerator, denominator] pairs.
    static func coefficients(_ value: JSONValue?) -> RationalPolynomial? {
        guard let pairs = value?.arrayValue else { return nil }
        var out: [Rational] = []
        for pair in pairs {
            guard let p = pair.intArray, p.count == 2, let r = Rational(p[0], p[1]) else { return nil }
            out.append(r)
        }
        return RationalPolynomial(out)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let integrand = SimpleIntegrationTask.coefficients(metadata["integrand"]),
              let v = metadata["variable"]?.stringValue?.first else { return .wrong("item metadata is missing the integrand") }
        guard let given = RationalPolynomial.parse(answer, variable: v, allowConstant: true) else {
            return .wrong("the answer is not a polynomial in \(v)")
        }
        guard let derivative = given.derivative() else { return .wrong("the coefficients are too large") }
        return derivative == integrand ? .correct("its derivative is the integrand")
            : .wrong("its derivative is \(derivative.render(variable: String(v))), not the integrand")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        \(RationalPolynomial.pythonRender)
        integrand = [Fraction(n, d) for n, d in \(RG.py(metadata["integrand"] ?? []))]  # lowest power first
        v = \(RG.py(metadata["variable"] ?? "x"))
        print(render([Fraction(0)] + [c / (p + 1) for p, c in enumerate(integrand)], v) + " + C")
        """
    }
}
