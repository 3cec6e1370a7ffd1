// Standard Sudoku (SymBench): complete a 9×9 grid so that every row, column
// and 3×3 box holds the digits 1–9 once each.
//
// Generation is constructive: a valid full grid is made by relabelling and
// permuting a fixed pattern grid (every draw from the item's PRNG), then cells
// are blanked one at a time in random order, keeping a blank only when the
// puzzle still has exactly one solution (a solver counts up to two). If a
// pass cannot reach the level's number of blanks, a new grid is drawn (a
// bounded number of times): the level's promise is kept, never silently
// shrunk.
//
// Grid shape everywhere: 81 cells in row-major order (row r, column c at
// index 9·r + c); in metadata a 9×9 array of rows, 0 for a blank.

public struct SudokuTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "sudoku",
        title: "Sudoku",
        source: .symbench,
        category: "puzzle",
        description: "Complete a 9×9 Sudoku with a unique solution; any grid that keeps the givens "
            + "and obeys the row, column and box rules is accepted.",
        knobs: [Knob("blanks", "how many of the 81 cells are empty")],
        levels: [
            Level("easy", ["blanks": 30]),
            Level("medium", ["blanks": 40]),
            Level("hard", ["blanks": 48]),
            Level("expert", ["blanks": 54]),
        ],
        defaultLevel: 1
    )

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let blanks = min(level["blanks"], 64)
        // A greedy pass reaches ~55–60 blanks; 54 and fewer almost always succeed first time.
        let (puzzle, solution) = PuzzleCarving.uniquePuzzle(
            blanks: blanks, attempts: 50, task: "sudoku", rng: &rng, fullGrid: SudokuTask.randomFullGrid,
            solutionCount: { SudokuTask.countSolutions($0, limit: 2) })
        let question = """
            Solve this Sudoku. Fill every empty cell (shown as .) with a digit from 1 to 9 so that \
            each row, each column and each of the nine 3×3 boxes contains every digit from 1 to 9 \
            exactly once. The puzzle has exactly one solution.

            \(SudokuTask.render(puzzle))

            Give the completed grid as your final answer: nine lines of nine digits, the rows from \
            top to bottom, inside <<< and >>>, like this:
            <<<
            123456789
            ...
            >>>
            (with all nine rows written out).
            """
        return GeneratedItem(question: question, gold: SudokuTask.rows(solution),
                             metadata: ["puzzle": JSONValue(SudokuTask.grid(puzzle)),
                                        "solution": JSONValue(SudokuTask.grid(solution))])
    }

    /// Checks that the answer is a complete 9×9 grid of digits 1–9, agrees with
    /// every given of the puzzle, and has no repeated digit in any row, column or
    /// box. Accepts rows of digits (with or without separators), comma/space
    /// separated numbers and nested lists like [[5,3,4,…],…]: the answer is read
    /// as its 81 digits in order, or, failing that, as the nine lines that hold
    /// exactly nine digits each (so row labels like "Row 1:" do no harm).
    /// Does not look at the stored solution: any valid completion scores 1.
    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let rows = metadata["puzzle"]?.arrayValue, rows.count == 9 else {
            return .wrong("item metadata has no 9×9 puzzle")
        }
        var puzzle: [Int] = []
        for row in rows {
            guard let values = row.intArray, values.count == 9 else { return .wrong("item metadata has a bad row") }
            puzzle += values
        }
        guard let grid = SudokuTask.parseGrid(answer) else {
            return .wrong("the answer is not a 9×9 grid of digits")
        }
        if let zero = grid.firstIndex(where: { $0 < 1 || $0 > 9 }) {
            return .wrong("cell (row \(zero / 9 + 1), column \(zero % 9 + 1)) is not a digit 1–9")
        }
        for cell in 0..<81 where puzzle[cell] != 0 && puzzle[cell] != grid[cell] {
            return .wrong("cell (row \(cell / 9 + 1), column \(cell % 9 + 1)) must stay \(puzzle[cell])")
        }
        for unit in SudokuTask.units {
            if Set(unit.map { grid[$0] }).count != 9 {
                let first = unit[0]
                return .wrong("a digit repeats in the unit that starts at row \(first / 9 + 1), column \(first % 9 + 1)")
            }
        }
        return .correct("a valid completion of the puzzle")
    }

    public func oracle(metadata: JSONValue) -> String {
        let rows = metadata["puzzle"]?.arrayValue?.compactMap(\.intArray) ?? []
        let literal = rows.map { "    \($0)," }.joined(separator: "\n")
        return """
            puzzle = [
            \(literal)
            ]

            def candidates(g, r, c):
                used = set(g[r]) | {g[i][c] for i in range(9)}
                br, bc = 3 * (r // 3), 3 * (c // 3)
                used |= {g[i][j] for i in range(br, br + 3) for j in range(bc, bc + 3)}
                return [d for d in range(1, 10) if d not in used]

            def solve(g):
                # Fill the empty cell with the fewest candidates first.
                best = None
                for r in range(9):
                    for c in range(9):
                        if g[r][c] == 0:
                            options = candidates(g, r, c)
                            if best is None or len(options) < len(best[2]):
                                best = (r, c, options)
                if best is None:
                    return True
                r, c, options = best
                for d in options:
                    g[r][c] = d
                    if solve(g):
                        return True
                g[r][c] = 0
                return False

            solve(puzzle)
            print("\\n".join("".join(map(str, row)) for row in puzzle))
            """
    }

    // MARK: - Grids

    /// The 27 units (rows, columns, boxes) as lists of cell indices.
    static let units: [[Int]] = {
        var units: [[Int]] = []
        for r in 0..<9 { units.append((0..<9).map { r * 9 + $0 }) }
        for c in 0..<9 { units.append((0..<9).map { $0 * 9 + c }) }
        for b in 0..<9 {
            let r0 = (b / 3) * 3, c0 = (b % 3) * 3
            units.append((0..<9).map { (r0 + $0 / 3) * 9 + c0 + $0 % 3 })
        }
        return units
    }()

    /// A full valid grid: the pattern (3r + r/3 + c) mod 9, with digits relabelled,
    /// rows shuffled within bands and bands shuffled (the same for columns), and
    /// an optional transpose. All of these keep the Sudoku rules.
    static func randomFullGrid(_ rng: inout SplitMix64) -> [Int] {
        let digits = rng.shuffled(Array(1...9))
        func lineOrder() -> [Int] {
            rng.shuffled([0, 1, 2]).flatMap { band in rng.shuffled([0, 1, 2]).map { band * 3 + $0 } }
        }
        let rowOrder = lineOrder(), colOrder = lineOrder()
        let transpose = rng.chance(0.5)
        var grid = [Int](repeating: 0, count: 81)
        for r in 0..<9 {
            for c in 0..<9 {
                let (pr, pc) = (rowOrder[r], colOrder[c])
                let value = digits[(pr * 3 + pr / 3 + pc) % 9]
                grid[transpose ? c * 9 + r : r * 9 + c] = value
            }
        }
        return grid
    }

    /// Number of solutions of `cells` (0 = blank), counting no further than `limit`.
    /// Depth-first search that fills the blank with the fewest candidates first.
    /// Works on raw buffers: generation calls this once per blanked cell.
    public static func countSolutions(_ cells: [Int], limit: Int) -> Int {
        guard cells.count == 81 else { return 0 }
        let grid = UnsafeMutablePointer<Int8>.allocate(capacity: 81)
        let masks = UnsafeMutablePointer<UInt16>.allocate(capacity: 27)  // rows 0–8, columns 9–17, boxes 18–26
        defer { grid.deallocate(); masks.deallocate() }
        masks.initialize(repeating: 0, count: 27)
        for i in 0..<81 {
            let v = cells[i]
            guard (0...9).contains(v) else { return 0 }
            grid[i] = Int8(v)
            guard v != 0 else { continue }
            let bit = UInt16(1) << v, r = i / 9, c = i % 9, b = (r / 3) * 3 + c / 3
            if (masks[r] | masks[9 + c] | masks[18 + b]) & bit != 0 { return 0 }
            masks[r] |= bit; masks[9 + c] |= bit; masks[18 + b] |= bit
        }
        var count = 0
        func search() {
            var best = -1, bestMask: UInt16 = 0, bestCount = 10
            for i in 0..<81 where grid[i] == 0 {
                let r = i / 9, c = i % 9
                let free = ~(masks[r] | masks[9 + c] | masks[18 + (r / 3) * 3 + c / 3]) & 0x3FE
                let n = free.nonzeroBitCount
                if n < bestCount {
                    best = i; bestMask = free; bestCount = n
                    if n <= 1 { break }
                }
            }
            if best < 0 { count += 1; return }
            if bestCount == 0 { return }
            let r = best / 9, c = best % 9, b = (r / 3) * 3 + c / 3
            var free = bestMask
            while free != 0 && count < limit {
                let bit = free & (~free &+ 1)
                free &= free &- 1
                grid[best] = Int8(bit.trailingZeroBitCount)
                masks[r] |= bit; masks[9 + c] |= bit; masks[18 + b] |= bit
                search()
                masks[r] &= ~bit; masks[9 + c] &= ~bit; masks[18 + b] &= ~bit
            }
            grid[best] = 0
        }
        search()
        return count
    }

    /// Reads a grid from an answer; nil when no reading gives 81 cells.
    static func parseGrid(_ text: String) -> [Int]? {
        func digits<S: StringProtocol>(_ s: S) -> [Int] {
            s.unicodeScalars.compactMap { ("0"..."9").contains($0) ? Int($0.value) - 48 : nil }
        }
        let all = digits(text)
        if all.count == 81 { return all }
        // Otherwise: the lines holding nine digits, when there are nine of them. A line
        // that starts with a word label ("Row 1: 5 3 4 …") holds ten; its first is the label.
        var rows: [Int] = []
        var lineCount = 0
        for line in text.split(whereSeparator: \.isNewline) {
            var lineDigits = digits(line)
            if lineDigits.count == 10, line.drop(while: \.isWhitespace).first?.isLetter == true {
                lineDigits.removeFirst()
            }
            if lineDigits.count == 9 { rows += lineDigits; lineCount += 1 }
        }
        return lineCount == 9 ? rows : nil
    }

    static func grid(_ cells: [Int]) -> [[Int]] {
        (0..<9).map { Array(cells[$0 * 9..<$0 * 9 + 9]) }
    }

    static func rows(_ cells: [Int]) -> String {
        (0..<9).map { r in cells[r * 9..<r * 9 + 9].map(String.init).joined() }.joined(separator: "\n")
    }

    /// The puzzle as text: digits and '.', boxes separated by | and lines of dashes.
    static func render(_ cells: [Int]) -> String {
        var lines: [String] = []
        for r in 0..<9 {
            if r == 3 || r == 6 { lines.append("------+-------+------") }
            var parts: [String] = []
            for c in 0..<9 {
                if c == 3 || c == 6 { parts.append("|") }
                parts.append(cells[r * 9 + c] == 0 ? "." : String(cells[r * 9 + c]))
            }
            lines.append(parts.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
