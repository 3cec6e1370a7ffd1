// Multi-step arithmetic (BIG-Bench-Hard multistep_arithmetic_two style):
// evaluate a nested integer expression such as
// ((-1 + 2 + 9 * 5) - (-2 + -4 + -4 * -7)), with the usual precedence
// (* before + and -). The gold value comes from the project's own parser and
// exact evaluator, never from evaluating text as code; the verifier parses
// the answer as an integer and compares.

public struct MultistepArithmeticTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "multistep_arithmetic",
        title: "Multi-step arithmetic",
        source: .bbh,
        category: "arithmetic",
        description: "Evaluate a nested expression of small signed integers with +, − and ×; "
            + "the answer is an integer.",
        knobs: [
            Knob("groups", "parenthesised groups combined by the outer operators"),
            Knob("terms", "numbers inside each group"),
            Knob("max_value", "largest absolute value of a number"),
        ],
        levels: [
            Level("easy", ["groups": 2, "terms": 3, "max_value": 9]),
            Level("medium", ["groups": 2, "terms": 4, "max_value": 9]),
            Level("hard", ["groups": 3, "terms": 4, "max_value": 20]),
            Level("expert", ["groups": 4, "terms": 5, "max_value": 30]),
        ],
        defaultLevel: 1
    )

    /// Values beyond this are redrawn, so answers stay readable and far from overflow.
    static let maxAnswer = 1_000_000_000

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let groups = max(1, level["groups"]), terms = max(2, level["terms"]), maxValue = max(1, level["max_value"])
        let ops = ["+", "-", "*"]
        func group() -> String {
            var parts: [String] = [String(rng.int(-maxValue...maxValue))]
            for _ in 1..<terms { parts += [rng.pick(ops), String(rng.int(-maxValue...maxValue))] }
            return "(" + parts.joined(separator: " ") + ")"
        }
        /// Joins groups pairwise into a balanced tree; inner joins get parentheses.
        func combine(_ items: [String], top: Bool) -> String {
            if items.count == 1 { return items[0] }
            let mid = items.count / 2
            let joined = combine(Array(items[..<mid]), top: false) + " \(rng.pick(ops)) "
                + combine(Array(items[mid...]), top: false)
            return top ? joined : "(" + joined + ")"
        }
        var attempt = 0
        while true {
            attempt += 1
            let expression = combine((0..<groups).map { _ in group() }, top: true)
            // Our own parser and exact evaluator: the same code that checks Game 24 answers.
            guard let value = try? ArithmeticExpression.parse(expression, maxLength: 4096).evaluate(),
                  value.isInteger, abs(value.numerator) <= MultistepArithmeticTask.maxAnswer else {
                precondition(attempt < 1000, "multistep_arithmetic: no expression in range")
                continue
            }
            let question = """
                Work out the value of this expression. Multiplication is done before addition and \
                subtraction, and a number written as -4 is negative four.

                \(expression) =

                Give the value as an integer inside <<< and >>>, for example <<<-17>>>.
                """
            return GeneratedItem(question: question, gold: String(value.numerator),
                                 metadata: ["expression": .string(expression), "value": .int(value.numerator)])
        }
    }

    /// Reads an integer: an optional sign (−, -, +), digits that may be grouped in
    /// threes with commas, spaces, thin spaces or underscores ("12,345"), an
    /// optional ".0", an optional leading "=" and a final period. Compares it with
    /// the stored value. Any other text (words, expressions, several numbers,
    /// badly grouped digits like "1 57") scores 0.
    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let expected = metadata["value"]?.intValue else { return .wrong("item metadata has no value") }
        guard let given = MultistepArithmeticTask.parseInteger(answer) else {
            return .wrong("not an integer")
        }
        return given == expected ? .correct("the value is \(expected)") : .wrong("\(given) is not the value")
    }

    static func parseInteger(_ text: String) -> Int? {
        var s = Substring(text.trimmingPrefix { $0.isWhitespace })
        if s.hasPrefix("=") { s = s.dropFirst().drop(while: \.isWhitespace) }
        while let last = s.last, last.isWhitespace || last == "." { s = s.dropLast() }
        if s.hasSuffix(".0") { s = s.dropLast(2) }
        var negative = false
        if let first = s.first, "-−–+".contains(first) {
            negative = first != "+"
            s = s.dropFirst().drop(while: \.isWhitespace)
        }
        let groups = s.split(omittingEmptySubsequences: false, whereSeparator: { ",_ \u{2009}\u{202F}".contains($0) })
        guard let head = groups.first, !head.isEmpty, groups.count <= 7 else { return nil }
        guard groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        // Grouped digits: 1–3 in the first group, exactly 3 in each later one.
        if groups.count > 1 && (head.count > 3 || groups.dropFirst().contains { $0.count != 3 }) { return nil }
        let digits = groups.joined()
        guard digits.count <= 18, let magnitude = Int(digits) else { return nil }
        return negative ? -magnitude : magnitude
    }

    public func oracle(metadata: JSONValue) -> String {
        let expression = metadata["expression"]?.stringValue ?? "0"
        return """
            # Python's operators follow the same precedence rules as the question.
            print(\(expression))
            """
    }
}
