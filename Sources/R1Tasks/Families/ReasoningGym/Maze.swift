// maze (Reasoning Gym, games): the fewest steps from S to G through open cells
// of an ASCII maze, by breadth-first search. Start and goal are drawn so the
// shortest path is at least the level's minimum length.

public struct MazeTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "maze", title: "Maze", source: .reasoningGym, category: "games",
        description: "Count the minimum number of steps from start to goal in a grid maze.",
        knobs: [Knob("size", "rows and columns, walls included"), Knob("min_distance", "shortest allowed answer")],
        levels: [Level("easy", ["size": 7, "min_distance": 4]), Level("medium", ["size": 9, "min_distance": 6]),
                 Level("hard", ["size": 12, "min_distance": 9]), Level("expert", ["size": 15, "min_distance": 12])],
        defaultLevel: 1)

    /// BFS distances from `start` over cells that are not "#"; -1 where unreachable.
    static func distances(_ rows: [String], from start: (Int, Int)) -> [[Int]] {
        distances(rows.map { Array($0.utf8) }, from: start)
    }

    /// The same over rows of ASCII bytes.
    static func distances(_ g: [[UInt8]], from start: (Int, Int)) -> [[Int]] {
        let h = g.count, w = g.first?.count ?? 0
        var d = Array(repeating: Array(repeating: -1, count: w), count: h)
        guard start.0 >= 0, start.0 < h, start.1 >= 0, start.1 < w else { return d }
        d[start.0][start.1] = 0
        var q = [start], head = 0
        while head < q.count {
            let (r, c) = q[head]; head += 1
            for (dr, dc) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                let nr = r + dr, nc = c + dc
                if nr >= 0, nr < h, nc >= 0, nc < w, g[nr][nc] != UInt8(ascii: "#"), d[nr][nc] < 0 {
                    d[nr][nc] = d[r][c] + 1; q.append((nr, nc))
                }
            }
        }
        return d
    }

    static func find(_ rows: [String], _ ch: Character) -> (Int, Int)? {
        for (r, row) in rows.enumerated() { if let c = Array(row).firstIndex(of: ch) { return (r, c) } }
        return nil
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"], minD = level["min_distance"]
        for attempt in 1... {
            // Cells are ASCII bytes.
            var g = (0..<n).map { r in (0..<n).map { c -> UInt8 in
                (r == 0 || c == 0 || r == n - 1 || c == n - 1) ? UInt8(ascii: "#") : UInt8(ascii: ".") } }
            let wall = 0.25 + 0.1 * rng.unit()
            for r in 1..<(n - 1) { for c in 1..<(n - 1) where rng.chance(wall) { g[r][c] = UInt8(ascii: "#") } }
            let open = (1..<(n - 1)).flatMap { r in (1..<(n - 1)).compactMap { c in g[r][c] == UInt8(ascii: ".") ? (r, c) : nil } }
            guard open.count > 2 else { continue }
            let s = rng.pick(open)
            let d = MazeTask.distances(g, from: s)
            let far = open.filter { d[$0.0][$0.1] >= minD }
            guard !far.isEmpty else {
                precondition(attempt < 2000, "maze: no long enough path")
                continue
            }
            let goal = rng.pick(far)
            g[s.0][s.1] = UInt8(ascii: "S"); g[goal.0][goal.1] = UInt8(ascii: "G")
            let rows = g.map { String(ascii: $0) }
            let steps = d[goal.0][goal.1]
            let question = """
                Find the length of the shortest path from S to G in this maze. # is a wall; S, G and . are \
                open cells. Each step moves to an open cell directly up, down, left or right.

                \(rows.joined(separator: "\n"))

                How many steps does the shortest path take? Give the number as your final answer inside \
                <<< and >>>, for example <<<9>>>.
                """
            return GeneratedItem(question: question, gold: String(steps), metadata: ["maze": JSONValue(rows), "steps": .int(steps)])
        }
        fatalError("unreachable")
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RGGrids.verifyInteger(answer: answer, expected: metadata["steps"]?.intValue)
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from collections import deque
        maze = \(RGGrids.py(metadata["maze"] ?? .null))
        start = next((r, c) for r, row in enumerate(maze) for c, ch in enumerate(row) if ch == "S")
        dist, q = {start: 0}, deque([start])
        while q:
            r, c = q.popleft()
            if maze[r][c] == "G":
                print(dist[(r, c)])
                break
            for p in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if maze[p[0]][p[1]] != "#" and p not in dist:
                    dist[p] = dist[(r, c)] + 1
                    q.append(p)
        """
    }
}
