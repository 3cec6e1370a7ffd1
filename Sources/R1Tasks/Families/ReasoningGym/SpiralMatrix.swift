// spiral_matrix (Reasoning Gym, algorithmic): read a square matrix in clockwise
// spiral order from the top-left corner. Exact answer: the whole sequence.

public struct SpiralMatrixTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "spiral_matrix", title: "Spiral matrix", source: .reasoningGym, category: "algorithmic",
        description: "List the entries of an n×n matrix in clockwise spiral order, starting at the top-left.",
        knobs: [Knob("size", "rows and columns of the matrix")],
        levels: [Level("small", ["size": 3]), Level("medium", ["size": 5]),
                 Level("large", ["size": 8]), Level("huge", ["size": 11])],
        defaultLevel: 1)

    static func spiral(_ m: [[Int]]) -> [Int] {
        guard let cols = m.first?.count else { return [] }
        var (top, bottom, left, right) = (0, m.count - 1, 0, cols - 1)
        var out: [Int] = []
        while top <= bottom && left <= right {
            for c in left...right { out.append(m[top][c]) }
            top += 1
            if top <= bottom { for r in top...bottom { out.append(m[r][right]) } }
            right -= 1
            if top <= bottom && left <= right { for c in stride(from: right, through: left, by: -1) { out.append(m[bottom][c]) } }
            bottom -= 1
            if left <= right && top <= bottom { for r in stride(from: bottom, through: top, by: -1) { out.append(m[r][left]) } }
            left += 1
        }
        return out
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        let m = RGGrids.randomGrid(rows: n, cols: n, values: 0...9, rng: &rng)
        let order = SpiralMatrixTask.spiral(m)
        let question = """
            Read the following \(n)×\(n) matrix in spiral order: start at the top-left entry, go right \
            along the top row, then down the right column, then left along the bottom row, then up the \
            left column, and keep circling inwards clockwise until every entry has been read once.

            \(RGGrids.render(m))

            Give all \(n * n) entries in spiral order, separated by spaces, as your final answer inside \
            <<< and >>>, for example <<<1 2 3 …>>>.
            """
        return GeneratedItem(question: question, gold: order.joinedDecimal(separator: " "),
                             metadata: ["matrix": JSONValue(m)])
    }

    /// Exact sequence; spaces, commas or a JSON list are all read the same way.
    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let m = RGGrids.intGrid(metadata["matrix"]), !m.isEmpty else { return .wrong("item metadata has no matrix") }
        let expected = SpiralMatrixTask.spiral(m)
        guard RGGrids.isNumericList(answer) else { return .wrong("the answer must be a list of numbers") }
        let got = RGGrids.integers(answer)
        guard got.count == expected.count else { return .wrong("expected \(expected.count) numbers, got \(got.count)") }
        return got == expected ? .correct("the spiral order") : .wrong("the order is not the spiral order")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        m = \(RGGrids.py(metadata["matrix"] ?? .null))
        out = []
        while m:
            out += m.pop(0)
            m = [list(r) for r in zip(*m)][::-1]
        print(" ".join(map(str, out)))
        """
    }
}
