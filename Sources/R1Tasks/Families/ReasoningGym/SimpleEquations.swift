// simple_equations: one linear equation in one unknown with an integer
// solution. Terms with the unknown may appear on both sides; the net
// coefficient is never zero, so the solution is unique.

import Foundation

struct SimpleEquationsTask: ReasoningTask {
    let info = TaskInfo(
        id: "simple_equations",
        title: "Simple equations",
        source: .reasoningGym,
        category: "algebra",
        description: "Solve a linear equation in one unknown; the solution is an integer.",
        knobs: [
            Knob("terms", "terms on the two sides together (at least one holds the unknown)"),
            Knob("max_coefficient", "largest absolute coefficient or constant"),
            Knob("max_solution", "largest absolute value of the solution"),
        ],
        levels: [
            Level("easy", ["terms": 3, "max_coefficient": 20, "max_solution": 100]),
            Level("medium", ["terms": 4, "max_coefficient": 50, "max_solution": 200]),
            Level("hard", ["terms": 5, "max_coefficient": 200, "max_solution": 1_000]),
            Level("expert", ["terms": 6, "max_coefficient": 1_000, "max_solution": 10_000]),
        ],
        defaultLevel: 1
    )

    static let variables = ["x", "y", "z", "a", "b", "c", "k", "m", "n", "p", "q", "r", "t", "u", "v", "w"]

    /// Writes terms (coefficient, hasVariable) as "3*x - 7 + x".
    static func side(_ terms: [[Int]], variable: String) -> String {
        var out = ""
        for (i, t) in terms.enumerated() {
            let (c, v) = (t[0], t[1] == 1)
            let magnitude = abs(c)
            let body = v ? (magnitude == 1 ? variable : "\(magnitude)*\(variable)") : String(magnitude)
            if i == 0 { out = (c < 0 ? "-" : "") + body } else { out += (c < 0 ? " - " : " + ") + body }
        }
        return out
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let terms = level["terms"], maxC = level["max_coefficient"], maxX = level["max_solution"]
        while true {
            let x = rng.int(-maxX...maxX)
            let variable = rng.pick(SimpleEquationsTask.variables)
            func nonzero() -> Int { var c = 0; while c == 0 { c = rng.int(-maxC...maxC) }; return c }
            // The last term is the right-hand side's constant, fixed to balance the equation.
            let leftCount = terms <= 3 ? terms - 1 : rng.int(2...(terms - 1))
            var left: [[Int]] = [[nonzero(), 1]]
            for _ in 1..<leftCount { left.append([nonzero(), rng.chance(0.5) ? 1 : 0]) }
            rng.shuffle(&left)
            var right: [[Int]] = []
            for _ in 0..<(terms - leftCount - 1) { right.append([nonzero(), rng.chance(0.6) ? 1 : 0]) }
            let value = { (ts: [[Int]]) in ts.reduce(0) { $0 + $1[0] * ($1[1] == 1 ? x : 1) } }
            let net = left.reduce(0) { $0 + ($1[1] == 1 ? $1[0] : 0) } - right.reduce(0) { $0 + ($1[1] == 1 ? $1[0] : 0) }
            guard net != 0 else { continue }
            let constant = value(left) - value(right)
            guard constant != 0 || right.isEmpty else { continue }
            right.append([constant, 0])
            if right.count > 1 { rng.shuffle(&right) }
            let equation = SimpleEquationsTask.side(left, variable: variable) + " = "
                + SimpleEquationsTask.side(right, variable: variable)
            let question = """
                Solve for \(variable): \(equation). The solution is an integer; give it as your final answer \
                in the form <<<integer>>>, for example <<<-7>>>.
                """
            return GeneratedItem(question: question, gold: String(x), metadata: [
                "variable": .string(variable), "left": .array(left.map { JSONValue($0) }),
                "right": .array(right.map { JSONValue($0) }), "answer": .int(x),
            ])
        }
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        let variable = metadata["variable"]?.stringValue ?? "x"
        return RG.verifyInteger(answer: answer, metadata: metadata, names: [variable])
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        left = \(RG.py(metadata["left"] ?? []))
        right = \(RG.py(metadata["right"] ?? []))
        # Each term is [coefficient, 1 if it holds the unknown else 0]: collect a*x = b.
        a = sum(c for c, v in left if v) - sum(c for c, v in right if v)
        b = sum(c for c, v in right if not v) - sum(c for c, v in left if not v)
        print(Fraction(b, a))
        """
    }
}
