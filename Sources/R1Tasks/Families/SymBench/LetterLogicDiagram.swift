// Letter Logic Diagram (SymBench): fill a grid so that every row and column
// holds each letter once and every cell of the minor diagonal (top-right to
// bottom-left) holds the same letter, keeping the given cells. Several
// completions can be valid, so the verifier checks the rules.

public struct LetterLogicDiagramTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "letter_logic_diagram",
        title: "Letter Logic Diagram",
        source: .symbench,
        category: "puzzle",
        description: "Complete a letter Latin square whose minor diagonal holds a single letter.",
        knobs: [
            Knob("size", "grid side n (letters a to the n-th letter)"),
            Knob("givens", "cells filled in at the start"),
        ],
        levels: [
            Level("easy", ["size": 5, "givens": 14]),
            Level("medium", ["size": 6, "givens": 18]),
            Level("hard", ["size": 7, "givens": 24]),
            Level("expert", ["size": 7, "givens": 17]),
        ],
        defaultLevel: 1
    )

    static let letters = Array("abcdefghij").map(String.init)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        // (i + j) mod n has a constant minor diagonal; relabel symbols, permute rows, and permute
        // columns to match so the minor diagonal stays on the minor diagonal.
        let symbols = rng.shuffled(Array(Self.letters[0..<n]))
        let rows = rng.shuffled(Array(0..<n))
        var grid = Array(repeating: Array(repeating: "", count: n), count: n)
        for i in 0..<n {
            for j in 0..<n {
                let col = n - 1 - rows[n - 1 - j]
                grid[rows[i]][col] = symbols[(i + j) % n]
            }
        }
        if rng.chance(0.5) { grid = (0..<n).map { j in (0..<n).map { i in grid[i][j] } } }  // transposing keeps the rules
        let shown = Set(rng.sample(Array(0..<(n * n)), count: level["givens"]))
        let puzzle = (0..<n).map { i in (0..<n).map { j in shown.contains(i * n + j) ? grid[i][j] : "." } }
        let question = """
            Fill the \(n)x\(n) grid below with the letters \(Self.letters[0..<n].joined(separator: ", ")) so that:
            1. each row contains every letter exactly once;
            2. each column contains every letter exactly once;
            3. all the cells on the minor diagonal (from the top-right corner to the bottom-left corner) hold the same letter.
            Letters already in the grid must stay; '.' marks an empty cell.
            \(puzzle.map { $0.joined(separator: ",") }.joined(separator: "\n"))

            Give the completed grid, one row per line with the letters separated by commas, in the form
            <<<
            \((0..<n).map { _ in Array(repeating: "x", count: n).joined(separator: ",") }.joined(separator: "\n"))
            >>>
            """
        return GeneratedItem(question: question, gold: grid.map { $0.joined(separator: ",") }.joined(separator: "\n"),
                             metadata: ["size": .int(n), "puzzle": JSONValue(puzzle.map { $0.joined() })])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let n = metadata["size"]?.intValue, (2...Self.letters.count).contains(n),
              let puzzle = metadata["puzzle"]?.stringArray, puzzle.count == n, puzzle.allSatisfy({ $0.count == n })
        else { return .wrong("item metadata is incomplete") }
        guard let cells = SymParse.cells(answer.lowercased(), count: n * n) else { return .wrong("expected \(n * n) letters") }
        let alphabet = Set(Self.letters[0..<n])
        guard cells.allSatisfy({ alphabet.contains($0) }) else { return .wrong("only the letters \(alphabet.sorted().joined()) may appear") }
        let g = (0..<n).map { Array(cells[($0 * n)..<($0 * n + n)]) }
        for (i, row) in puzzle.enumerated() {
            for (j, ch) in row.enumerated() where ch != "." && g[i][j] != String(ch) {
                return .wrong("the given letter at row \(i + 1), column \(j + 1) was changed")
            }
        }
        for i in 0..<n {
            guard Set(g[i]).count == n else { return .wrong("row \(i + 1) repeats a letter") }
            guard Set((0..<n).map { g[$0][i] }).count == n else { return .wrong("column \(i + 1) repeats a letter") }
        }
        guard Set((0..<n).map { g[$0][n - 1 - $0] }).count == 1 else { return .wrong("the minor diagonal holds different letters") }
        return .correct("a valid completion")
    }

    public func oracle(metadata: JSONValue) -> String {
        let puzzle = metadata["puzzle"]?.stringArray ?? []
        return """
            grid = [list(row) for row in \(SymFormat.pyStrings(puzzle))]
            n = len(grid)
            letters = "abcdefghij"[:n]

            def options(i, j):
                used = set(grid[i]) | {grid[r][j] for r in range(n)}
                opts = [c for c in letters if c not in used]
                if i + j == n - 1:
                    diag = {grid[r][n - 1 - r] for r in range(n)} - {"."}
                    opts = [c for c in opts if not diag or c in diag]
                return opts

            def solve():
                empty = [(i, j) for i in range(n) for j in range(n) if grid[i][j] == "."]
                if not empty:
                    return True
                i, j = min(empty, key=lambda cell: len(options(*cell)))
                for c in options(i, j):
                    grid[i][j] = c
                    if solve():
                        return True
                grid[i][j] = "."
                return False

            solve()
            print("\\n".join(",".join(row) for row in grid))
            """
    }
}
