// survo (Reasoning Gym, games): a grid whose last column holds each row's sum
// and whose last row holds each column's sum; some inner cells are blank, and
// the numbers that were removed are listed. Put each listed number into one
// blank so that every sum holds. Reasoning Gym compares with the one stored
// grid, so a different valid filling scores 0; here any filling that uses the
// listed numbers and meets every sum is accepted.

public struct SurvoTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "survo", title: "Survo sums", source: .reasoningGym, category: "games",
        description: "Fill the blanks with the listed numbers so every row and column adds up to its sum.",
        knobs: [Knob("size", "inner grid side"), Knob("blanks", "blank cells"), Knob("max_value", "largest cell value")],
        levels: [Level("easy", ["size": 3, "blanks": 3, "max_value": 9]),
                 Level("medium", ["size": 4, "blanks": 5, "max_value": 9]),
                 Level("hard", ["size": 4, "blanks": 7, "max_value": 15]),
                 Level("expert", ["size": 5, "blanks": 8, "max_value": 20])],
        defaultLevel: 1)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        let inner = RGGrids.randomGrid(rows: n, cols: n, values: 1...level["max_value"], rng: &rng)
        var full = inner.map { $0 + [$0.reduce(0, +)] }
        full.append((0...n).map { c in full.reduce(0) { $0 + $1[c] } })
        let holes = rng.sample(Array(0..<(n * n)), count: level["blanks"])
        var puzzle = full
        for h in holes { puzzle[h / n][h % n] = 0 }
        let removed = holes.map { inner[$0 / n][$0 % n] }.sorted()
        let question = """
            In the grid below the last number of each row is the sum of the row's other numbers, and the last row \
            holds the sum of each column above it (its last entry is the grand total). A 0 marks a blank.

            \(RGGrids.render(puzzle))

            Fill the blanks using each of these numbers exactly once: \(removed.map(String.init).joined(separator: ", ")). \
            Give the whole completed grid (sums included) as your final answer inside <<< and >>>, one row a line, \
            numbers separated by spaces. Any filling that makes every sum hold is accepted.
            """
        return GeneratedItem(question: question, gold: RGGrids.render(full), metadata: [
            "puzzle": JSONValue(puzzle), "numbers": JSONValue(removed),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let puzzle = RGGrids.intGrid(metadata["puzzle"]), let numbers = metadata["numbers"]?.intArray,
              puzzle.count >= 2, puzzle.allSatisfy({ $0.count == puzzle.count }) else {
            return .wrong("item metadata has no grid")
        }
        let m = puzzle.count, n = m - 1
        guard let g = RGGrids.parseGrid(answer, rows: m, cols: m) else { return .wrong("the answer is not a \(m)×\(m) grid of numbers") }
        var placed: [Int] = []
        for r in 0..<m { for c in 0..<m {
            if puzzle[r][c] == 0 { placed.append(g[r][c]) } else if g[r][c] != puzzle[r][c] {
                return .wrong("the given number at row \(r + 1), column \(c + 1) was changed")
            }
        } }
        guard placed.sorted() == numbers.sorted() else { return .wrong("the blanks must hold exactly the listed numbers") }
        for r in 0..<n where g[r][0..<n].reduce(0, +) != g[r][n] { return .wrong("row \(r + 1) does not add up") }
        for c in 0..<m where (0..<n).reduce(0, { $0 + g[$1][c] }) != g[n][c] { return .wrong("column \(c + 1) does not add up") }
        return .correct("every sum holds")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from itertools import permutations
        grid = \(RGC.py(metadata["puzzle"]))
        numbers = \(RGC.py(metadata["numbers"]))
        m = len(grid)
        n = m - 1
        blanks = [(r, c) for r in range(m) for c in range(m) if grid[r][c] == 0]
        for filling in set(permutations(numbers)):
            g = [row[:] for row in grid]
            for (r, c), v in zip(blanks, filling):
                g[r][c] = v
            if all(sum(g[r][:n]) == g[r][n] for r in range(n)) and all(sum(g[r][c] for r in range(n)) == g[n][c] for c in range(m)):
                print("\\n".join(" ".join(map(str, row)) for row in g))
                break
        """
    }
}
