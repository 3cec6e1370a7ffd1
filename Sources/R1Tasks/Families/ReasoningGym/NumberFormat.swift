// number_format: the largest or smallest of numbers written in mixed formats
// (plain, with thousands separators, scientific notation). Values are held as
// integers in units of 10^-places and compared exactly; the answer may be in
// any of the three formats. Reasoning Gym accepts anything within 0.01, which
// passes a neighbour at its finest gap; R1CI requires the exact value.

struct NumberFormatTask: ReasoningTask {
    let info = TaskInfo(
        id: "number_format",
        title: "Number formats",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Pick the largest or smallest of numbers written in mixed formats.",
        knobs: [
            Knob("count", "how many numbers"),
            Knob("places", "digits after the decimal point"),
            Knob("close", "1: the numbers share their leading digits and differ only near the end"),
        ],
        levels: [
            Level("easy", ["count": 5, "places": 1, "close": 0]),
            Level("medium", ["count": 8, "places": 2, "close": 0]),
            Level("hard", ["count": 15, "places": 3, "close": 1]),
            Level("expert", ["count": 30, "places": 6, "close": 1]),
        ],
        defaultLevel: 1
    )

    /// A value in units of 10^-places written plainly, with separators, or in scientific notation.
    static func render(_ units: Int, places: Int, style: Int) -> String {
        let plain = DecimalText.shifted(String(abs(units)), places: places, negative: units < 0)
        switch style {
        case 1:
            let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
            var whole = String(parts[0]), negative = false
            if whole.hasPrefix("-") { negative = true; whole.removeFirst() }
            var grouped = ""
            for (i, ch) in whole.enumerated() {
                if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(ch)
            }
            return (negative ? "-" : "") + grouped + (parts.count == 2 ? "." + parts[1] : "")
        case 2:
            let digits = String(abs(units))
            let exponent = digits.count - 1 - places
            var mantissa = String(digits.first!)
            let rest = digits.dropFirst().reversed().drop(while: { $0 == "0" }).reversed()
            if !rest.isEmpty { mantissa += "." + String(rest) }
            let e = exponent < 0 ? "-" + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent))
                : "+" + (exponent < 10 ? "0" : "") + String(exponent)
            return (units < 0 ? "-" : "") + mantissa + "e" + e
        default:
            return plain
        }
    }

    /// The canonical plain spelling of a number given plainly, with separators or as
    /// "m.mmme±x" / "m.mmm × 10^x"; nil for anything else.
    static func canonical(_ raw: String) -> String? {
        var s = RG.tidy(raw).lowercased().filter { !$0.isWhitespace }
        s = s.replacing("×10^", with: "e").replacing("*10^", with: "e").replacing("x10^", with: "e")
        guard let e = s.firstIndex(of: "e") else { return DecimalText.canonical(s) }
        guard let mantissa = DecimalText.canonical(String(s[..<e])), !mantissa.contains(","),
              let exponent = Int(s[s.index(after: e)...].replacing("+", with: "")), abs(exponent) <= 60 else { return nil }
        let negative = mantissa.hasPrefix("-")
        let body = negative ? String(mantissa.dropFirst()) : mantissa
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        // Digits with the point `fraction.count` from the right, then moved `exponent` places right.
        var digits = String(parts[0]) + fraction, places = fraction.count - exponent
        if places < 0 { digits += String(repeating: "0", count: -places); places = 0 }
        return DecimalText.shifted(digits, places: places, negative: negative)
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let places = level["places"], count = level["count"]
        var values = Set<Int>()
        let centre = rng.int(1...999_999) * RG.power10(places)
        while values.count < count {
            if level["close"] == 1 {
                // Same leading digits: a spread of a few hundred units of the last place.
                values.insert(centre + rng.int(-300...300))
            } else {
                values.insert(rng.int(1...9_999_999) * RG.power10(places) / RG.power10(rng.int(0...3)) + rng.int(0...(RG.power10(places) - 1)))
            }
        }
        let ordered = rng.shuffled(values.sorted())
        let largest = rng.chance(0.5)
        let target = largest ? ordered.max()! : ordered.min()!
        let shown = ordered.map { NumberFormatTask.render($0, places: places, style: rng.int(0...2)) }
        let gold = DecimalText.shifted(String(target), places: places, negative: false)
        let question = """
            Which of these numbers is the \(largest ? "largest" : "smallest")? \(shown.joined(separator: ", "))
            Give its value as your final answer in the form <<<number>>> (any of the formats above is fine), \
            for example <<<1234.5>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "numbers": JSONValue(shown), "largest": .bool(largest), "answer": .string(gold),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["answer"]?.stringValue else { return .wrong("item metadata is missing the answer") }
        guard let given = NumberFormatTask.canonical(answer) else { return .wrong("the answer is not a number") }
        return given == gold ? .correct() : .wrong("the answer is \(gold), not \(given)")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from decimal import Decimal
        numbers = \(RG.py(metadata["numbers"] ?? []))
        values = [Decimal(s.replace(",", "")) for s in numbers]
        best = max(values) if \(metadata["largest"]?.boolValue == true ? "True" : "False") else min(values)
        text = format(best, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        print(text)
        """
    }
}
