// power_function: a decimal base raised to a whole power, written out exactly.
// Reasoning Gym asks for three significant figures; R1CI asks for the exact
// value (b = m / 10^p, so b^e = m^e / 10^(p·e), computed digit by digit).

struct PowerFunctionTask: ReasoningTask {
    let info = TaskInfo(
        id: "power_function",
        title: "Power function",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Raise a decimal number to a whole power and write the exact result.",
        knobs: [
            Knob("places", "most digits after the decimal point of the base"),
            Knob("max_base", "largest whole part of the base"),
            Knob("max_exponent", "largest exponent"),
            Knob("negative", "1: the base may be negative"),
        ],
        levels: [
            Level("easy", ["places": 0, "max_base": 99_999, "max_exponent": 3, "negative": 0]),
            Level("medium", ["places": 2, "max_base": 99, "max_exponent": 5, "negative": 1]),
            Level("hard", ["places": 3, "max_base": 99, "max_exponent": 8, "negative": 1]),
            Level("expert", ["places": 4, "max_base": 999, "max_exponent": 12, "negative": 1]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let places = level["places"]
        // mantissa = base · 10^places; the last decimal digit is never 0, so the base has exactly `places`.
        var mantissa = rng.int(2...level["max_base"])
        if places > 0 {
            var fraction = 0
            while fraction % 10 == 0 { fraction = rng.int(1...(RG.power10(places) - 1)) }
            mantissa = rng.int(0...level["max_base"]) * RG.power10(places) + fraction
        }
        let negative = level["negative"] == 1 && rng.chance(0.4)
        let exponent = rng.int(2...level["max_exponent"])
        let base = DecimalText.shifted(String(mantissa), places: places, negative: negative)
        let digits = BigNatural(mantissa).power(exponent).description
        let gold = DecimalText.shifted(digits, places: places * exponent, negative: negative && exponent % 2 == 1)
        let shownBase = negative ? "(\(base))" : base
        let question = """
            Compute \(shownBase)^\(exponent) exactly. Give the exact value as a decimal number as your final \
            answer in the form <<<number>>>, for example <<<-3.375>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "base": .string(base), "exponent": .int(exponent), "answer": .string(gold),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["answer"]?.stringValue else { return .wrong("item metadata is missing the answer") }
        return DecimalText.verify(answer: answer, gold: gold)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from decimal import Decimal, getcontext
        getcontext().prec = 200
        value = Decimal(\(RG.py(metadata["base"] ?? "0"))) ** \(metadata["exponent"]?.intValue ?? 1)
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        print(text)
        """
    }
}
