// rotten_oranges (Reasoning Gym, algorithmic): each minute, rot spreads from
// rotten oranges (2) to fresh side neighbours (1); minutes until none is fresh,
// or -1 when some fresh orange can never rot. Labels: about a quarter -1.

public struct RottenOrangesTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "rotten_oranges", title: "Rotting oranges", source: .reasoningGym, category: "algorithmic",
        description: "Minutes until every orange is rotten (rot spreads to side neighbours each minute), or -1.",
        knobs: [Knob("size", "rows and columns"), Knob("rotten_percent", "share of oranges that start rotten, in percent")],
        levels: [Level("easy", ["size": 4, "rotten_percent": 20]), Level("medium", ["size": 6, "rotten_percent": 12]),
                 Level("hard", ["size": 8, "rotten_percent": 8]), Level("expert", ["size": 11, "rotten_percent": 5])],
        defaultLevel: 1)

    static func minutes(_ g: [[Int]]) -> Int {
        let rows = g.count, cols = g.first?.count ?? 0
        var grid = g
        var frontier: [(Int, Int)] = []
        var fresh = 0
        for r in 0..<rows { for c in 0..<cols { if grid[r][c] == 2 { frontier.append((r, c)) } else if grid[r][c] == 1 { fresh += 1 } } }
        var t = 0
        while fresh > 0 && !frontier.isEmpty {
            var next: [(Int, Int)] = []
            for (r, c) in frontier {
                for (dr, dc) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                    let nr = r + dr, nc = c + dc
                    if nr >= 0, nr < rows, nc >= 0, nc < cols, grid[nr][nc] == 1 { grid[nr][nc] = 2; fresh -= 1; next.append((nr, nc)) }
                }
            }
            frontier = next
            if !next.isEmpty { t += 1 }
        }
        return fresh > 0 ? -1 : t
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"], pr = Double(level["rotten_percent"]) / 100
        let wantImpossible = rng.chance(0.25)
        var g: [[Int]] = []
        var m = 0
        for attempt in 1... {
            let empty = 0.1 + 0.15 * rng.unit()
            g = (0..<n).map { _ in (0..<n).map { _ in rng.chance(empty) ? 0 : (rng.chance(pr) ? 2 : 1) } }
            if !g.contains(where: { $0.contains(2) }) { g[rng.int(0..<n)][rng.int(0..<n)] = 2 }
            m = RottenOrangesTask.minutes(g)
            if (m == -1) == wantImpossible && m != 0 { break }
            precondition(attempt < 2000, "rotten_oranges: no grid with the wanted label")
        }
        let question = """
            In the \(n)×\(n) grid below, 0 is an empty cell, 1 a fresh orange and 2 a rotten orange. Every \
            minute, each fresh orange that shares a side (up, down, left or right) with a rotten orange \
            becomes rotten.

            \(RGGrids.render(g))

            How many minutes pass until no fresh orange is left? If some fresh orange can never rot, the \
            answer is -1. Give the number as your final answer inside <<< and >>>, for example <<<4>>>.
            """
        return GeneratedItem(question: question, gold: String(m), metadata: ["grid": JSONValue(g), "minutes": .int(m)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RGGrids.verifyInteger(answer: answer, expected: metadata["minutes"]?.intValue)
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        g = \(RGGrids.py(metadata["grid"] ?? .null))
        R, C = len(g), len(g[0])
        rotten = {(r, c) for r in range(R) for c in range(C) if g[r][c] == 2}
        fresh = {(r, c) for r in range(R) for c in range(C) if g[r][c] == 1}
        t = 0
        while fresh:
            new = {p for p in fresh if any((p[0] + a, p[1] + b) in rotten for a, b in ((1, 0), (-1, 0), (0, 1), (0, -1)))}
            if not new:
                break
            fresh -= new
            rotten |= new
            t += 1
        print(-1 if fresh else t)
        """
    }
}
