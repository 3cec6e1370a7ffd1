// fraction_simplification: reduce a fraction to lowest terms. The shown
// fraction is a reduced one with numerator and denominator multiplied by a
// common factor; the answer must be exactly the reduced fraction.

import Foundation

struct FractionSimplificationTask: ReasoningTask {
    let info = TaskInfo(
        id: "fraction_simplification",
        title: "Fraction simplification",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Reduce a fraction to lowest terms.",
        knobs: [
            Knob("max_value", "largest numerator or denominator of the reduced fraction"),
            Knob("max_factor", "largest common factor multiplied in"),
        ],
        levels: [
            Level("easy", ["max_value": 100, "max_factor": 20]),
            Level("medium", ["max_value": 1_000, "max_factor": 100]),
            Level("hard", ["max_value": 10_000, "max_factor": 1_000]),
            Level("expert", ["max_value": 100_000, "max_factor": 10_000]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let maxValue = level["max_value"], maxFactor = level["max_factor"]
        while true {
            let num = rng.int(1...maxValue), den = rng.int(2...maxValue)
            guard num != den, RG.gcd(num, den) == 1 else { continue }
            let factor = rng.int(2...maxFactor)
            let question = """
                Simplify the fraction \(num * factor)/\(den * factor) to lowest terms. Give it as your final \
                answer in the form <<<numerator/denominator>>>, for example <<<3/7>>>.
                """
            return GeneratedItem(question: question, gold: "\(num)/\(den)", metadata: [
                "shown_numerator": .int(num * factor), "shown_denominator": .int(den * factor),
                "numerator": .int(num), "denominator": .int(den),
            ])
        }
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyReducedFraction(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        f = Fraction(\(metadata["shown_numerator"]?.intValue ?? 1), \(metadata["shown_denominator"]?.intValue ?? 1))
        print(f"{f.numerator}/{f.denominator}")
        """
    }
}
