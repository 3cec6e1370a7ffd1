// gcd and lcm: the greatest common divisor or least common multiple of 2–5
// integers. GCD items are built from a chosen divisor times coprime cofactors,
// so the answers spread widely instead of being mostly 1.

import Foundation

struct GCDTask: ReasoningTask {
    let info = TaskInfo(
        id: "gcd",
        title: "Greatest common divisor",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Find the greatest common divisor of a few positive integers.",
        knobs: [
            Knob("count", "how many integers"),
            Knob("max_value", "largest integer"),
        ],
        levels: [
            Level("easy", ["count": 2, "max_value": 5_000]),
            Level("medium", ["count": 3, "max_value": 10_000]),
            Level("hard", ["count": 4, "max_value": 100_000]),
            Level("expert", ["count": 5, "max_value": 1_000_000]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let count = level["count"], maxValue = level["max_value"]
        while true {
            // The divisor leaves room for cofactors of at least 50 values each.
            let divisor = rng.int(1...min(1_000, maxValue / 50))
            let top = maxValue / divisor
            guard top >= 4 else { continue }
            let cofactors = (0..<count).map { _ in rng.int(2...top) }
            guard cofactors.reduce(0, RG.gcd) == 1, Set(cofactors).count == count else { continue }
            let numbers = cofactors.map { $0 * divisor }
            let list = numbers.joinedDecimal(separator: ", ")
            let question = """
                Find the greatest common divisor (GCD) of \(list). Give it as your final answer in the \
                form <<<integer>>>, for example <<<12>>>.
                """
            return GeneratedItem(question: question, gold: String(divisor),
                                 metadata: ["numbers": JSONValue(numbers), "answer": .int(divisor)])
        }
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata, names: ["gcd", "GCD"])
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from functools import reduce
        from math import gcd
        numbers = \(RG.py(metadata["numbers"] ?? []))
        print(reduce(gcd, numbers))
        """
    }
}

struct LCMTask: ReasoningTask {
    let info = TaskInfo(
        id: "lcm",
        title: "Least common multiple",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Find the least common multiple of a few positive integers.",
        knobs: [
            Knob("count", "how many integers"),
            Knob("max_value", "largest integer"),
        ],
        levels: [
            Level("easy", ["count": 2, "max_value": 1_000]),
            Level("medium", ["count": 3, "max_value": 1_000]),
            Level("hard", ["count": 4, "max_value": 2_000]),
            Level("expert", ["count": 5, "max_value": 5_000]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let count = level["count"], maxValue = level["max_value"]
        while true {
            let numbers = (0..<count).map { _ in rng.int(2...maxValue) }
            guard Set(numbers).count == count else { continue }
            var lcm = 1, overflow = false
            for n in numbers {
                let (p, o) = (lcm / RG.gcd(lcm, n)).multipliedReportingOverflow(by: n)
                if o { overflow = true; break }
                lcm = p
            }
            guard !overflow else { continue }
            let list = numbers.joinedDecimal(separator: ", ")
            let question = """
                Find the least common multiple (LCM) of \(list). Give it as your final answer in the \
                form <<<integer>>>, for example <<<360>>>.
                """
            return GeneratedItem(question: question, gold: String(lcm),
                                 metadata: ["numbers": JSONValue(numbers), "answer": .int(lcm)])
        }
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata, names: ["lcm", "LCM"])
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from math import lcm
        numbers = \(RG.py(metadata["numbers"] ?? []))
        print(lcm(*numbers))
        """
    }
}
