// dice: the probability that the total of several dice (each with its own
// number of faces) is at least a threshold, as an exact fraction in lowest
// terms. Thresholds are drawn so the probability is strictly between 0 and 1.

import Foundation

struct DiceTask: ReasoningTask {
    let info = TaskInfo(
        id: "dice",
        title: "Dice probability",
        source: .reasoningGym,
        category: "probability",
        description: "Probability that the total of several fair dice is at least a threshold, as a reduced fraction.",
        knobs: [
            Knob("dice", "how many dice"),
            Knob("min_faces", "fewest faces on a die"),
            Knob("max_faces", "most faces on a die"),
        ],
        levels: [
            Level("easy", ["dice": 4, "min_faces": 4, "max_faces": 20]),
            Level("medium", ["dice": 5, "min_faces": 6, "max_faces": 20]),
            Level("hard", ["dice": 7, "min_faces": 8, "max_faces": 30]),
            Level("expert", ["dice": 10, "min_faces": 20, "max_faces": 35]),
        ],
        defaultLevel: 1
    )

    /// ways[t] = number of outcomes with total t (index 0 = total 0). Max 35^10 < 2^63.
    static func distribution(_ faces: [Int]) -> [Int] {
        var ways = [1]
        for f in faces {
            var next = [Int](repeating: 0, count: ways.count + f)
            for (t, w) in ways.enumerated() where w > 0 {
                for v in 1...f { next[t + v] += w }
            }
            ways = next
        }
        return ways
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let faces = (0..<level["dice"]).map { _ in rng.int(level["min_faces"]...level["max_faces"]) }.sorted()
        let ways = DiceTask.distribution(faces)
        let low = faces.count, high = faces.reduce(0, +)
        // The mean of two uniform draws: thresholds near the middle, where the answer is not a 1/N tail.
        let threshold = (rng.int((low + 1)...high) + rng.int((low + 1)...high) + 1) / 2
        let favourable = ways[threshold...].reduce(0, +)
        let total = faces.reduce(1, *)
        let g = RG.gcd(favourable, total)
        let (num, den) = (favourable / g, total / g)
        let dice = faces.map { [8, 11, 18].contains($0) ? "an \($0)-sided die" : "a \($0)-sided die" }
        let question = """
            You roll \(BBH.list(dice)), all fair and independent (a die with n sides shows 1 to n). \
            What is the probability that the total is at least \(threshold)? Give the exact probability \
            as a fraction in lowest terms as your final answer, in the form <<<numerator/denominator>>>, \
            for example <<<7/36>>>.
            """
        return GeneratedItem(question: question, gold: "\(num)/\(den)", metadata: [
            "faces": JSONValue(faces), "threshold": .int(threshold),
            "numerator": .int(num), "denominator": .int(den),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyReducedFraction(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        faces = \(RG.py(metadata["faces"] ?? []))
        threshold = \(metadata["threshold"]?.intValue ?? 0)
        ways = {0: 1}
        for f in faces:
            nxt = {}
            for t, w in ways.items():
                for v in range(1, f + 1):
                    nxt[t + v] = nxt.get(t + v, 0) + w
            ways = nxt
        total = 1
        for f in faces:
            total *= f
        p = Fraction(sum(w for t, w in ways.items() if t >= threshold), total)
        print(f"{p.numerator}/{p.denominator}")
        """
    }
}
