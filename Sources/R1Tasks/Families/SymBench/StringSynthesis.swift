// String Synthesis (SymBench): blocks [A] [B] [C] combine into {A} {B} {C},
// which combine into (A) (B) (C), by methods visited in a fixed cycle. R1CI
// draws the recipes per item (always from a lower tier to the next one, so the
// process ends). One answer: the nine final counts.

public struct StringSynthesisTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "string_synthesis",
        title: "String Synthesis",
        source: .symbench,
        category: "counting",
        description: "Simulate block-combination methods applied in a cycle and report the nine final block counts.",
        knobs: [
            Knob("max_start", "largest starting count of [A], [B] and [C]"),
            Knob("methods", "how many combination methods"),
            Knob("max_inputs", "most blocks one method consumes"),
        ],
        levels: [
            Level("easy", ["max_start": 8, "methods": 4, "max_inputs": 2]),
            Level("medium", ["max_start": 15, "methods": 6, "max_inputs": 3]),
            Level("hard", ["max_start": 30, "methods": 7, "max_inputs": 3]),
            Level("expert", ["max_start": 60, "methods": 8, "max_inputs": 4]),
        ],
        defaultLevel: 1
    )

    static let labels = ["[A]", "[B]", "[C]", "{A}", "{B}", "{C}", "(A)", "(B)", "(C)"]

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let total = level["methods"], maxInputs = level["max_inputs"]
        var methods: [Recipe] = []
        var seen = Set<[Int]>()
        while methods.count < total {
            // The first ~60 % of methods build tier 2 from tier 1, the rest tier 3 from tier 2.
            let tier = methods.count < (total * 3 + 4) / 5 ? 0 : 1
            var consume = [Int](repeating: 0, count: 9), produce = [Int](repeating: 0, count: 9)
            for _ in 0..<rng.int(1...maxInputs) { consume[tier * 3 + rng.int(0...2)] += 1 }
            if consume.reduce(0, +) == 1 { consume[tier * 3 + rng.int(0...2)] += 1 }  // at least two blocks in
            for _ in 0..<rng.int(1...2) { produce[tier * 3 + 3 + rng.int(0...2)] += 1 }
            guard seen.insert(consume + produce).inserted else { continue }
            methods.append(Recipe(consume: consume, produce: produce))
        }
        let start = [rng.int(1...level["max_start"]), rng.int(1...level["max_start"]), rng.int(1...level["max_start"]),
                     0, 0, 0, 0, 0, 0]
        let result = RecipeCycle.run(start, methods)!.counts
        func list(_ amounts: [Int]) -> String {
            let parts = amounts.enumerated().filter { $0.element > 0 }.map { "\($0.element) \(Self.labels[$0.offset])" }
            return parts.count <= 1 ? (parts.first ?? "nothing")
                : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        }
        let lines = methods.enumerated().map { "\($0.offset + 1). \(list($0.element.consume)) combine into \(list($0.element.produce))." }
            .joined(separator: "\n")
        let question = """
            There are nine kinds of blocks: [A], [B], [C], {A}, {B}, {C}, (A), (B) and (C). They combine by these methods:
            \(lines)

            Go through the methods in order, 1, 2, ..., \(methods.count), then back to 1, and so on. At each turn, \
            if the current method can be carried out with the blocks on hand, carry it out exactly once; otherwise \
            skip it. Stop when none of the methods can be carried out.
            You start with \(start[0]) [A], \(start[1]) [B] and \(start[2]) [C]. How many blocks of each kind are \
            there at the end? Give the nine counts in the order [A], [B], [C], {A}, {B}, {C}, (A), (B), (C), in the \
            form <<<n1 n2 n3 n4 n5 n6 n7 n8 n9>>>, for example <<<1 0 3 0 0 2 0 1 0>>>.
            """
        return GeneratedItem(question: question, gold: result.joinedDecimal(separator: " "), metadata: [
            "start": JSONValue(start),
            "methods": .array(methods.map { .array([JSONValue($0.consume), JSONValue($0.produce)]) }),
            "result": JSONValue(result),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let result = metadata["result"]?.intArray, result.count == 9 else { return .wrong("item metadata is missing the result") }
        return RecipeCycle.verify(answer: answer, expected: result, names: Self.labels)
    }

    public func oracle(metadata: JSONValue) -> String {
        RecipeCycle.oracle(start: metadata["start"]?.intArray ?? [], methods: StringSplittingTask.methods(metadata), separator: " ")
    }
}
