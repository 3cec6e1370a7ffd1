// game_of_life (Reasoning Gym, algorithmic): the grid after N steps of Conway's
// Game of Life on a torus. Exact grid only: Reasoning Gym's per-cell credit let
// an all-dead grid score about 0.97; here it scores 0 unless it is the answer.

public struct GameOfLifeTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "game_of_life", title: "Game of Life", source: .reasoningGym, category: "algorithmic",
        description: "Run Conway's Game of Life for N steps on a wrap-around grid and give the exact grid.",
        knobs: [Knob("size", "rows and columns"), Knob("density_percent", "chance in percent a cell starts alive"),
                Knob("steps", "number of steps")],
        levels: [Level("easy", ["size": 5, "density_percent": 35, "steps": 1]),
                 Level("medium", ["size": 6, "density_percent": 35, "steps": 2]),
                 Level("hard", ["size": 8, "density_percent": 30, "steps": 3]),
                 Level("expert", ["size": 10, "density_percent": 30, "steps": 5])],
        defaultLevel: 1)

    static func step(_ g: [[Int]]) -> [[Int]] {
        let n = g.count, m = g.first?.count ?? 0
        return (0..<n).map { r in
            (0..<m).map { c in
                var k = 0
                for dr in -1...1 { for dc in -1...1 where dr != 0 || dc != 0 { k += g[(r + dr + n) % n][(c + dc + m) % m] } }
                return (k == 3 || (k == 2 && g[r][c] == 1)) ? 1 : 0
            }
        }
    }

    static func run(_ g: [[Int]], steps: Int) -> [[Int]] {
        var cur = g
        for _ in 0..<max(0, min(steps, 1000)) { cur = step(cur) }
        return cur
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"], steps = level["steps"]
        var g: [[Int]] = []
        var out: [[Int]] = []
        for attempt in 1... {
            g = RGGrids.binaryGrid(rows: n, cols: n, p: Double(level["density_percent"]) / 100, rng: &rng)
            out = GameOfLifeTask.run(g, steps: steps)
            // Keep items whose answer is not trivially empty and not the input itself.
            if out.joined().contains(1) && out != g { break }
            precondition(attempt < 1000, "game_of_life: no lively grid")
        }
        let question = """
            Conway's Game of Life runs on the \(n)×\(n) grid below (1 = live, 0 = dead). The grid wraps \
            around: the top row neighbours the bottom row and the left column the right column, so every \
            cell has eight neighbours. At each step all cells update together: a live cell with two or \
            three live neighbours stays alive, a dead cell with exactly three live neighbours becomes \
            alive, and every other cell is dead.

            \(RGGrids.render(g))

            What is the grid after \(steps) step\(steps == 1 ? "" : "s")? Give it as your final answer \
            inside <<< and >>>: \(n) lines of \(n) digits (0 or 1) separated by spaces, top row first.
            """
        return GeneratedItem(question: question, gold: RGGrids.render(out),
                             metadata: ["grid": JSONValue(g), "steps": .int(steps)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let g = RGGrids.intGrid(metadata["grid"]), !g.isEmpty, let steps = metadata["steps"]?.intValue else {
            return .wrong("item metadata has no grid")
        }
        return RGGrids.verifyGrid(answer: answer, expected: GameOfLifeTask.run(g, steps: steps))
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        g = \(RGGrids.py(metadata["grid"] ?? .null))
        n, m = len(g), len(g[0])
        for _ in range(\(metadata["steps"]?.intValue ?? 0)):
            k = [[sum(g[(r + a) % n][(c + b) % m] for a in (-1, 0, 1) for b in (-1, 0, 1)) - g[r][c]
                  for c in range(m)] for r in range(n)]
            g = [[1 if k[r][c] == 3 or (k[r][c] == 2 and g[r][c]) else 0 for c in range(m)] for r in range(n)]
        print("\\n".join(" ".join(map(str, row)) for row in g))
        """
    }
}
