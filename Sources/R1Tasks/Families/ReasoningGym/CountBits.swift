// count_bits: how many 1 bits are in the binary form of a positive integer.

struct CountBitsTask: ReasoningTask {
    let info = TaskInfo(
        id: "count_bits",
        title: "Count 1 bits",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Count the 1 bits in the binary representation of a positive integer.",
        knobs: [Knob("max_bits", "the number is below 2 to this power")],
        levels: [
            Level("easy", ["max_bits": 20]),
            Level("medium", ["max_bits": 31]),
            Level("hard", ["max_bits": 48]),
            Level("expert", ["max_bits": 62]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        // The bit length is drawn first (from the top quarter of the range), so shorter numbers
        // are as likely as longer ones while every length still has tens of thousands of values.
        let bits = rng.int((3 * level["max_bits"] / 4)...level["max_bits"])
        let n = rng.int((1 << (bits - 1))...((1 << bits) - 1))
        let ones = n.nonzeroBitCount
        let question = """
            How many 1 bits are there in the binary representation of \(n)? Give the count as your final \
            answer in the form <<<integer>>>, for example <<<5>>>.
            """
        return GeneratedItem(question: question, gold: String(ones), metadata: ["n": .int(n), "answer": .int(ones)])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        "print(bin(\(metadata["n"]?.intValue ?? 0)).count('1'))"
    }
}
