// Number Multiply (SymBench): the exact product of a few signed integers.
// One answer; the verifier reads an integer written with optional thousands
// separators and compares it exactly.

public struct NumberMultiplyTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "number_multiply",
        title: "Number Multiply",
        source: .symbench,
        category: "arithmetic",
        description: "Compute the exact product of several signed integers.",
        knobs: [
            Knob("factors", "how many integers are multiplied"),
            Knob("min_digits", "fewest digits in a factor"),
            Knob("max_digits", "most digits in a factor"),
        ],
        levels: [
            Level("easy", ["factors": 3, "min_digits": 2, "max_digits": 3]),
            Level("medium", ["factors": 3, "min_digits": 3, "max_digits": 4]),
            Level("hard", ["factors": 4, "min_digits": 3, "max_digits": 4]),
            Level("expert", ["factors": 3, "min_digits": 5, "max_digits": 6]),
        ],
        defaultLevel: 1
    )

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        var numbers: [Int] = []
        for _ in 0..<level["factors"] {
            let digits = rng.int(level["min_digits"]...level["max_digits"])
            var low = 1
            for _ in 1..<digits { low *= 10 }
            let magnitude = rng.int(low...(low * 10 - 1))
            numbers.append(rng.chance(0.4) ? -magnitude : magnitude)
        }
        let product = numbers.reduce(1, *)
        let shown = numbers.map { $0 < 0 ? "(\($0))" : "\($0)" }.joined(separator: " * ")
        let question = """
            Compute the exact value of the product \(shown).
            Give the result as a single integer (with its sign if negative), in the form <<<integer>>>, \
            for example <<<-123456>>>.
            """
        return GeneratedItem(question: question, gold: String(product),
                             metadata: ["numbers": JSONValue(numbers), "product": .int(product)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let product = metadata["product"]?.intValue else { return .wrong("item metadata is missing the product") }
        var text = answer.trimmedSpaces()
        if let eq = text.lastIndex(of: "=") { text = String(text[text.index(after: eq)...]) }
        // Thousands separators and spaces inside the number are layout only.
        let compact = text.filter { !($0 == "," || $0 == "_" || $0 == " " || $0 == "\u{2009}" || $0 == "'") }
        guard let value = SymParse.integer(compact) else { return .wrong("'\(answer)' is not an integer") }
        return value == product ? .correct("the product is \(product)") : .wrong("\(value) is not the product")
    }

    public func oracle(metadata: JSONValue) -> String {
        let numbers = metadata["numbers"]?.intArray ?? []
        return """
            import math
            numbers = \(numbers)
            print(math.prod(numbers))
            """
    }
}

import Foundation
