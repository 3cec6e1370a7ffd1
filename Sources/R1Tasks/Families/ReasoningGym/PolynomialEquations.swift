// polynomial_equations: all real solutions of a polynomial equation with
// integer coefficients. The polynomial is built from chosen rational roots
// (times an optional factor x² + c with no real roots), so the solution set is
// known exactly. Fractions are compared exactly; a decimal is accepted within
// the tolerance the question states (5·10⁻⁵, four correct decimal places).

struct PolynomialEquationsTask: ReasoningTask {
    let info = TaskInfo(
        id: "polynomial_equations",
        title: "Polynomial equations",
        source: .reasoningGym,
        category: "algebra",
        description: "Find every real solution of a polynomial equation with integer coefficients.",
        knobs: [
            Knob("roots", "most distinct real roots"),
            Knob("max_denominator", "largest denominator of a rational root"),
            Knob("complex_factor", "1: a factor x^2 + c without real roots may be included"),
        ],
        levels: [
            Level("easy", ["roots": 3, "max_denominator": 1, "complex_factor": 0]),
            Level("medium", ["roots": 4, "max_denominator": 2, "complex_factor": 0]),
            Level("hard", ["roots": 5, "max_denominator": 3, "complex_factor": 1]),
            Level("expert", ["roots": 6, "max_denominator": 4, "complex_factor": 1]),
        ],
        defaultLevel: 1
    )

    static let tolerance = 5e-5

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let count = rng.int(max(3, level["roots"] - 1)...level["roots"])
        var roots: [Rational] = []
        while roots.count < count {
            let q = rng.int(1...level["max_denominator"]), p = rng.int(-20...20)
            let r = Rational(p, q)!
            if !roots.contains(r) { roots.append(r) }
        }
        roots.sort { $0.doubleValue < $1.doubleValue }
        // Integer factors (q·x − p) for each root, an optional x² + c, and a leading constant.
        var poly = RationalPolynomial(integers: [rng.int(1...5) * (rng.chance(0.3) ? -1 : 1)])
        for r in roots { poly = poly.multiplied(by: RationalPolynomial(integers: [-r.numerator, r.denominator]))! }
        if level["complex_factor"] == 1 && rng.chance(0.5) {
            poly = poly.multiplied(by: RationalPolynomial(integers: [rng.int(1...9), 0, 1]))!
        }
        let coefficients = poly.coefficients.map(\.numerator)
        let gold = roots.map(\.description).joined(separator: ", ")
        let question = """
            Find all real solutions of \(poly.render(variable: "x")) = 0. List each distinct real solution once, \
            separated by commas, as exact integers or fractions (or decimals correct to within 0.00005), as your \
            final answer in the form <<<s1, s2, ...>>>, for example <<<-3, 1/2>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "coefficients": JSONValue(coefficients),
            "roots": .array(roots.map { JSONValue([$0.numerator, $0.denominator]) }),
        ])
    }

    /// One solution as written: exact for integers and fractions, approximate for decimals.
    enum Value { case exact(Rational), approximate(Double) }

    static func parseValue(_ raw: String) -> Value? {
        let s = RG.tidy(RG.dropAssignment(RG.tidy(raw), names: ["x"]))
        if s.contains(".") {
            guard s.count <= 30, let d = Double(s), d.isFinite else { return nil }
            return .approximate(d)
        }
        guard let (n, d) = RG.parseFraction(s), let r = Rational(n, d) else { return nil }
        return .exact(r)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let pairs = metadata["roots"]?.arrayValue else { return .wrong("item metadata is missing the roots") }
        let roots = pairs.compactMap { $0.intArray.flatMap { Rational($0[0], $0[1]) } }
        let pieces = answer.replacing(";", with: ",").split(separator: ",").map { String($0) }
        guard pieces.count <= 20 else { return .wrong("too many values") }
        var values: [Value] = []
        for piece in pieces {
            guard let v = PolynomialEquationsTask.parseValue(piece.replacing("[", with: "").replacing("]", with: "")
                .replacing("{", with: "").replacing("}", with: "")) else {
                return .wrong("'\(piece.trimmed())' is not a number")
            }
            values.append(v)
        }
        guard values.count == roots.count else {
            return .wrong("\(values.count) solutions given, the equation has \(roots.count) distinct real solutions")
        }
        // Each root must be matched by a different value (roots are far apart compared to the tolerance).
        var unmatched = roots
        for value in values {
            let index = unmatched.firstIndex { root in
                switch value {
                case .exact(let r): return r == root
                case .approximate(let d): return abs(d - root.doubleValue) <= PolynomialEquationsTask.tolerance
                }
            }
            guard let index else { return .wrong("a value given is not a solution (solutions: \(roots.map(\.description).joined(separator: ", ")))") }
            unmatched.remove(at: index)
        }
        return .correct()
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        c = \(RG.py(metadata["coefficients"] ?? []))  # integer coefficients, lowest power first
        roots = set()
        if c[0] == 0:  # x = 0 is a root; divide out the powers of x
            roots.add(Fraction(0))
            while c[0] == 0:
                c = c[1:]
        def value(x):
            return sum(k * x**p for p, k in enumerate(c))
        # Durand-Kerner: all complex roots at once; the real ones are then recovered as
        # fractions and kept only when they make the polynomial exactly zero.
        n = len(c) - 1
        monic = [k / c[-1] for k in c]
        z = [complex(0.4, 0.9) ** i for i in range(n)]
        for _ in range(1000):
            for i in range(n):
                den = 1
                for j in range(n):
                    if j != i:
                        den *= z[i] - z[j]
                z[i] -= sum(a * z[i] ** p for p, a in enumerate(monic)) / den
        for w in z:
            r = Fraction(w.real).limit_denominator(1000)
            if value(r) == 0:
                roots.add(r)
        roots = sorted(roots)
        print(", ".join(str(r) for r in roots))
        """
    }
}
