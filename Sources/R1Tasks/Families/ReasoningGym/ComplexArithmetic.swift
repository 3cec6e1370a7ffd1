// complex_arithmetic: one operation on two complex numbers with integer parts,
// answered exactly as a + bi with rational parts. Division either comes out as
// a Gaussian integer (the dividend is built as quotient × divisor) or, at the
// top level, as exact fractions. Reasoning Gym scores exp(−|Δ|) of a float
// result; R1CI compares both parts exactly.

struct ComplexNumber: Equatable {
    var real: Rational
    var imaginary: Rational
}

struct ComplexArithmeticTask: ReasoningTask {
    let info = TaskInfo(
        id: "complex_arithmetic",
        title: "Complex arithmetic",
        source: .reasoningGym,
        category: "algebra",
        description: "Add, subtract, multiply or divide two complex numbers exactly.",
        knobs: [
            Knob("magnitude", "largest absolute value of a real or imaginary part"),
            Knob("operations", "1: + −; 2: + − ×; 3: + − × ÷ with whole results; 4: ÷ with fractional results"),
        ],
        levels: [
            Level("easy", ["magnitude": 10, "operations": 1]),
            Level("medium", ["magnitude": 20, "operations": 2]),
            Level("hard", ["magnitude": 100, "operations": 3]),
            Level("expert", ["magnitude": 1000, "operations": 4]),
        ],
        defaultLevel: 1
    )

    static func product(_ a: (Int, Int), _ b: (Int, Int)) -> (Int, Int) {
        (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
    }

    /// "3 - 4i", "-2i", "5", "3/2 + 1/4i"
    static func render(_ z: ComplexNumber) -> String {
        let r = z.real, i = z.imaginary
        func imag(_ v: Rational) -> String {
            let m = Rational(abs(v.numerator), v.denominator)!
            return m == Rational(integer: 1) ? "i" : "\(m)i"
        }
        if i.numerator == 0 { return r.description }
        if r.numerator == 0 { return (i.numerator < 0 ? "-" : "") + imag(i) }
        return "\(r) \(i.numerator < 0 ? "-" : "+") \(imag(i))"
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let m = level["magnitude"], mode = level["operations"]
        func part() -> Int { rng.int(-m...m) }
        func nonzero() -> (Int, Int) {
            var z = (0, 0)
            while z == (0, 0) { z = (part(), part()) }
            return z
        }
        let ops = mode == 1 ? ["+", "-"] : mode == 2 ? ["+", "-", "*"] : mode == 3 ? ["+", "-", "*", "/"] : ["*", "/", "/"]
        let op = rng.pick(ops)
        var a = (part(), part()), b = nonzero()
        if op == "/" && mode == 3 {
            // Whole quotient: a = q · b with q small enough that a stays near the magnitude.
            let small = max(2, m / 10)
            let q = (rng.int(-small...small), rng.int(-small...small))
            b = (rng.int(-small...small), rng.int(-small...small))
            if b == (0, 0) { b = (1, rng.int(1...small)) }
            a = ComplexArithmeticTask.product(q, b)
        }
        let ra = ComplexNumber(real: Rational(integer: a.0), imaginary: Rational(integer: a.1))
        let rb = ComplexNumber(real: Rational(integer: b.0), imaginary: Rational(integer: b.1))
        let result: ComplexNumber
        switch op {
        case "+": result = ComplexNumber(real: Rational(integer: a.0 + b.0), imaginary: Rational(integer: a.1 + b.1))
        case "-": result = ComplexNumber(real: Rational(integer: a.0 - b.0), imaginary: Rational(integer: a.1 - b.1))
        case "*":
            let p = ComplexArithmeticTask.product(a, b)
            result = ComplexNumber(real: Rational(integer: p.0), imaginary: Rational(integer: p.1))
        default:
            // a / b = a · conj(b) / |b|²
            let p = ComplexArithmeticTask.product(a, (b.0, -b.1)), norm = b.0 * b.0 + b.1 * b.1
            result = ComplexNumber(real: Rational(p.0, norm)!, imaginary: Rational(p.1, norm)!)
        }
        let shown = "(\(ComplexArithmeticTask.render(ra))) \(op == "*" ? "×" : op == "/" ? "÷" : op) (\(ComplexArithmeticTask.render(rb)))"
        let gold = ComplexArithmeticTask.render(result)
        let question = """
            Calculate \(shown), where i is the imaginary unit (i² = -1). Give the exact result in the form a + bi \
            (fractions in lowest terms where needed) as your final answer, as <<<a + bi>>>, for example \
            <<<3 - 2i>>> or <<<1/2 + 5/4i>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "a": JSONValue([a.0, a.1]), "b": JSONValue([b.0, b.1]), "operation": .string(op),
            "answer": JSONValue([result.real.numerator, result.real.denominator,
                                 result.imaginary.numerator, result.imaginary.denominator]),
        ])
    }

    /// A complex number written as a sum of real and imaginary terms ("3 - 4i", "-4i + 3",
    /// "1.5+0.25j", "(3/2) - (1/4)i", "3 - 4*i"); nil for anything else.
    static func parse(_ raw: String) -> ComplexNumber? {
        var s = RG.tidy(raw).filter { !$0.isWhitespace }.replacing("j", with: "i").replacing("·", with: "*")
        guard !s.isEmpty, s.count <= 200 else { return nil }
        if s.hasPrefix("("), s.hasSuffix(")"), !s.dropFirst().contains("(") { s = String(s.dropFirst().dropLast()) }
        var terms: [String] = [], current = ""
        for ch in s {
            if (ch == "+" || ch == "-"), !current.isEmpty, current.last != "(" { terms.append(current); current = "" }
            current.append(ch)
        }
        terms.append(current)
        var real = Rational(integer: 0), imaginary = Rational(integer: 0)
        for var term in terms {
            var sign = 1
            if term.first == "+" || term.first == "-" { sign = term.first == "-" ? -1 : 1; term.removeFirst() }
            let isImaginary = term.hasSuffix("i")
            if isImaginary { term.removeLast(); if term.hasSuffix("*") { term.removeLast() } }
            if term.hasPrefix("("), term.hasSuffix(")") { term = String(term.dropFirst().dropLast()) }
            var value: Rational
            if term.isEmpty && isImaginary { value = Rational(integer: 1) } else {
                guard !term.isEmpty, !term.contains("i"), let v = DecimalText.rational(term) else { return nil }
                value = v
            }
            if sign < 0 { guard let n = value.negated() else { return nil }; value = n }
            if isImaginary { guard let t = imaginary.adding(value) else { return nil }; imaginary = t }
            else { guard let t = real.adding(value) else { return nil }; real = t }
        }
        return ComplexNumber(real: real, imaginary: imaginary)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let p = metadata["answer"]?.intArray, p.count == 4,
              let real = Rational(p[0], p[1]), let imaginary = Rational(p[2], p[3]) else {
            return .wrong("item metadata is missing the answer")
        }
        let gold = ComplexNumber(real: real, imaginary: imaginary)
        guard let given = ComplexArithmeticTask.parse(answer) else { return .wrong("the answer is not a complex number a + bi") }
        return given == gold ? .correct() : .wrong("the result is \(ComplexArithmeticTask.render(gold))")
    }

    func oracle(metadata: JSONValue) -> String {
        let a = metadata["a"]?.intArray ?? [0, 0], b = metadata["b"]?.intArray ?? [1, 0]
        return """
            from fractions import Fraction
            a, b, c, d = \(a[0]), \(a[1]), \(b[0]), \(b[1])  # (a + bi) op (c + di)
            op = \(RG.py(metadata["operation"] ?? "+"))
            if op == "+":
                re, im = Fraction(a + c), Fraction(b + d)
            elif op == "-":
                re, im = Fraction(a - c), Fraction(b - d)
            elif op == "*":
                re, im = Fraction(a * c - b * d), Fraction(a * d + b * c)
            else:
                n = c * c + d * d
                re, im = Fraction(a * c + b * d, n), Fraction(b * c - a * d, n)
            def imag(v):
                m = abs(v)
                return "i" if m == 1 else f"{m}i"
            if im == 0:
                print(re)
            elif re == 0:
                print(("-" if im < 0 else "") + imag(im))
            else:
                print(f"{re} {'-' if im < 0 else '+'} {imag(im)}")
            """
    }
}
