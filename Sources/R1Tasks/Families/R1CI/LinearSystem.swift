// linear_system (R1CI): solve n linear equations in n unknowns with integer
// coefficients. Easier levels build the right-hand side from a chosen integer
// solution; harder ones draw it freely, so the unique solution has fractions.
// The answer is checked exactly against the solution found by elimination.

struct LinearSystemTask: ReasoningTask {
    let info = TaskInfo(
        id: "linear_system",
        title: "System of linear equations",
        source: .r1ci,
        category: "algebra",
        description: "Solve a square system of linear equations exactly.",
        knobs: [
            Knob("unknowns", "how many unknowns and equations"),
            Knob("max_coefficient", "largest absolute coefficient"),
            Knob("fractional", "1: the solution may have fractions"),
        ],
        levels: [
            Level("easy", ["unknowns": 2, "max_coefficient": 6, "fractional": 0]),
            Level("medium", ["unknowns": 3, "max_coefficient": 6, "fractional": 0]),
            Level("hard", ["unknowns": 3, "max_coefficient": 9, "fractional": 1]),
            Level("expert", ["unknowns": 4, "max_coefficient": 12, "fractional": 1]),
        ],
        defaultLevel: 1
    )

    static let names = ["x", "y", "z", "w"]

    /// The unique solution of a·x = b by Gauss–Jordan elimination; nil when singular or on overflow.
    static func solve(_ a: [[Int]], _ b: [Int]) -> [Rational]? {
        let n = a.count
        var m = (0..<n).map { i in a[i].map { Rational(integer: $0) } + [Rational(integer: b[i])] }
        for col in 0..<n {
            guard let pivot = (col..<n).first(where: { m[$0][col].numerator != 0 }) else { return nil }
            m.swapAt(col, pivot)
            for row in 0..<n where row != col && m[row][col].numerator != 0 {
                guard let f = m[row][col].divided(by: m[col][col]) else { return nil }
                for k in col...n {
                    guard let p = f.multiplied(by: m[col][k]), let s = m[row][k].subtracting(p) else { return nil }
                    m[row][k] = s
                }
            }
        }
        var solution: [Rational] = []
        for i in 0..<n {
            guard let v = m[i][n].divided(by: m[i][i]) else { return nil }
            solution.append(v)
        }
        return solution
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["unknowns"], c = level["max_coefficient"]
        var a: [[Int]] = [], b: [Int] = [], solution: [Rational]?
        while solution == nil {
            a = (0..<n).map { _ in (0..<n).map { _ in rng.int(-c...c) } }
            if level["fractional"] == 1 {
                b = (0..<n).map { _ in rng.int(-3 * c...3 * c) }
            } else {
                let x = (0..<n).map { _ in rng.int(-9...9) }
                b = a.map { row in zip(row, x).map { $0 * $1 }.reduce(0, +) }
            }
            solution = LinearSystemTask.solve(a, b)
            if let s = solution, s.contains(where: { $0.denominator > 200 }) { solution = nil }
        }
        let names = Array(LinearSystemTask.names.prefix(n))
        let equations = zip(a, b).map { row, rhs in
            var text = ""
            for (k, name) in zip(row, names) where k != 0 {
                let body = abs(k) == 1 ? name : "\(abs(k))\(name)"
                text += text.isEmpty ? (k < 0 ? "-" : "") + body : (k < 0 ? " - " : " + ") + body
            }
            return (text.isEmpty ? "0" : text) + " = \(rhs)"
        }
        let gold = zip(names, solution!).map { "\($0) = \($1)" }.joined(separator: ", ")
        let question = """
            Solve this system of equations:
            \(equations.joined(separator: "\n"))
            Give the unique solution, with fractions in lowest terms where needed, as your final answer in the \
            form <<<\(names.map { "\($0) = ..." }.joined(separator: ", "))>>>, for example \
            <<<\(zip(names, ["3", "-1/2", "4", "0"]).map { "\($0) = \($1)" }.joined(separator: ", "))>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "matrix": JSONValue(a), "rhs": JSONValue(b), "names": JSONValue(names),
            "solution": .array(solution!.map { JSONValue([$0.numerator, $0.denominator]) }),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let names = metadata["names"]?.stringArray, let pairs = metadata["solution"]?.arrayValue else {
            return .wrong("item metadata is missing the solution")
        }
        let solution = pairs.compactMap { $0.intArray.flatMap { Rational($0[0], $0[1]) } }
        var given: [String: Rational] = [:]
        for piece in answer.replacing(";", with: ",").split(separator: ",") {
            let sides = piece.split(separator: "=", omittingEmptySubsequences: false)
            guard sides.count == 2 else { return .wrong("expected assignments like x = 3") }
            let name = sides[0].trimmed().lowercased()
            guard names.contains(name), given[name] == nil else { return .wrong("'\(sides[0].trimmed())' is not an unknown, or is given twice") }
            guard let value = DecimalText.rational(String(sides[1])) else { return .wrong("the value of \(name) is not a number") }
            given[name] = value
        }
        guard given.count == names.count else { return .wrong("every unknown needs a value") }
        let wrong = zip(names, solution).filter { given[$0] != $1 }.map(\.0)
        return wrong.isEmpty ? .correct() : .wrong("wrong value for \(wrong.joined(separator: ", "))")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        a = [[Fraction(k) for k in row] for row in \(RG.py(metadata["matrix"] ?? []))]
        b = [Fraction(k) for k in \(RG.py(metadata["rhs"] ?? []))]
        names = \(RG.py(metadata["names"] ?? []))
        n = len(b)
        m = [a[i] + [b[i]] for i in range(n)]
        for col in range(n):  # Gauss-Jordan elimination
            pivot = next(r for r in range(col, n) if m[r][col] != 0)
            m[col], m[pivot] = m[pivot], m[col]
            for r in range(n):
                if r != col and m[r][col] != 0:
                    f = m[r][col] / m[col][col]
                    m[r] = [x - f * y for x, y in zip(m[r], m[col])]
        print(", ".join(f"{names[i]} = {m[i][n] / m[i][i]}" for i in range(n)))
        """
    }
}
