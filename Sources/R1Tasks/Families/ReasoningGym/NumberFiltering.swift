// number_filtering (Reasoning Gym, algorithmic): keep or remove the numbers of
// a list that lie above or below a threshold, in their original order. The
// verifier compares exact decimal values, so "2.50" and "2.5" are the same
// number, and never uses a tolerance. No number equals the threshold, and the
// answer is never empty or the whole list.

public struct NumberFilteringTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "number_filtering", title: "Number filtering", source: .reasoningGym, category: "algorithmic",
        description: "Keep or remove the numbers of a list above or below a threshold, preserving order.",
        knobs: [Knob("count", "numbers in the list"), Knob("decimals", "digits after the decimal point")],
        levels: [Level("easy", ["count": 8, "decimals": 0]), Level("medium", ["count": 15, "decimals": 1]),
                 Level("hard", ["count": 30, "decimals": 2]), Level("expert", ["count": 60, "decimals": 4])],
        defaultLevel: 1)

    static func render(_ scaled: Int, decimals: Int) -> String {
        guard decimals > 0 else { return String(scaled) }
        let scale = RG.power10(decimals)
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        let fraction = String(magnitude % scale)
        return sign + String(magnitude / scale) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// (keep?, above?) for each of the four wordings.
    static let modes: [(keep: Bool, above: Bool, text: String)] = [
        (true, true, "Keep only the numbers larger than"), (true, false, "Keep only the numbers smaller than"),
        (false, true, "Remove every number larger than"), (false, false, "Remove every number smaller than"),
    ]

    static func filtered(_ values: [Rational], threshold: Rational, keep: Bool, above: Bool) -> [Int] {
        values.indices.filter { i in
            let v = values[i]
            let isAbove = v.numerator * threshold.denominator > threshold.numerator * v.denominator
            return (isAbove == above) == keep
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let d = level["decimals"], n = level["count"]
        let scale = RG.power10(d)
        let mode = rng.int(0..<4)
        var scaled: [Int] = [], threshold = 0
        while true {
            scaled = (0..<n).map { _ in rng.int(-100 * scale...100 * scale) }
            threshold = rng.int(-60 * scale...60 * scale)
            let kept = scaled.filter { $0 != threshold && ($0 > threshold) == NumberFilteringTask.modes[mode].above }
            if !scaled.contains(threshold) && !kept.isEmpty && kept.count < n { break }
        }
        let strings = scaled.map { NumberFilteringTask.render($0, decimals: d) }
        let (keep, above, text) = NumberFilteringTask.modes[mode]
        let values = scaled.map { Rational($0, scale)! }
        let result = NumberFilteringTask.filtered(values, threshold: Rational(threshold, scale)!, keep: keep, above: above)
        let t = NumberFilteringTask.render(threshold, decimals: d)
        let question = """
            \(text) \(t) from this list:

            [\(strings.joined(separator: ", "))]

            Give the numbers that remain, in their original order, inside <<< and >>>, separated by ", ", \
            e.g. <<<4.5, -2, 17>>>.
            """
        return GeneratedItem(question: question, gold: result.map { strings[$0] }.joined(separator: ", "),
                             metadata: ["numbers": JSONValue(strings), "threshold": .string(t),
                                        "keep": .bool(keep), "above": .bool(above)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let numbers = metadata["numbers"]?.stringArray, let t = metadata["threshold"]?.stringValue,
              let keep = metadata["keep"]?.boolValue, let above = metadata["above"]?.boolValue,
              let threshold = AlgoText.decimal(Substring(t)) else { return .wrong("item metadata has no numbers") }
        var values: [Rational] = []
        for s in numbers {
            guard let v = AlgoText.decimal(Substring(s)) else { return .wrong("item metadata has a bad number") }
            values.append(v)
        }
        let expected = NumberFilteringTask.filtered(values, threshold: threshold, keep: keep, above: above).map { values[$0] }
        guard let got = AlgoText.decimalList(answer), !got.isEmpty else { return .wrong("the answer is not a list of numbers") }
        guard got.count == expected.count else { return .wrong("expected \(expected.count) numbers, got \(got.count)") }
        return got == expected ? .correct("the filtered list") : .wrong("the numbers or their order are not right")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        numbers = \(RGGrids.py(metadata["numbers"] ?? .null))
        t = Fraction(\(RGGrids.py(metadata["threshold"] ?? .null)))
        keep, above = \(RGGrids.py(metadata["keep"] ?? .null)), \(RGGrids.py(metadata["above"] ?? .null))
        print(", ".join(s for s in numbers if ((Fraction(s) > t) == above) == keep))
        """
    }
}
