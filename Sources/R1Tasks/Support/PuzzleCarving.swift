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
}
