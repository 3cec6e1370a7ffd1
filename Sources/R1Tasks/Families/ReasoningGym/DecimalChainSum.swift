// decimal_chain_sum: add and subtract a chain of decimal numbers, exactly.
// Every number is held as an integer count of 10^-places, so sums are exact.

struct DecimalChainSumTask: ReasoningTask {
    let info = TaskInfo(
        id: "decimal_chain_sum",
        title: "Decimal chain sum",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Add and subtract a chain of decimal numbers exactly.",
        knobs: [
            Knob("terms", "how many numbers are in the chain"),
            Knob("digits", "most digits before the decimal point"),
            Knob("places", "most digits after the decimal point"),
        ],
        levels: [
            Level("easy", ["terms": 3, "digits": 2, "places": 1]),
            Level("medium", ["terms": 5, "digits": 3, "places": 2]),
            Level("hard", ["terms": 8, "digits": 5, "places": 4]),
            Level("expert", ["terms": 12, "digits": 8, "places": 8]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let places = level["places"], scale = RG.power10(places)
        var text: [String] = [], total = 0
        for i in 0..<level["terms"] {
            let p = rng.int(1...places)
            let whole = rng.int(0...(RG.power10(rng.int(1...level["digits"])) - 1))
            let fraction = rng.int(1...(RG.power10(p) - 1))
            let units = whole * scale + fraction * RG.power10(places - p)  // value · 10^places
            let sign = i == 0 || rng.chance(0.5) ? 1 : -1
            total += sign * units
            let shown = DecimalText.shifted(String(whole * RG.power10(p) + fraction), places: p, negative: false)
            text.append(i == 0 ? shown : (sign > 0 ? "+ " : "- ") + shown)
        }
        let gold = DecimalText.shifted(String(abs(total)), places: places, negative: total < 0)
        let question = """
            What is \(text.joined(separator: " "))? Give the exact result as a decimal number as your final \
            answer in the form <<<number>>>, for example <<<-12.375>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "expression": .string(text.joined(separator: " ")), "answer": .string(gold),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["answer"]?.stringValue else { return .wrong("item metadata is missing the answer") }
        return DecimalText.verify(answer: answer, gold: gold)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from decimal import Decimal
        tokens = \(RG.py(metadata["expression"] ?? "")).split()
        total = Decimal(tokens[0])
        for op, number in zip(tokens[1::2], tokens[2::2]):
            total = total + Decimal(number) if op == "+" else total - Decimal(number)
        text = format(total, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        print("0" if text in ("-0", "") else text)
        """
    }
}
