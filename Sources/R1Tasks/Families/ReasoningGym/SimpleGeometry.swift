// simple_geometry: a convex polygon's interior angles but one are given; find
// the missing one. The angles sum to (n − 2) · 180°.

import Foundation

struct SimpleGeometryTask: ReasoningTask {
    let info = TaskInfo(
        id: "simple_geometry",
        title: "Missing polygon angle",
        source: .reasoningGym,
        category: "geometry",
        description: "Find the missing interior angle of a convex polygon from the others.",
        knobs: [
            Knob("min_sides", "fewest sides"),
            Knob("max_sides", "most sides"),
        ],
        levels: [
            Level("easy", ["min_sides": 4, "max_sides": 5]),
            Level("medium", ["min_sides": 5, "max_sides": 8]),
            Level("hard", ["min_sides": 8, "max_sides": 14]),
            Level("expert", ["min_sides": 14, "max_sides": 24]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = rng.int(level["min_sides"]...level["max_sides"])
        let sum = (n - 2) * 180
        let average = sum / n
        let spread = min(average - 20, 179 - average, 45)
        while true {
            var angles = (0..<(n - 1)).map { _ in rng.int((average - spread)...(average + spread)) }
            let missing = sum - angles.reduce(0, +)
            guard (20...179).contains(missing) else { continue }
            rng.shuffle(&angles)
            let list = angles.map { "\($0)°" }.joined(separator: ", ")
            let question = """
                A convex polygon has \(n) sides. \(n - 1) of its interior angles are \(list). What is the \
                remaining interior angle, in degrees? Give the number as your final answer in the form \
                <<<degrees>>>, for example <<<95>>>.
                """
            return GeneratedItem(question: question, gold: String(missing),
                                 metadata: ["sides": .int(n), "angles": JSONValue(angles), "answer": .int(missing)])
        }
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata,
                         suffixes: ["^{\\circ}", "^\\circ", "\\circ", "degrees", "degree", "deg", "°"])
    }

    func oracle(metadata: JSONValue) -> String {
        """
        n = \(metadata["sides"]?.intValue ?? 3)
        angles = \(RG.py(metadata["angles"] ?? []))
        print((n - 2) * 180 - sum(angles))
        """
    }
}
