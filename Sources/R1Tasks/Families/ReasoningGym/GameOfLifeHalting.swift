// game_of_life_halting (Reasoning Gym, algorithmic): does a Game of Life pattern
// on a bounded grid die out within N steps? Yes/No, compared with the
// simulation stored as a label; labels are balanced by drawing the label
// first and re-drawing patterns until the simulation agrees.
//
// Reasoning Gym's scorer compared the truthiness of strings, so any non-empty
// answer scored 1. Here only "Yes" or "No" (any case, optional full stop) is
// read, and only the simulated label scores.

public struct GameOfLifeHaltingTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "game_of_life_halting", title: "Game of Life: does it die out?", source: .reasoningGym,
        category: "algorithmic",
        description: "Decide whether a Game of Life pattern on a bounded grid (no wrap-around) has no live "
            + "cells left at some step within N steps.",
        knobs: [Knob("size", "rows and columns of the grid"),
                Knob("window", "side of the central square the random pattern is drawn in"),
                Knob("steps", "N: the number of steps to consider")],
        levels: [Level("easy", ["size": 6, "window": 4, "steps": 5]),
                 Level("medium", ["size": 8, "window": 5, "steps": 10]),
                 Level("hard", ["size": 10, "window": 6, "steps": 15]),
                 Level("expert", ["size": 12, "window": 7, "steps": 20])],
        defaultLevel: 1)

    /// One step on a bounded grid: cells outside are dead.
    static func step(_ g: [[Int]]) -> [[Int]] {
        let rows = g.count, cols = g.first?.count ?? 0
        var out = g
        for r in 0..<rows {
            for c in 0..<cols {
                var n = 0
                for dr in -1...1 {
                    for dc in -1...1 where dr != 0 || dc != 0 {
                        let rr = r + dr, cc = c + dc
                        if rr >= 0 && rr < rows && cc >= 0 && cc < cols { n += g[rr][cc] }
                    }
                }
                out[r][c] = (n == 3 || (n == 2 && g[r][c] == 1)) ? 1 : 0
            }
        }
        return out
    }

    /// The first step (1…steps) with no live cells, or nil.
    static func extinctionStep(_ g: [[Int]], steps: Int) -> Int? {
        var cur = g
        for t in 1...max(1, steps) {
            cur = step(cur)
            if !cur.contains(where: { $0.contains(1) }) { return t }
        }
        return nil
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let size = level["size"], window = min(level["window"], level["size"]), steps = level["steps"]
        let wantDies = rng.chance(0.5)
        var grid: [[Int]] = []
        var dies: Int? = nil
        for attempt in 0..<400 {
            grid = Array(repeating: Array(repeating: 0, count: size), count: size)
            let r0 = rng.int(0...(size - window)), c0 = rng.int(0...(size - window))
            let p = 0.25 + 0.3 * rng.unit()
            var live = 0
            for r in 0..<window { for c in 0..<window where rng.chance(p) { grid[r0 + r][c0 + c] = 1; live += 1 } }
            guard live >= 3 else { continue }
            dies = GameOfLifeHaltingTask.extinctionStep(grid, steps: steps)
            if (dies != nil) == wantDies { break }
            precondition(attempt < 399, "game_of_life_halting: no pattern with the wanted label")
        }
        let question = """
            Conway's Game of Life is played on the \(size)×\(size) grid below (1 = live cell, 0 = dead \
            cell). The grid does not wrap around: cells beyond the edge are always dead. At every step \
            all cells update together: a live cell with two or three live neighbours (of its eight) \
            stays alive, a dead cell with exactly three live neighbours becomes alive, and every other \
            cell is dead after the step.

            \(RGGrids.render(grid))

            Will every cell be dead after some step within the first \(steps) steps (that is, at step \
            1, 2, …, or \(steps))? Answer <<<Yes>>> or <<<No>>>.
            """
        var meta: [String: JSONValue] = ["grid": JSONValue(grid), "steps": .int(steps), "dies": .bool(dies != nil)]
        if let dies { meta["extinction_step"] = .int(dies) }
        return GeneratedItem(question: question, gold: dies != nil ? "Yes" : "No", metadata: meta)
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let dies = metadata["dies"]?.boolValue else { return .wrong("item metadata has no label") }
        return BBH.verifyBinary(answer: answer, expected: dies, trueWord: "Yes", falseWord: "No")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        g = \(RGGrids.py(metadata["grid"] ?? .null))
        steps = \(metadata["steps"]?.intValue ?? 0)
        n = len(g)
        def step(g):
            def live(r, c):
                return sum(g[i][j] for i in range(max(0, r - 1), min(n, r + 2))
                           for j in range(max(0, c - 1), min(n, c + 2)) if (i, j) != (r, c))
            return [[1 if live(r, c) == 3 or (live(r, c) == 2 and g[r][c]) else 0 for c in range(n)] for r in range(n)]
        dead = False
        for _ in range(steps):
            g = step(g)
            if not any(map(any, g)):
                dead = True
                break
        print("Yes" if dead else "No")
        """
    }
}
