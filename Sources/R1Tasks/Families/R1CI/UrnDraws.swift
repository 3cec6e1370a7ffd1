// urn_draws (R1CI): draw balls from an urn without replacement; the
// probability that exactly (or at least) j of them have a given colour, as a
// fraction in lowest terms (hypergeometric counting, exact).

struct UrnDrawsTask: ReasoningTask {
    let info = TaskInfo(
        id: "urn_draws",
        title: "Urn draws",
        source: .r1ci,
        category: "probability",
        description: "Probability of a number of balls of one colour when drawing without replacement.",
        knobs: [
            Knob("colours", "how many colours are in the urn"),
            Knob("max_each", "most balls of one colour"),
            Knob("max_draws", "most balls drawn"),
        ],
        levels: [
            Level("easy", ["colours": 3, "max_each": 20, "max_draws": 4]),
            Level("medium", ["colours": 3, "max_each": 25, "max_draws": 5]),
            Level("hard", ["colours": 4, "max_each": 20, "max_draws": 6]),
            Level("expert", ["colours": 5, "max_each": 25, "max_draws": 8]),
        ],
        defaultLevel: 1
    )

    static let colours = ["red", "blue", "green", "yellow", "white"]

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let counts = (0..<level["colours"]).map { _ in rng.int(2...level["max_each"]) }
        let total = counts.reduce(0, +)
        let draws = rng.int(2...level["max_draws"])
        let colour = rng.int(0..<counts.count)
        let atLeast = rng.chance(0.4)
        let j = rng.int((atLeast ? 1 : 0)...min(draws, counts[colour]))
        // Favourable draws choose i of this colour and the rest from the others (≤ C(125, 8) < 2^63).
        let others = total - counts[colour]
        let wanted = atLeast ? Array(j...min(draws, counts[colour])) : [j]
        let favourable = wanted.map { CoinFlipTask.binomial(counts[colour], $0) * CoinFlipTask.binomial(others, draws - $0) }.reduce(0, +)
        let all = CoinFlipTask.binomial(total, draws)
        let g = RG.gcd(favourable, all)
        let (num, den) = (favourable / g, all / g)
        let contents = zip(counts, Self.colours).map { "\($0) \($1)" }
        let question = """
            An urn holds \(BBH.list(contents)) balls. You draw \(draws) balls at random without putting any back. \
            What is the probability that \(atLeast ? "at least" : "exactly") \(j) of the balls drawn \
            \(j == 1 && !atLeast ? "is" : "are") \(Self.colours[colour])? Give the exact probability as a fraction in \
            lowest terms as your final answer, in the form <<<numerator/denominator>>>, for example <<<28/165>>>.
            """
        return GeneratedItem(question: question, gold: "\(num)/\(den)", metadata: [
            "counts": JSONValue(counts), "draws": .int(draws), "colour": .int(colour), "at_least": .bool(atLeast),
            "wanted": .int(j), "numerator": .int(num), "denominator": .int(den),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyReducedFraction(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        from itertools import combinations
        from math import comb
        counts = \(RG.py(metadata["counts"] ?? []))
        draws, colour, j = \(metadata["draws"]?.intValue ?? 0), \(metadata["colour"]?.intValue ?? 0), \(metadata["wanted"]?.intValue ?? 0)
        at_least = \(metadata["at_least"]?.boolValue == true ? "True" : "False")
        mine, rest = counts[colour], sum(counts) - counts[colour]
        ok = range(j, draws + 1) if at_least else [j]
        p = Fraction(sum(comb(mine, i) * comb(rest, draws - i) for i in ok), comb(sum(counts), draws))
        print(f"{p.numerator}/{p.denominator}")
        """
    }
}
