// shortest_path (Reasoning Gym, graphs): a shortest route from * to # through
// open cells (O) of a grid, as a list of moves, or "infeasible". Any route of
// the optimal length is accepted: the verifier walks it on the grid.

public struct ShortestPathTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "shortest_path", title: "Shortest path", source: .reasoningGym, category: "graphs",
        description: "Give a shortest sequence of up/down/left/right moves from start to goal, or infeasible.",
        knobs: [Knob("rows", "grid rows"), Knob("cols", "grid columns"), Knob("blocked_percent", "share of blocked cells")],
        levels: [Level("easy", ["rows": 5, "cols": 5, "blocked_percent": 25]),
                 Level("medium", ["rows": 6, "cols": 8, "blocked_percent": 30]),
                 Level("hard", ["rows": 8, "cols": 10, "blocked_percent": 32]),
                 Level("expert", ["rows": 10, "cols": 12, "blocked_percent": 35])],
        defaultLevel: 1)

    static let steps: [(word: String, dr: Int, dc: Int)] = [("up", -1, 0), ("down", 1, 0), ("left", 0, -1), ("right", 0, 1)]

    /// BFS distance from * to #, nil when # cannot be reached.
    /// Cells are ASCII bytes: * start, # goal, O open, X blocked.
    static func distance(_ rows: [[UInt8]]) -> Int? {
        let h = rows.count, w = rows.first?.count ?? 0
        var start: (Int, Int)? = nil
        for r in 0..<h { for c in 0..<w where rows[r][c] == UInt8(ascii: "*") { start = (r, c) } }
        guard let s = start else { return nil }
        var d = Array(repeating: Array(repeating: -1, count: w), count: h)
        d[s.0][s.1] = 0
        var q = [s], head = 0
        while head < q.count {
            let (r, c) = q[head]; head += 1
            if rows[r][c] == UInt8(ascii: "#") { return d[r][c] }
            for st in steps {
                let nr = r + st.dr, nc = c + st.dc
                if nr >= 0, nr < h, nc >= 0, nc < w, rows[nr][nc] != UInt8(ascii: "X"), d[nr][nc] < 0 { d[nr][nc] = d[r][c] + 1; q.append((nr, nc)) }
            }
        }
        return nil
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let h = level["rows"], w = level["cols"], p = Double(level["blocked_percent"]) / 100
        let wantFeasible = rng.chance(0.8)
        var g: [[UInt8]] = []
        var dist: Int? = nil
        for attempt in 1... {
            g = (0..<h).map { _ in (0..<w).map { _ in rng.chance(p) ? UInt8(ascii: "X") : UInt8(ascii: "O") } }
            let cells = rng.sample(Array(0..<(h * w)), count: 2)
            g[cells[0] / w][cells[0] % w] = UInt8(ascii: "*")
            g[cells[1] / w][cells[1] % w] = UInt8(ascii: "#")
            dist = ShortestPathTask.distance(g)
            if (dist != nil) == wantFeasible && dist != 1 { break }
            precondition(attempt < 2000, "shortest_path: label not reached")
        }
        let rows = g.map { String(ascii: $0) }
        // The grid as shown: cells separated by spaces.
        var shown: [UInt8] = []
        shown.reserveCapacity(h * w * 2)
        for (r, row) in g.enumerated() {
            if r > 0 { shown.append(UInt8(ascii: "\n")) }
            for (c, cell) in row.enumerated() {
                if c > 0 { shown.append(UInt8(ascii: " ")) }
                shown.append(cell)
            }
        }
        let question = """
            In the grid below, * is your start, # is the goal, O is an open cell and X is a blocked cell. \
            Each move goes one cell up, down, left or right, onto an open cell or the goal, and never \
            leaves the grid.

            \(String(ascii: shown))

            Find a shortest sequence of moves from * to #. Give it as your final answer inside <<< and >>> \
            as words separated by spaces, for example <<<right right down>>>; if # cannot be reached, \
            answer <<<infeasible>>>. Any shortest sequence is accepted.
            """
        let gold: String
        if dist != nil {
            gold = ShortestPathTask.onePath(g).joined(separator: " ")
        } else {
            gold = "infeasible"
        }
        var meta: [String: JSONValue] = ["grid": JSONValue(rows)]
        meta["length"] = dist.map { .int($0) } ?? .null
        return GeneratedItem(question: question, gold: gold, metadata: meta)
    }

    /// One shortest path, by BFS parents.
    static func onePath(_ g: [[UInt8]]) -> [String] {
        let h = g.count, w = g[0].count
        var start = (0, 0)
        for r in 0..<h { for c in 0..<w where g[r][c] == UInt8(ascii: "*") { start = (r, c) } }
        // parent[cell]: the cell it was first reached from (−1 for the start, −2 unseen); move: the step taken.
        var parent = [Int](repeating: -2, count: h * w), move = [Int](repeating: 0, count: h * w)
        parent[start.0 * w + start.1] = -1
        var q = [start], head = 0
        while head < q.count {
            let (r, c) = q[head]; head += 1
            if g[r][c] == UInt8(ascii: "#") {
                var out: [String] = []
                var k = r * w + c
                while parent[k] >= 0 { out.append(steps[move[k]].word); k = parent[k] }
                return out.reversed()
            }
            for (i, st) in steps.enumerated() {
                let nr = r + st.dr, nc = c + st.dc
                if nr >= 0, nr < h, nc >= 0, nc < w, g[nr][nc] != UInt8(ascii: "X"), parent[nr * w + nc] == -2 {
                    parent[nr * w + nc] = r * w + c; move[nr * w + nc] = i; q.append((nr, nc))
                }
            }
        }
        return []
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let rows = metadata["grid"]?.stringArray, !rows.isEmpty else { return .wrong("item metadata has no grid") }
        let g = rows.map { Array($0) }
        let words = answer.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "[" || $0 == "]" || $0 == "\"" || $0 == "'" || $0 == ">" || $0 == "-" })
        guard let length = metadata["length"]?.intValue else {
            return words == ["infeasible"] ? .correct("infeasible") : .wrong("the goal cannot be reached: the answer is infeasible")
        }
        guard words.count <= 10_000 else { return .wrong("too many moves") }
        let h = g.count, w = g[0].count
        var pos: (Int, Int)? = nil
        for r in 0..<h { for c in 0..<w where g[r][c] == "*" { pos = (r, c) } }
        guard var (r, c) = pos else { return .wrong("item metadata has no start") }
        for word in words {
            guard let st = ShortestPathTask.steps.first(where: { $0.word == word }) else {
                return .wrong("'\(word.prefix(20))' is not a move (use up, down, left, right)")
            }
            r += st.dr; c += st.dc
            guard r >= 0, r < h, c >= 0, c < w, g[r][c] != "X" else { return .wrong("the path leaves the grid or hits a blocked cell") }
        }
        guard g[r][c] == "#" else { return .wrong("the path does not end at #") }
        return words.count == length ? .correct("a shortest path") : .wrong("the path has \(words.count) moves; the shortest has \(length)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from collections import deque
        g = \(RGGrids.py(metadata["grid"] ?? .null))
        H, W = len(g), len(g[0])
        start = next((r, c) for r in range(H) for c in range(W) if g[r][c] == "*")
        prev = {start: None}
        q = deque([start])
        moves = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}
        answer = "infeasible"
        while q:
            r, c = q.popleft()
            if g[r][c] == "#":
                path, cur = [], (r, c)
                while prev[cur]:
                    cur, word = prev[cur]
                    path.append(word)
                answer = " ".join(reversed(path))
                break
            for word, (dr, dc) in moves.items():
                nr, nc = r + dr, c + dc
                if 0 <= nr < H and 0 <= nc < W and g[nr][nc] != "X" and (nr, nc) not in prev:
                    prev[(nr, nc)] = ((r, c), word)
                    q.append((nr, nc))
        print(answer)
        """
    }
}
