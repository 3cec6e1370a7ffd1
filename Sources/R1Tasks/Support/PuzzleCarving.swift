// Turning a solved grid into a puzzle with exactly one solution, shared by the
// Sudoku-style tasks.

enum PuzzleCarving {
    /// Empties cells of `solution` (0 = empty), visiting them in a random order and
    /// keeping each removal only while `solutionCount(puzzle)` stays 1, until `blanks`
    /// cells are empty. Returns nil when the greedy pass cannot reach `blanks`.
    /// `solutionCount` may stop counting at 2.
    static func carve(_ solution: [Int], blanks: Int, rng: inout SplitMix64,
                      solutionCount: ([Int]) -> Int) -> [Int]? {
        var puzzle = solution
        var removed = 0
        for cell in rng.shuffled(Array(solution.indices)) where removed < blanks {
            puzzle[cell] = 0
            if solutionCount(puzzle) == 1 { removed += 1 } else { puzzle[cell] = solution[cell] }
        }
        return removed == blanks ? puzzle : nil
    }

    /// A fresh full grid from `fullGrid`, carved to `blanks` empty cells; a new grid is
    /// drawn whenever the greedy pass falls short, at most `attempts` times (more is a bug).
    static func uniquePuzzle(blanks: Int, attempts: Int, task: String, rng: inout SplitMix64,
                             fullGrid: (inout SplitMix64) -> [Int],
                             solutionCount: ([Int]) -> Int) -> (puzzle: [Int], solution: [Int]) {
        for _ in 0..<attempts {
            let solution = fullGrid(&rng)
            if let puzzle = carve(solution, blanks: blanks, rng: &rng, solutionCount: solutionCount) {
                return (puzzle, solution)
            }
        }
        preconditionFailure("\(task): could not reach \(blanks) blanks in \(attempts) grids")
    }
}
