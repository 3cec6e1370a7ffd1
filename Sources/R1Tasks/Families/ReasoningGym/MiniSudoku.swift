// mini_sudoku (Reasoning Gym, games): a 4×4 Sudoku (digits 1–4, 2×2 boxes) with
// exactly one solution and exactly the level's number of blanks (a grid that
// cannot reach it is re-drawn, never shrunk). Any valid completion that keeps
// the givens scores 1; uniqueness makes that the stored solution.

public struct MiniSudokuTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "mini_sudoku", title: "Mini Sudoku (4×4)", source: .reasoningGym, category: "games",
        description: "Complete a 4×4 Sudoku with a unique solution.",
        knobs: [Knob("blanks", "how many of the 16 cells are empty")],
        levels: [Level("easy", ["blanks": 6]), Level("medium", ["blanks": 8]),
                 Level("hard", ["blanks": 10]), Level("expert", ["blanks": 11])],
        defaultLevel: 1)

    /// Rows, columns and boxes as lists of cell indices (row-major, 4·r + c).
    static let units: [[Int]] = {
        var u: [[Int]] = []
        for r in 0..<4 { u.append((0..<4).map { r * 4 + $0 }) }
        for c in 0..<4 { u.append((0..<4).map { $0 * 4 + c }) }
        for b in 0..<4 { let r0 = (b / 2) * 2, c0 = (b % 2) * 2; u.append([r0 * 4 + c0, r0 * 4 + c0 + 1, (r0 + 1) * 4 + c0, (r0 + 1) * 4 + c0 + 1]) }
        return u
    }()

    static func isValid(_ g: [Int]) -> Bool {
        g.count == 16 && g.allSatisfy { (1...4).contains($0) } && units.allSatisfy { Set($0.map { g[$0] }).count == 4 }
    }

    static func countSolutions(_ cells: [Int], limit: Int) -> Int {
        var g = cells
        var count = 0
        func ok(_ i: Int, _ v: Int) -> Bool {
            let r = i / 4, c = i % 4, r0 = (r / 2) * 2, c0 = (c / 2) * 2
            for k in 0..<4 where g[r * 4 + k] == v || g[k * 4 + c] == v { return false }
            for dr in 0..<2 { for dc in 0..<2 where g[(r0 + dr) * 4 + c0 + dc] == v { return false } }
            return true
        }
        func search(_ from: Int) {
            guard count < limit else { return }
            guard let i = (from..<16).first(where: { g[$0] == 0 }) else { count += 1; return }
            for v in 1...4 where ok(i, v) {
                g[i] = v
                search(i + 1)
                g[i] = 0
            }
        }
        search(0)
        return count
    }

    static func randomFull(_ rng: inout SplitMix64) -> [Int] {
        let digits = rng.shuffled([1, 2, 3, 4])
        func order() -> [Int] { rng.shuffled([0, 1]).flatMap { band in rng.shuffled([0, 1]).map { band * 2 + $0 } } }
        let rows = order(), cols = order()
        let transpose = rng.chance(0.5)
        var g = [Int](repeating: 0, count: 16)
        for r in 0..<4 {
            for c in 0..<4 {
                let pr = rows[r], pc = cols[c]
                let v = digits[(2 * (pr % 2) + pr / 2 + pc) % 4]
                g[transpose ? c * 4 + r : r * 4 + c] = v
            }
        }
        return g
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let blanks = min(level["blanks"], 12)
        let (puzzle, solution) = PuzzleCarving.uniquePuzzle(
            blanks: blanks, attempts: 500, task: "mini_sudoku", rng: &rng, fullGrid: MiniSudokuTask.randomFull,
            solutionCount: { MiniSudokuTask.countSolutions($0, limit: 2) })
        let shown = (0..<4).map { r in (0..<4).map { c in puzzle[r * 4 + c] == 0 ? "_" : String(puzzle[r * 4 + c]) }.joined(separator: " ") }
            .joined(separator: "\n")
        let question = """
            Solve this 4×4 Sudoku. Fill each empty cell (shown as _) with a digit from 1 to 4 so that \
            every row, every column and each of the four 2×2 boxes holds 1, 2, 3 and 4 exactly once. \
            The puzzle has exactly one solution.

            \(shown)

            Give the completed grid as your final answer inside <<< and >>>: four lines of four \
            digits separated by spaces, top row first.
            """
        return GeneratedItem(question: question, gold: RGGrids.render(MiniSudokuTask.grid(solution)),
                             metadata: ["puzzle": JSONValue(MiniSudokuTask.grid(puzzle)),
                                        "solution": JSONValue(MiniSudokuTask.grid(solution))])
    }

    static func grid(_ cells: [Int]) -> [[Int]] { (0..<4).map { Array(cells[$0 * 4..<$0 * 4 + 4]) } }

    /// Checks the rules and the givens; does not compare with the stored solution.
    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let p = RGGrids.intGrid(metadata["puzzle"]), p.count == 4, p.allSatisfy({ $0.count == 4 }) else {
            return .wrong("item metadata has no 4×4 puzzle")
        }
        let puzzle = p.flatMap { $0 }
        var grid: [Int]
        if let g = RGGrids.parseGrid(answer, rows: 4, cols: 4) {
            grid = g.flatMap { $0 }
        } else {
            // Also accept rows written as runs of digits ("1234").
            let digits = answer.unicodeScalars.compactMap { ("0"..."9").contains($0) ? Int($0.value) - 48 : nil }
            guard RGGrids.isNumericList(answer), digits.count == 16 else { return .wrong("the answer is not a 4×4 grid of digits") }
            grid = digits
        }
        for i in 0..<16 where puzzle[i] != 0 && puzzle[i] != grid[i] {
            return .wrong("cell (row \(i / 4 + 1), column \(i % 4 + 1)) must stay \(puzzle[i])")
        }
        return MiniSudokuTask.isValid(grid) ? .correct("a valid completion") : .wrong("a row, column or box breaks the rules")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from itertools import permutations
        p = \(RGGrids.py(metadata["puzzle"] ?? .null))
        rows = [[r for r in permutations(range(1, 5)) if all(g in (0, v) for g, v in zip(line, r))] for line in p]
        def ok(g):
            cols = all(len({g[r][c] for r in range(4)}) == 4 for c in range(4))
            boxes = all(len({g[r][c] for r in (br, br + 1) for c in (bc, bc + 1)}) == 4 for br in (0, 2) for bc in (0, 2))
            return cols and boxes
        for a in rows[0]:
            for b in rows[1]:
                for c in rows[2]:
                    for d in rows[3]:
                        if ok([a, b, c, d]):
                            print("\\n".join(" ".join(map(str, r)) for r in (a, b, c, d)))
                            raise SystemExit
        """
    }
}
