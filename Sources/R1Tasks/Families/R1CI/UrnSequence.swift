// urn_sequence (R1CI): the probability that balls drawn one after another
// without replacement come out in an exact colour order, as a fraction in
// lowest terms (a product of shrinking ratios, exact).

struct UrnSequenceTask: ReasoningTask {
    let info = TaskInfo(
        id: "urn_sequence",
        title: "Urn colour sequence",
        source: .r1ci,
        category: "probability",
        description: "Probability that draws without replacement give an exact sequence of colours.",
        knobs: [
            Knob("colours", "how many colours are in the urn"),
            Knob("max_each", "most balls of one colour"),
            Knob("draws", "how many balls are drawn"),
        ],
        levels: [
            Level("easy", ["colours": 4, "max_each": 20, "draws": 3]),
            Level("medium", ["colours": 4, "max_each": 25, "draws": 4]),
            Level("hard", ["colours": 4, "max_each": 20, "draws": 4]),
            Level("expert", ["colours": 5, "max_each": 25, "draws": 6]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let colours = UrnDrawsTask.colours
        var counts = (0..<level["colours"]).map { _ in rng.int(1...level["max_each"]) }
        let draws = level["draws"]
        // The sequence only uses balls that are there, so its probability is above zero.
        while counts.reduce(0, +) < draws { counts[0] += 1 }
        var left = counts, sequence: [Int] = []
        for _ in 0..<draws {
            let c = rng.pick(left.indices.filter { left[$0] > 0 })
            sequence.append(c)
            left[c] -= 1
        }
        var p = Rational(integer: 1), remaining = counts, total = counts.reduce(0, +)
        for c in sequence {
            p = p.multiplied(by: Rational(remaining[c], total)!)!
            remaining[c] -= 1
            total -= 1
        }
        let contents = zip(counts, colours).map { "\($0) \($1)" }
        let order = sequence.map { colours[$0] }.joined(separator: ", then ")
        let question = """
            An urn holds \(BBH.list(contents)) balls. You draw \(draws) balls one at a time, at random, without putting \
            any back. What is the probability that the colours come out in exactly this order: \(order)? Give the \
            exact probability as a fraction in lowest terms as your final answer, in the form \
            <<<numerator/denominator>>>, for example <<<7/190>>>.
            """
        return GeneratedItem(question: question, gold: p.description, metadata: [
            "counts": JSONValue(counts), "sequence": JSONValue(sequence),
            "numerator": .int(p.numerator), "denominator": .int(p.denominator),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyReducedFraction(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        counts = \(RG.py(metadata["counts"] ?? []))
        sequence = \(RG.py(metadata["sequence"] ?? []))  # colour indices in drawing order
        p = Fraction(1)
        for c in sequence:
            p *= Fraction(counts[c], sum(counts))
            counts[c] -= 1
        print(f"{p.numerator}/{p.denominator}")
        """
    }
}
