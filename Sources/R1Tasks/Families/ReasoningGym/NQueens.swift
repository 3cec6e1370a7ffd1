// n_queens (Reasoning Gym, games): an n×n board (n from 8 to 14) with some
// queens already placed; complete it to n queens, none attacking another.
// The given queens come from one full solution, but any completion that keeps
// them and has no two queens sharing a row, column or diagonal is accepted.

public struct NQueensTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "n_queens", title: "N queens", source: .reasoningGym, category: "games",
        description: "Complete an n×n board with some queens placed so that no two queens attack each other.",
        knobs: [Knob("size", "board size n"), Knob("missing", "queens left to place")],
        levels: [Level("easy", ["size": 8, "missing": 4]),
                 Level("medium", ["size": 10, "missing": 5]),
                 Level("hard", ["size": 12, "missing": 7]),
                 Level("expert", ["size": 14, "missing": 9])],
        defaultLevel: 1)

    /// A random solution: column of the queen in each row, by backtracking over shuffled columns.
    static func solution(_ n: Int, rng: inout SplitMix64) -> [Int] {
        var cols: [Int] = []
        func place(_ row: Int) -> Bool {
            if row == n { return true }
            for c in rng.shuffled(Array(0..<n)) where cols.indices.allSatisfy({ cols[$0] != c && abs(cols[$0] - c) != row - $0 }) {
                cols.append(c)
                if place(row + 1) { return true }
                cols.removeLast()
            }
            return false
        }
        _ = place(0)
        return cols
    }

    static func render(_ n: Int, queens: [Int?]) -> String {
        (0..<n).map { r in (0..<n).map { c in queens[r] == c ? "Q" : "_" }.joined(separator: " ") }.joined(separator: "\n")
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        let full = Self.solution(n, rng: &rng)
        var shown: [Int?] = full
        for r in rng.sample(Array(0..<n), count: level["missing"]) { shown[r] = nil }
        let question = """
            Place queens on this \(n)×\(n) board (Q is a queen, _ an empty square) so that there are \(n) queens \
            in all and no two share a row, a column or a diagonal. Keep the queens already placed.

            \(Self.render(n, queens: shown))

            Give the whole board as your final answer inside <<< and >>>, one row a line, in the same notation. \
            Any valid board is accepted.
            """
        return GeneratedItem(question: question, gold: Self.render(n, queens: full), metadata: [
            "size": .int(n), "given": .array(shown.map { $0.map { .int($0) } ?? .null }),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let n = metadata["size"]?.intValue, n > 0, let given = metadata["given"]?.arrayValue, given.count == n else {
            return .wrong("item metadata has no board")
        }
        let rows = answer.split(whereSeparator: \.isNewline).map { $0.filter { !$0.isWhitespace } }.filter { !$0.isEmpty }
        guard rows.count == n, rows.allSatisfy({ $0.count == n && $0.allSatisfy { $0 == "Q" || $0 == "_" } }) else {
            return .wrong("the answer must be \(n) rows of \(n) squares written Q or _")
        }
        var cols: [Int] = []
        for row in rows {
            let qs = row.indices.filter { row[$0] == "Q" }.map { row.distance(from: row.startIndex, to: $0) }
            guard qs.count == 1 else { return .wrong("each row needs exactly one queen") }
            cols.append(qs[0])
        }
        for (r, g) in given.enumerated() { if let c = g.intValue, cols[r] != c { return .wrong("the queen in row \(r + 1) was moved") } }
        for i in 0..<n { for j in (i + 1)..<n where cols[i] == cols[j] || abs(cols[i] - cols[j]) == j - i {
            return .wrong("the queens in rows \(i + 1) and \(j + 1) attack each other")
        } }
        return .correct("a valid board")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        n = \(metadata["size"]?.intValue ?? 0)
        given = \(RGC.py(metadata["given"]))
        def solve(row, cols):
            if row == n:
                return cols
            options = [given[row]] if given[row] is not None else range(n)
            for c in options:
                if all(c != d and abs(c - d) != row - r for r, d in enumerate(cols)):
                    found = solve(row + 1, cols + [c])
                    if found:
                        return found
            return None
        cols = solve(0, [])
        print("\\n".join(" ".join("Q" if c == q else "_" for c in range(n)) for q in cols))
        """
    }
}
