// definite_integral (R1CI): the exact value of the integral of a polynomial
// between two integer bounds, as an integer or a fraction in lowest terms.

struct DefiniteIntegralTask: ReasoningTask {
    let info = TaskInfo(
        id: "definite_integral",
        title: "Definite integral of a polynomial",
        source: .r1ci,
        category: "algebra",
        description: "Integrate a polynomial between two integer bounds exactly.",
        knobs: [
            Knob("max_degree", "highest power in the integrand"),
            Knob("max_coefficient", "largest absolute coefficient"),
            Knob("max_bound", "largest absolute integration bound"),
        ],
        levels: [
            Level("easy", ["max_degree": 2, "max_coefficient": 12, "max_bound": 5]),
            Level("medium", ["max_degree": 3, "max_coefficient": 12, "max_bound": 6]),
            Level("hard", ["max_degree": 5, "max_coefficient": 12, "max_bound": 6]),
            Level("expert", ["max_degree": 7, "max_coefficient": 20, "max_bound": 8]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let degree = rng.int(max(1, level["max_degree"] - 2)...level["max_degree"])
        var c = (0...degree).map { _ in rng.int(-level["max_coefficient"]...level["max_coefficient"]) }
        while c[degree] == 0 { c[degree] = rng.int(-level["max_coefficient"]...level["max_coefficient"]) }
        let b = level["max_bound"]
        let low = rng.int(-b...(b - 1)), high = rng.int((low + 1)...b)
        let integrand = RationalPolynomial(integers: c)
        let f = integrand.antiderivative()!
        let value = f.evaluated(at: Rational(integer: high))!.subtracting(f.evaluated(at: Rational(integer: low))!)!
        let question = """
            Compute the definite integral of \(integrand.render(variable: "x")) with respect to x from x = \(low) to \
            x = \(high). Give the exact value, as an integer or a fraction in lowest terms, as your final answer in \
            the form <<<value>>>, for example <<<-35/12>>>.
            """
        return GeneratedItem(question: question, gold: value.description, metadata: [
            "coefficients": JSONValue(c), "low": .int(low), "high": .int(high),
            "numerator": .int(value.numerator), "denominator": .int(value.denominator),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyReducedFraction(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        c = \(RG.py(metadata["coefficients"] ?? []))  # lowest power first
        low, high = \(metadata["low"]?.intValue ?? 0), \(metadata["high"]?.intValue ?? 1)
        F = lambda x: sum(Fraction(k, p + 1) * Fraction(x) ** (p + 1) for p, k in enumerate(c))
        print(F(high) - F(low))
        """
    }
}
