// Number multiplication (SymBench "Number Multiply"): the exact product of a
// few signed integers. The original checker accepted any answer in which the
// product appeared; this one reads a single integer and compares exactly.

public struct NumberMultiplyTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "number_multiply",
        title: "Number multiplication",
        source: .symbench,
        category: "arithmetic",
        description: "Multiply three or four signed integers exactly.",
        knobs: [
            Knob("factors", "how many integers are multiplied"),
            Knob("digits", "digits in each integer"),
        ],
        levels: [
            Level("easy", ["factors": 3, "digits": 2]),
            Level("medium", ["factors": 3, "digits": 3]),
            Level("hard", ["factors": 4, "digits": 3]),
            Level("expert", ["factors": 4, "digits": 4]),
        ],
        defaultLevel: 1
    )

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        // At most 4 factors of at most 4 digits: |product| < 10^16, far from Int overflow.
        let factors = max(2, min(level["factors"], 4)), digits = max(1, min(level["digits"], 4))
        var low = 1
        for _ in 1..<digits { low *= 10 }
        let high = low * 10 - 1
        let numbers = (0..<factors).map { _ in rng.int(max(low, 2)...high) * (rng.chance(0.4) ? -1 : 1) }
        let product = numbers.reduce(1, *)
        let list = numbers.map(String.init)
        let question = """
            Compute the exact product \(list.joined(separator: " × ")).

            Give the result as a single integer inside <<< and >>>, for example <<<-123456>>>.
            """
        return GeneratedItem(question: question, gold: String(product),
                             metadata: ["numbers": JSONValue(numbers), "product": .int(product)])
    }

    /// Reads one integer (sign, optional digit grouping in threes — the same reader
    /// as multistep_arithmetic) and compares it with the stored product.
    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let expected = metadata["product"]?.intValue else { return .wrong("item metadata has no product") }
        guard let given = MultistepArithmeticTask.parseInteger(answer) else { return .wrong("not an integer") }
        return given == expected ? .correct("the product is \(expected)") : .wrong("\(given) is not the product")
    }

    public func oracle(metadata: JSONValue) -> String {
        let numbers = metadata["numbers"]?.intArray ?? []
        return """
            from math import prod

            print(prod(\(numbers)))
            """
    }
}
