// String Splitting (SymBench): machines A, B, C are dismantled into parts X,
// Y, Z by methods visited in a fixed cycle. R1CI draws the amounts in each
// method and the order of the cycle per item. One answer: the six final counts.

public struct StringSplittingTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "string_splitting",
        title: "String Splitting",
        source: .symbench,
        category: "counting",
        description: "Simulate dismantling methods applied in a cycle and report the final machine and part counts.",
        knobs: [
            Knob("max_start", "largest starting count of each machine"),
            Knob("shuffle_order", "1: the methods come in a random order"),
            Knob("max_amount", "largest amount consumed or produced in one method"),
        ],
        levels: [
            Level("easy", ["max_start": 12, "shuffle_order": 0, "max_amount": 3]),
            Level("medium", ["max_start": 20, "shuffle_order": 1, "max_amount": 3]),
            Level("hard", ["max_start": 40, "shuffle_order": 1, "max_amount": 3]),
            Level("expert", ["max_start": 80, "shuffle_order": 1, "max_amount": 4]),
        ],
        defaultLevel: 1
    )

    static let names = ["machine A", "machine B", "machine C", "part X", "part Y", "part Z"]
    static let labels = ["A", "B", "C", "X", "Y", "Z"]

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let top = level["max_amount"]
        func amount(_ low: Int = 1) -> Int { rng.int(low...top) }
        // Resources: A B C X Y Z. Machines only ever decrease in total, so the cycle ends.
        var methods = [
            Recipe(consume: [1, 0, 0, 0, 0, 0], produce: [0, 0, 0, amount(), amount(), 0]),
            Recipe(consume: [0, max(2, amount()), 0, 0, 0, 0], produce: [0, 0, 0, 1, 0, 0]),
            Recipe(consume: [0, 0, max(2, amount()), 0, 0, 0], produce: [0, 0, 0, 0, 1, 0]),
            Recipe(consume: [0, 1, 1, 0, 0, 0], produce: [1, 0, 0, 0, 0, 0]),
            Recipe(consume: [0, 0, 0, amount(), amount(), 0], produce: [0, 0, 0, 0, 0, 1]),
        ]
        if level["shuffle_order"] == 1 { rng.shuffle(&methods) }
        let start = [rng.int(1...level["max_start"]), rng.int(1...level["max_start"]), rng.int(1...level["max_start"]), 0, 0, 0]
        let result = RecipeCycle.run(start, methods)!.counts
        let lines = methods.enumerated().map { i, m in
            let what = m.consume[0...2].contains(where: { $0 > 0 }) && m.produce[0] == 0 ? "dismantles" : "turns"
            return "Method \(i + 1): \(what) \(RecipeCycle.describe(m.consume, names: Self.names, unit: "unit")) into "
                + "\(RecipeCycle.describe(m.produce, names: Self.names, unit: "unit"))."
        }.joined(separator: "\n")
        let question = """
            An engineer has \(start[0]) units of machine A, \(start[1]) units of machine B and \(start[2]) units of \
            machine C, and no parts yet. The methods are:
            \(lines)

            The engineer goes through the methods in order, Method 1, Method 2, ..., Method \(methods.count), then \
            back to Method 1, and so on. At each turn, if the current method can be carried out with what is on \
            hand, it is carried out exactly once; otherwise it is skipped. This stops when none of the methods can \
            be carried out any more.
            How many machines A, B, C and parts X, Y, Z are there at the end? Give the six counts in the order \
            A, B, C, X, Y, Z, in the form <<<a, b, c, x, y, z>>>, for example <<<1, 0, 1, 3, 2, 1>>>.
            """
        return GeneratedItem(question: question, gold: result.joinedDecimal(separator: ", "), metadata: [
            "start": JSONValue(start),
            "methods": .array(methods.map { .array([JSONValue($0.consume), JSONValue($0.produce)]) }),
            "result": JSONValue(result),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let result = metadata["result"]?.intArray, result.count == 6 else { return .wrong("item metadata is missing the result") }
        return RecipeCycle.verify(answer: answer, expected: result, names: Self.labels)
    }

    public func oracle(metadata: JSONValue) -> String {
        RecipeCycle.oracle(start: metadata["start"]?.intArray ?? [], methods: Self.methods(metadata), separator: ", ")
    }

    static func methods(_ metadata: JSONValue) -> [Recipe] {
        (metadata["methods"]?.arrayValue ?? []).compactMap { m in
            guard let pair = m.intGrid, pair.count == 2 else { return nil }
            return Recipe(consume: pair[0], produce: pair[1])
        }
    }
}
