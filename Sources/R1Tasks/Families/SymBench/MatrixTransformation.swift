// Matrix Transformation (SymBench): rotate, mirror or transpose a matrix of
// symbols, possibly several times in a row. One answer, compared exactly.

public struct MatrixTransformationTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "matrix_transformation",
        title: "Matrix Transformation",
        source: .symbench,
        category: "spatial",
        description: "Apply a sequence of rotations, mirrorings and transpositions to a matrix of symbols.",
        knobs: [
            Knob("min_side", "fewest rows or columns"),
            Knob("max_side", "most rows or columns"),
            Knob("steps", "how many transformations are applied in a row"),
            Knob("rotation_only", "1: the only transformation is a 90° clockwise rotation"),
        ],
        levels: [
            Level("easy", ["min_side": 2, "max_side": 4, "steps": 1, "rotation_only": 1]),
            Level("medium", ["min_side": 3, "max_side": 5, "steps": 1, "rotation_only": 0]),
            Level("hard", ["min_side": 3, "max_side": 6, "steps": 2, "rotation_only": 0]),
            Level("expert", ["min_side": 4, "max_side": 7, "steps": 3, "rotation_only": 0]),
        ],
        defaultLevel: 1
    )

    /// Transformation names as they appear in metadata and the oracle.
    static let operations: [(id: String, text: String)] = [
        ("rot90", "rotate 90 degrees clockwise"),
        ("rot180", "rotate 180 degrees"),
        ("rot270", "rotate 90 degrees counterclockwise"),
        ("transpose", "transpose (row i becomes column i)"),
        ("flip_lr", "mirror left to right (reverse the order of the columns)"),
        ("flip_ud", "mirror top to bottom (reverse the order of the rows)"),
    ]

    static let symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ123456789!@#$%&*+?").map(String.init)

    static func apply(_ op: String, _ m: [[String]]) -> [[String]] {
        let rows = m.count, cols = m[0].count
        switch op {
        case "rot90": return (0..<cols).map { j in (0..<rows).map { i in m[rows - 1 - i][j] } }
        case "rot180": return m.reversed().map { $0.reversed() }
        case "rot270": return (0..<cols).map { j in (0..<rows).map { i in m[i][cols - 1 - j] } }
        case "transpose": return (0..<cols).map { j in (0..<rows).map { i in m[i][j] } }
        case "flip_lr": return m.map { $0.reversed() }
        default: return m.reversed()
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let rows = rng.int(level["min_side"]...level["max_side"])
        let cols = rng.int(level["min_side"]...level["max_side"])
        let pool = rng.pick([Array(Self.symbols[0..<26]), Array(Self.symbols[26..<35]), Self.symbols])
        let matrix = (0..<rows).map { _ in (0..<cols).map { _ in rng.pick(pool) } }
        let ops = (0..<level["steps"]).map { _ in
            level["rotation_only"] == 1 ? "rot90" : Self.operations[rng.int(0..<Self.operations.count)].id
        }
        var result = matrix
        for op in ops { result = Self.apply(op, result) }
        let steps = ops.enumerated().map { i, op in
            "\(i + 1). " + Self.operations.first { $0.id == op }!.text
        }.joined(separator: "\n")
        let question = """
            Here is a matrix with \(rows) rows and \(cols) columns:
            \(SymFormat.grid(matrix))

            Apply the following transformation\(ops.count > 1 ? "s, in this order" : ""):
            \(steps)

            Give the resulting matrix row by row, top row first, as one comma-separated list of its entries, \
            in the form <<<A,B,C,D>>>.
            """
        return GeneratedItem(question: question, gold: result.flatMap { $0 }.joined(separator: ","), metadata: [
            "matrix": JSONValue(stringGrid: matrix), "operations": JSONValue(ops),
            "result": JSONValue(result.flatMap { $0 }),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let expected = metadata["result"]?.stringArray else { return .wrong("item metadata is missing the result") }
        guard let cells = SymParse.cells(answer, count: expected.count) else {
            return .wrong("expected \(expected.count) entries")
        }
        let wrong = zip(cells, expected).filter { $0.0.uppercased() != $0.1 }.count
        return wrong == 0 ? .correct("the matrix is right") : .wrong("\(wrong) entries are wrong")
    }

    public func oracle(metadata: JSONValue) -> String {
        let matrix = metadata["matrix"]?.stringGrid ?? []
        let ops = metadata["operations"]?.stringArray ?? []
        return """
            m = \(SymFormat.pyGrid(matrix))
            ops = \(SymFormat.pyStrings(ops))
            moves = {
                "rot90": lambda m: [list(r) for r in zip(*m[::-1])],
                "rot180": lambda m: [r[::-1] for r in m[::-1]],
                "rot270": lambda m: [list(r) for r in zip(*m)][::-1],
                "transpose": lambda m: [list(r) for r in zip(*m)],
                "flip_lr": lambda m: [r[::-1] for r in m],
                "flip_ud": lambda m: m[::-1],
            }
            for op in ops:
                m = moves[op](m)
            print(",".join(v for row in m for v in row))
            """
    }
}
