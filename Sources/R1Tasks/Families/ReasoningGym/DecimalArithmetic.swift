// decimal_arithmetic: an expression over decimal numbers with + − × ÷, where
// every divisor has only the prime factors 2 and 5, so the exact value is a
// terminating decimal. Reasoning Gym rounds to N significant digits and reads
// the tolerance from the live config; R1CI asks for the exact value.

struct DecimalArithmeticTask: ReasoningTask {
    let info = TaskInfo(
        id: "decimal_arithmetic",
        title: "Decimal arithmetic",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Evaluate an expression over decimal numbers exactly.",
        knobs: [
            Knob("terms", "how many numbers in the expression"),
            Knob("places", "most digits after the decimal point of a number"),
            Knob("max_whole", "largest whole part of a number"),
        ],
        levels: [
            Level("easy", ["terms": 2, "places": 2, "max_whole": 100]),
            Level("medium", ["terms": 3, "places": 2, "max_whole": 50]),
            Level("hard", ["terms": 5, "places": 3, "max_whole": 100]),
            Level("expert", ["terms": 8, "places": 4, "max_whole": 1000]),
        ],
        defaultLevel: 1
    )

    /// Divisors whose decimal quotients terminate: 2^a · 5^b scaled by powers of ten.
    static let divisors = ["0.5", "0.25", "0.2", "0.4", "0.8", "1.25", "2.5", "1.6", "0.125", "0.05", "0.04",
                           "2", "4", "5", "8", "16", "20", "25", "3.2", "6.25", "12.5", "0.16"]

    /// A random expression with `terms` numbers: its text and exact value, or nil on overflow.
    static func expression(terms: Int, level: Level, rng: inout SplitMix64) -> (text: String, value: Rational)? {
        if terms == 1 {
            let places = rng.int(0...level["places"])
            let units = rng.int(0...level["max_whole"]) * RG.power10(places) + rng.int(1...max(1, RG.power10(places) - 1))
            return (DecimalText.shifted(String(units), places: places, negative: false), Rational(units, RG.power10(places))!)
        }
        let op = rng.pick(["+", "-", "*", "/"])
        if op == "/" {
            guard let left = expression(terms: terms - 1, level: level, rng: &rng) else { return nil }
            let d = rng.pick(divisors)
            guard let value = left.value.divided(by: SymParse.rational(d)!) else { return nil }
            return ("(\(left.text)) / \(d)", value)
        }
        let split = rng.int(1...(terms - 1))
        guard let left = expression(terms: split, level: level, rng: &rng),
              let right = expression(terms: terms - split, level: level, rng: &rng) else { return nil }
        let value: Rational?
        switch op {
        case "+": value = left.value.adding(right.value)
        case "-": value = left.value.subtracting(right.value)
        default: value = left.value.multiplied(by: right.value)
        }
        guard let value else { return nil }
        let wrap = { (t: String, n: Int) in n > 1 ? "(\(t))" : t }
        return ("\(wrap(left.text, split)) \(op) \(wrap(right.text, terms - split))", value)
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        var text = "", gold = ""
        while gold.isEmpty {
            guard let made = DecimalArithmeticTask.expression(terms: level["terms"], level: level, rng: &rng),
                  let exact = DecimalText.exact(made.value), exact.count <= 30 else { continue }
            (text, gold) = (made.text, exact)
        }
        let shown = text.replacing("*", with: "×").replacing("/", with: "÷")
        let question = """
            Calculate \(shown) exactly. Give the exact value as a decimal number as your final answer in the \
            form <<<number>>>, for example <<<-41.0625>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: ["expression": .string(text), "answer": .string(gold)])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["answer"]?.stringValue else { return .wrong("item metadata is missing the answer") }
        if answer.contains("/"), let given = DecimalText.rational(answer), let g = DecimalText.canonical(gold).flatMap(SymParse.rational) {
            return given == g ? .correct() : .wrong("the value is \(gold)")
        }
        return DecimalText.verify(answer: answer, gold: gold)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        import re
        from fractions import Fraction
        expression = \(RG.py(metadata["expression"] ?? "0"))
        value = eval(re.sub(r"\\d+(?:\\.\\d+)?", lambda m: f"Fraction('{m.group(0)}')", expression))
        # Exact decimal digits: scale by 10 until the value is whole.
        places = 0
        while (value * 10**places).denominator != 1:
            places += 1
        digits = str(abs(value.numerator * 10**places // value.denominator)).rjust(places + 1, "0")
        text = digits[:len(digits) - places] + ("." + digits[len(digits) - places:] if places else "")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        print(("-" if value < 0 else "") + text)
        """
    }
}
