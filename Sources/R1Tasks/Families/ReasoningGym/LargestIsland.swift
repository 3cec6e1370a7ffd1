// largest_island (Reasoning Gym, graphs): the area of the largest group of 1s
// connected through their four side neighbours.

public struct LargestIslandTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "largest_island", title: "Largest island", source: .reasoningGym, category: "graphs",
        description: "Find the area of the largest 4-connected island of 1s in a binary grid (0 if none).",
        knobs: [Knob("rows", "grid rows"), Knob("cols", "grid columns"),
                Knob("land_percent", "chance in percent that a cell is land")],
        levels: [Level("small", ["rows": 5, "cols": 5, "land_percent": 40]),
                 Level("medium", ["rows": 7, "cols": 8, "land_percent": 45]),
                 Level("large", ["rows": 10, "cols": 10, "land_percent": 45]),
                 Level("huge", ["rows": 12, "cols": 15, "land_percent": 50])],
        defaultLevel: 1)

    static func largest(_ g: [[Int]]) -> Int {
        let rows = g.count, cols = g.first?.count ?? 0
        var seen = Array(repeating: Array(repeating: false, count: cols), count: rows)
        var best = 0
        for r in 0..<rows {
            for c in 0..<cols where g[r][c] == 1 && !seen[r][c] {
                var stack = [(r, c)]
                seen[r][c] = true
                var area = 0
                while let (y, x) = stack.popLast() {
                    area += 1
                    for (dy, dx) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                        let ny = y + dy, nx = x + dx
                        if ny >= 0, ny < rows, nx >= 0, nx < cols, g[ny][nx] == 1, !seen[ny][nx] {
                            seen[ny][nx] = true
                            stack.append((ny, nx))
                        }
                    }
                }
                best = max(best, area)
            }
        }
        return best
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let rows = level["rows"], cols = level["cols"]
        let g = RGGrids.binaryGrid(rows: rows, cols: cols, p: Double(level["land_percent"]) / 100, rng: &rng)
        let area = LargestIslandTask.largest(g)
        let question = """
            The \(rows)×\(cols) grid below is a map: 1 is land, 0 is water. An island is a group of land \
            cells joined through shared sides (up, down, left, right; diagonals do not join). The area \
            of an island is its number of cells.

            \(RGGrids.render(g))

            What is the area of the largest island (0 if there is no land)? Give the number as your \
            final answer inside <<< and >>>, for example <<<7>>>.
            """
        return GeneratedItem(question: question, gold: String(area), metadata: ["grid": JSONValue(g), "area": .int(area)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RGGrids.verifyInteger(answer: answer, expected: metadata["area"]?.intValue)
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        g = \(RGGrids.py(metadata["grid"] ?? .null))
        R, C = len(g), len(g[0])
        seen, best = set(), 0
        for r in range(R):
            for c in range(C):
                if g[r][c] and (r, c) not in seen:
                    seen.add((r, c))
                    stack, area = [(r, c)], 0
                    while stack:
                        y, x = stack.pop()
                        area += 1
                        for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                            if 0 <= ny < R and 0 <= nx < C and g[ny][nx] and (ny, nx) not in seen:
                                seen.add((ny, nx))
                                stack.append((ny, nx))
                    best = max(best, area)
        print(best)
        """
    }
}
