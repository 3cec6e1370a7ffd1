// products: the exact product of several signed integers. Golds can run past
// 64 bits (twelve 10-digit factors), so the product is built digit by digit
// and the answer compared as canonical decimal text.

struct ProductsTask: ReasoningTask {
    let info = TaskInfo(
        id: "products",
        title: "Products",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Multiply a list of signed integers exactly.",
        knobs: [
            Knob("terms", "how many factors"),
            Knob("digits", "most digits of a factor (up to 3: exactly this many; above: 1 to this many)"),
        ],
        levels: [
            Level("easy", ["terms": 2, "digits": 3]),
            Level("medium", ["terms": 3, "digits": 3]),
            Level("hard", ["terms": 5, "digits": 5]),
            Level("expert", ["terms": 12, "digits": 10]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let digits = level["digits"]
        var factors: [Int] = []
        for _ in 0..<level["terms"] {
            let size = digits <= 3 ? digits : rng.int(1...digits)
            let value = RG.number(digits: size, rng: &rng)
            factors.append(rng.chance(0.3) ? -value : value)
        }
        var magnitude = BigNatural(1)
        for f in factors { magnitude = magnitude.multiplied(by: BigNatural(abs(f))) }
        let negative = factors.filter { $0 < 0 }.count % 2 == 1
        let gold = DecimalText.assemble(negative: negative, whole: magnitude.description, fraction: "")
        let shown = factors.map { $0 < 0 ? "(\($0))" : String($0) }.joined(separator: " * ")
        let question = """
            Calculate \(shown) exactly. Give the product as your final answer in the form <<<integer>>>, \
            for example <<<-30240>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: ["factors": JSONValue(factors), "answer": .string(gold)])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["answer"]?.stringValue else { return .wrong("item metadata is missing the answer") }
        guard let given = DecimalText.canonical(answer), !given.contains(".") else {
            return .wrong("the answer is not a single integer")
        }
        return given == gold ? .correct() : .wrong("the product is \(gold)")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        import math
        print(math.prod(\(RG.py(metadata["factors"] ?? []))))
        """
    }
}
