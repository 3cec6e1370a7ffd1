// Pattern Recognition (SymBench): in a grid of letters, find the largest square
// block filled with one letter (at least 3×3) and report its bottom-right
// corner and side. The generator plants the square and redraws the background
// until that square is the only one of its size, so the answer is unique.

public struct PatternRecognitionTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "pattern_recognition",
        title: "Pattern Recognition",
        source: .symbench,
        category: "spatial",
        description: "Find the largest square of one repeated letter in a letter grid: its bottom-right corner and side.",
        knobs: [
            Knob("size", "grid side"),
            Knob("max_square", "largest side of the planted square (the smallest is 3)"),
            Knob("alphabet", "how many letters fill the grid; fewer letters give more decoy blocks"),
        ],
        levels: [
            Level("easy", ["size": 8, "max_square": 4, "alphabet": 8]),
            Level("medium", ["size": 10, "max_square": 4, "alphabet": 5]),
            Level("hard", ["size": 14, "max_square": 5, "alphabet": 4]),
            Level("expert", ["size": 20, "max_square": 5, "alphabet": 3]),
        ],
        defaultLevel: 1
    )

    /// Side of the largest one-letter square ending at each cell (bottom-right corner).
    static func squareSides(_ g: [[Character]]) -> [[Int]] {
        let n = g.count, m = g[0].count
        var d = Array(repeating: Array(repeating: 1, count: m), count: n)
        for i in 1..<n {
            for j in 1..<m where g[i][j] == g[i - 1][j] && g[i][j] == g[i][j - 1] && g[i][j] == g[i - 1][j - 1] {
                d[i][j] = 1 + min(d[i - 1][j], d[i][j - 1], d[i - 1][j - 1])
            }
        }
        return d
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        while true {
            let alphabet = rng.sample(letters, count: level["alphabet"])
            let side = rng.int(3...level["max_square"])
            let top = rng.int(0...(n - side)), left = rng.int(0...(n - side))
            let fill = rng.pick(alphabet)
            var grid = (0..<n).map { _ in (0..<n).map { _ in rng.pick(alphabet) } }
            for i in top..<(top + side) { for j in left..<(left + side) { grid[i][j] = fill } }
            let d = Self.squareSides(grid)
            let best = d.flatMap { $0 }.max()!
            let corners = (0..<(n * n)).filter { d[$0 / n][$0 % n] == best }
            guard corners.count == 1 else { continue }
            let (row, col) = (corners[0] / n, corners[0] % n)
            let shown = grid.map { String($0) }.map { $0.map(String.init).joined(separator: " ") }.joined(separator: "\n")
            let question = """
                In the letter grid below, find the largest square block (at least 3x3) whose cells all hold the \
                same letter. There is exactly one such largest square.
                \(shown)

                Rows and columns are numbered from 0, row 0 at the top and column 0 at the left. Give the row \
                and column of the square's bottom-right cell and its side length, in the form \
                <<<row, column, side>>>, for example <<<5, 7, 3>>>.
                """
            return GeneratedItem(question: question, gold: "\(row), \(col), \(best)", metadata: [
                "grid": JSONValue(grid.map { String($0) }), "row": .int(row), "col": .int(col), "side": .int(best),
            ])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let row = metadata["row"]?.intValue, let col = metadata["col"]?.intValue,
              let side = metadata["side"]?.intValue else { return .wrong("item metadata is incomplete") }
        guard let numbers = SymParse.integers(answer), numbers.count == 3 else {
            return .wrong("expected three integers: row, column, side")
        }
        guard numbers[0] == row, numbers[1] == col else { return .wrong("the corner (\(numbers[0]), \(numbers[1])) is wrong") }
        guard numbers[2] == side else { return .wrong("the side \(numbers[2]) is wrong") }
        return .correct("corner and side are right")
    }

    public func oracle(metadata: JSONValue) -> String {
        let grid = metadata["grid"]?.stringArray ?? []
        return """
            grid = \(SymFormat.pyStrings(grid))
            n, m = len(grid), len(grid[0])
            side = [[1] * m for _ in range(n)]
            best = (0, 0, 0)
            for i in range(n):
                for j in range(m):
                    if i and j and grid[i][j] == grid[i-1][j] == grid[i][j-1] == grid[i-1][j-1]:
                        side[i][j] = 1 + min(side[i-1][j], side[i][j-1], side[i-1][j-1])
                    if side[i][j] > best[2]:
                        best = (i, j, side[i][j])
            print(f"{best[0]}, {best[1]}, {best[2]}")
            """
    }
}
