// chain_sum: add and subtract a chain of integers.

import Foundation

struct ChainSumTask: ReasoningTask {
    let info = TaskInfo(
        id: "chain_sum",
        title: "Chain sum",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Add and subtract a chain of integers.",
        knobs: [
            Knob("terms", "how many numbers are in the chain"),
            Knob("digits", "most digits of a number (each has 1 to this many)"),
        ],
        levels: [
            Level("easy", ["terms": 3, "digits": 2]),
            Level("medium", ["terms": 5, "digits": 3]),
            Level("hard", ["terms": 8, "digits": 6]),
            Level("expert", ["terms": 12, "digits": 10]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let terms = level["terms"], digits = level["digits"]
        // Easy chains use exactly `digits` digits so the instance space stays large.
        let minDigits = digits <= 2 ? digits : 1
        var numbers: [Int] = [], signs: [Int] = [1]
        for i in 0..<terms {
            numbers.append(RG.number(digits: rng.int(minDigits...digits), rng: &rng))
            if i > 0 { signs.append(rng.chance(0.5) ? 1 : -1) }
        }
        var expr = String(numbers[0]), total = numbers[0]
        for i in 1..<terms {
            expr += signs[i] > 0 ? " + \(numbers[i])" : " - \(numbers[i])"
            total += signs[i] * numbers[i]
        }
        let question = """
            What is \(expr)? Give the result as your final answer in the form <<<integer>>>, \
            for example <<<-1234>>>.
            """
        return GeneratedItem(question: question, gold: String(total), metadata: [
            "numbers": JSONValue(numbers), "signs": JSONValue(signs), "answer": .int(total),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        numbers = \(RG.py(metadata["numbers"] ?? []))
        signs = \(RG.py(metadata["signs"] ?? []))
        print(sum(s * n for s, n in zip(signs, numbers)))
        """
    }
}
