// binary_matrix (Reasoning Gym, algorithmic): for every cell of a 0/1 matrix,
// the number of side steps to the nearest 0. Exact matrix; no per-cell credit.

public struct BinaryMatrixTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "binary_matrix", title: "Distance to nearest zero", source: .reasoningGym, category: "algorithmic",
        description: "Replace each cell of a binary matrix by its Manhattan distance to the nearest 0.",
        knobs: [Knob("size", "rows and columns"), Knob("zero_percent", "chance in percent that a cell is 0")],
        levels: [Level("easy", ["size": 5, "zero_percent": 40]), Level("medium", ["size": 6, "zero_percent": 25]),
                 Level("hard", ["size": 8, "zero_percent": 15]), Level("expert", ["size": 10, "zero_percent": 8])],
        defaultLevel: 1)

    /// Multi-source BFS from every 0; nil entries never happen when the grid has a 0.
    static func distances(_ g: [[Int]]) -> [[Int]] {
        let rows = g.count, cols = g.first?.count ?? 0
        var d = Array(repeating: Array(repeating: -1, count: cols), count: rows)
        var queue: [(Int, Int)] = []
        for r in 0..<rows { for c in 0..<cols where g[r][c] == 0 { d[r][c] = 0; queue.append((r, c)) } }
        var head = 0
        while head < queue.count {
            let (r, c) = queue[head]; head += 1
            for (dr, dc) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                let nr = r + dr, nc = c + dc
                if nr >= 0, nr < rows, nc >= 0, nc < cols, d[nr][nc] < 0 { d[nr][nc] = d[r][c] + 1; queue.append((nr, nc)) }
            }
        }
        return d
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        var g = RGGrids.binaryGrid(rows: n, cols: n, p: 1 - Double(level["zero_percent"]) / 100, rng: &rng)
        if !g.contains(where: { $0.contains(0) }) { g[rng.int(0..<n)][rng.int(0..<n)] = 0 }
        let d = BinaryMatrixTask.distances(g)
        let question = """
            For every cell of this \(n)×\(n) binary matrix, find the distance to the nearest cell holding \
            0, counting steps up, down, left or right (a 0 cell has distance 0).

            \(RGGrids.render(g))

            Give the matrix of distances as your final answer inside <<< and >>>: \(n) lines of \(n) \
            numbers separated by spaces, top row first.
            """
        return GeneratedItem(question: question, gold: RGGrids.render(d), metadata: ["matrix": JSONValue(g)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let g = RGGrids.intGrid(metadata["matrix"]), !g.isEmpty else { return .wrong("item metadata has no matrix") }
        return RGGrids.verifyGrid(answer: answer, expected: BinaryMatrixTask.distances(g))
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from collections import deque
        g = \(RGGrids.py(metadata["matrix"] ?? .null))
        R, C = len(g), len(g[0])
        d = [[0 if v == 0 else None for v in row] for row in g]
        q = deque((r, c) for r in range(R) for c in range(C) if g[r][c] == 0)
        while q:
            r, c = q.popleft()
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < R and 0 <= nc < C and d[nr][nc] is None:
                    d[nr][nc] = d[r][c] + 1
                    q.append((nr, nc))
        print("\\n".join(" ".join(map(str, row)) for row in d))
        """
    }
}
