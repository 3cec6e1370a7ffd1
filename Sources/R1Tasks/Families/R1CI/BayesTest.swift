// bayes_test (R1CI): a screening test with a known prevalence, sensitivity and
// false-positive rate; the probability that a person has the condition given
// one (or two independent) positive results, as a fraction in lowest terms.

struct BayesTestTask: ReasoningTask {
    let info = TaskInfo(
        id: "bayes_test",
        title: "Bayes: positive test",
        source: .r1ci,
        category: "probability",
        description: "Probability of a condition after positive test results (Bayes' rule), exactly.",
        knobs: [
            Knob("tests", "how many independent positive results"),
            Knob("resolution", "rates are whole multiples of 1/this (1000: tenths of a percent, 10000: hundredths)"),
        ],
        levels: [
            Level("easy", ["tests": 1, "resolution": 1000]),
            Level("medium", ["tests": 1, "resolution": 10000]),
            Level("hard", ["tests": 2, "resolution": 1000]),
            Level("expert", ["tests": 2, "resolution": 10000]),
        ],
        defaultLevel: 1
    )

    /// A rate of k/resolution as a percentage: "7.5%" or "0.25%".
    static func percent(_ k: Int, _ resolution: Int) -> String {
        DecimalText.shifted(String(k), places: resolution == 1000 ? 1 : 2, negative: false) + "%"
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let r = level["resolution"], tests = level["tests"]
        let prevalence = rng.int(1...(r / 5)), sensitivity = rng.int((r * 6 / 10)...(r - 1)), falsePositive = rng.int(1...(r / 5))
        // P(condition | positives) = π s^t / (π s^t + (1 − π) f^t), all over r^(t+1).
        var sick = prevalence, healthy = r - prevalence
        for _ in 0..<tests { sick *= sensitivity; healthy *= falsePositive }
        let p = Rational(sick, sick + healthy)!
        let question = """
            \(Self.percent(prevalence, r)) of the people in a town have a condition. \
            A test is positive for \(Self.percent(sensitivity, r)) of the people who have it and for \
            \(Self.percent(falsePositive, r)) of the people who do not. \
            \(tests == 1 ? "A person chosen at random tests positive." : "A person chosen at random is tested twice, the two results independent given whether the person has the condition, and both tests are positive.") \
            What is the probability that this person has the condition? Give the exact probability as a fraction in \
            lowest terms as your final answer, in the form <<<numerator/denominator>>>, for example <<<19/118>>>.
            """
        return GeneratedItem(question: question, gold: p.description, metadata: [
            "resolution": .int(r), "prevalence": .int(prevalence), "sensitivity": .int(sensitivity),
            "false_positive": .int(falsePositive), "tests": .int(tests),
            "numerator": .int(p.numerator), "denominator": .int(p.denominator),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyReducedFraction(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        r = \(metadata["resolution"]?.intValue ?? 100)
        prior = Fraction(\(metadata["prevalence"]?.intValue ?? 0), r)
        s, f = Fraction(\(metadata["sensitivity"]?.intValue ?? 0), r), Fraction(\(metadata["false_positive"]?.intValue ?? 0), r)
        t = \(metadata["tests"]?.intValue ?? 1)
        p = prior * s**t / (prior * s**t + (1 - prior) * f**t)
        print(f"{p.numerator}/{p.denominator}")
        """
    }
}
