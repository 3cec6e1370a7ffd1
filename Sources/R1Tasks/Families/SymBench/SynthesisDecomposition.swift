// Synthesis Decomposition (SymBench 35): a farmer's crops and goods are traded
// by exchange rules visited in a fixed cycle until none applies. R1CI draws
// the amounts in each rule, the order of the cycle and the starting stock per
// item, and rejects draws whose process would run too long. One answer: the
// five final counts.

struct SynthesisDecompositionTask: ReasoningTask {
    let info = TaskInfo(
        id: "synthesis_decomposition",
        title: "Synthesis Decomposition",
        source: .symbench,
        category: "counting",
        description: "Apply crop-exchange rules in a cycle until none applies and report the final stock.",
        knobs: [
            Knob("max_start", "largest starting count of each crop"),
            Knob("rules", "how many exchange rules (4 to 6)"),
            Knob("max_amount", "largest amount taken by one rule, minus one (each takes at least two bags)"),
        ],
        levels: [
            Level("easy", ["max_start": 10, "rules": 4, "max_amount": 2]),
            Level("medium", ["max_start": 25, "rules": 5, "max_amount": 3]),
            Level("hard", ["max_start": 60, "rules": 6, "max_amount": 3]),
            Level("expert", ["max_start": 150, "rules": 6, "max_amount": 4]),
        ],
        defaultLevel: 1
    )

    static let names = ["wheat", "corn", "rice", "flour", "feed"]

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let top = level["max_amount"]
        while true {
            // Every trade takes at least two bags, so the stock where the farmer gets stuck varies.
            func amount() -> Int { rng.int(2...(top + 1)) }
            // Resources: wheat corn rice flour feed. Crops are combined into goods, goods are
            // traded back for fewer crops, and one crop is exchanged for another.
            var pool = [
                Recipe(consume: [amount(), 0, 0, 0, 0], produce: [0, 0, 0, 1, 0]),
                Recipe(consume: [0, amount(), amount(), 0, 0], produce: [0, 0, 0, 0, 1]),
                Recipe(consume: [0, 0, 0, amount(), amount()], produce: [0, 1, 0, 0, 0]),
                Recipe(consume: [amount(), 0, amount(), 0, 0], produce: [0, 0, 0, 1, 0]),
                Recipe(consume: [0, 0, 0, amount(), 0], produce: [0, 0, 0, 0, 1]),
                Recipe(consume: [0, amount(), 0, 0, 0], produce: [1, 0, 0, 0, 0]),
            ]
            rng.shuffle(&pool)
            let rules = Array(pool.prefix(level["rules"]))
            let start = [rng.int(1...level["max_start"]), rng.int(1...level["max_start"]), rng.int(1...level["max_start"]), 0, 0]
            guard let run = RecipeCycle.run(start, rules, maxSteps: 5_000), run.steps >= 2 else { continue }
            let lines = rules.enumerated().map { i, r in
                "Rule \(i + 1): trade \(RecipeCycle.describe(r.consume, names: Self.names, unit: "bag")) for "
                    + "\(RecipeCycle.describe(r.produce, names: Self.names, unit: "bag"))."
            }.joined(separator: "\n")
            let question = """
                A farmer starts with \(start[0]) bags of wheat, \(start[1]) bags of corn and \(start[2]) bags of rice, \
                and no flour or feed. The market allows these trades:
                \(lines)

                The farmer goes through the rules in order, Rule 1, Rule 2, ..., Rule \(rules.count), then back to \
                Rule 1, and so on. At each turn, if the current rule's trade can be made with what the farmer has, \
                it is made exactly once; otherwise the rule is skipped. The farmer stops when no rule can be used.
                How many bags of wheat, corn, rice, flour and feed does the farmer have at the end? Give the five \
                counts in that order in the form <<<wheat, corn, rice, flour, feed>>>, for example <<<0, 2, 1, 3, 4>>>.
                """
            return GeneratedItem(question: question, gold: run.counts.map(String.init).joined(separator: ", "), metadata: [
                "start": JSONValue(start),
                "methods": .array(rules.map { .array([JSONValue($0.consume), JSONValue($0.produce)]) }),
                "result": JSONValue(run.counts),
            ])
        }
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let result = metadata["result"]?.intArray, result.count == 5 else { return .wrong("item metadata is missing the result") }
        return RecipeCycle.verify(answer: answer, expected: result, names: Self.names)
    }

    func oracle(metadata: JSONValue) -> String {
        RecipeCycle.oracle(start: metadata["start"]?.intArray ?? [], methods: StringSplittingTask.methods(metadata), separator: ", ")
    }
}
