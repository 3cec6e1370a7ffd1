// Eight Queens (SymBench), on boards of several sizes: some queens are already
// placed and some squares are blocked; complete the board so that no two queens
// attack each other. Many completions can be valid, so the verifier checks the
// constraints instead of comparing with the gold board.

public struct EightQueensTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "eight_queens",
        title: "Eight Queens",
        source: .symbench,
        category: "puzzle",
        description: "Place N non-attacking queens on an N×N board, keeping the queens already placed "
            + "and avoiding blocked squares.",
        knobs: [
            Knob("size", "board side N (N queens)"),
            Knob("placed", "queens already on the board"),
            Knob("blocked", "squares where no queen may stand"),
        ],
        levels: [
            Level("easy", ["size": 7, "placed": 3, "blocked": 4]),
            Level("medium", ["size": 8, "placed": 2, "blocked": 6]),
            Level("hard", ["size": 8, "placed": 2, "blocked": 12]),
            Level("expert", ["size": 10, "placed": 2, "blocked": 16]),
        ],
        defaultLevel: 1
    )

    /// A random solution: backtracking with a random column order per row.
    static func randomSolution(size n: Int, rng: inout SplitMix64) -> [Int] {
        var cols = [Int](repeating: -1, count: n)
        var orders: [[Int]] = Array(repeating: [], count: n)
        var tried = [Int](repeating: 0, count: n)
        var row = 0
        orders[0] = rng.shuffled(Array(0..<n))
        while row < n {
            if tried[row] >= n {  // exhausted: back up
                row -= 1
                tried[row] += 1
                continue
            }
            let c = orders[row][tried[row]]
            let ok = (0..<row).allSatisfy { r in cols[r] != c && abs(cols[r] - c) != row - r }
            if ok {
                cols[row] = c
                row += 1
                if row < n { orders[row] = rng.shuffled(Array(0..<n)); tried[row] = 0 }
            } else {
                tried[row] += 1
            }
        }
        return cols
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        let solution = Self.randomSolution(size: n, rng: &rng)
        let placedRows = rng.sample(Array(0..<n), count: level["placed"]).sorted()
        let free = (0..<(n * n)).filter { solution[$0 / n] != $0 % n }
        let blocked = rng.sample(free, count: level["blocked"]).sorted()
        var board = Array(repeating: Array(repeating: ".", count: n), count: n)
        for r in placedRows { board[r][solution[r]] = "Q" }
        for cell in blocked { board[cell / n][cell % n] = "X" }
        let shown = board.map { $0.joined(separator: " ") }.joined(separator: "\n")
        let gold = (0..<n).map { "\($0) \(solution[$0])" }.joined(separator: ", ")
        let question = """
            On this \(n)x\(n) board, 'Q' is a queen already placed, 'X' is a blocked square where no queen \
            may stand, and '.' is an empty square. Rows and columns are numbered from 0, row 0 at the top and \
            column 0 at the left.

            \(shown)

            Place queens so that there are exactly \(n) queens in total (keeping the ones already placed) and \
            no two queens share a row, a column or a diagonal.
            Give the positions of all \(n) queens as row-column pairs, in the form <<<r c, r c, ...>>>, \
            for example <<<0 1, 1 3, ...>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "size": .int(n),
            "queens": JSONValue(placedRows.map { [$0, solution[$0]] }),
            "blocked": JSONValue(blocked.map { [$0 / n, $0 % n] }),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let n = metadata["size"]?.intValue, let placed = metadata["queens"]?.intGrid,
              let blocked = metadata["blocked"]?.intGrid else { return .wrong("item metadata is incomplete") }
        guard let numbers = SymParse.integers(answer), numbers.count % 2 == 0 else {
            return .wrong("expected row-column pairs of integers")
        }
        let queens = stride(from: 0, to: numbers.count, by: 2).map { [numbers[$0], numbers[$0 + 1]] }
        guard queens.count == n else { return .wrong("\(queens.count) queens given, \(n) needed") }
        guard queens.allSatisfy({ (0..<n).contains($0[0]) && (0..<n).contains($0[1]) }) else {
            return .wrong("a position is off the board")
        }
        let set = Set(queens)
        guard set.count == n else { return .wrong("a square is listed twice") }
        for q in placed where !set.contains(q) { return .wrong("the placed queen at \(q[0]) \(q[1]) is missing") }
        for b in blocked where set.contains(b) { return .wrong("a queen stands on the blocked square \(b[0]) \(b[1])") }
        for i in 0..<n {
            for j in (i + 1)..<n {
                let (a, b) = (queens[i], queens[j])
                if a[0] == b[0] || a[1] == b[1] || abs(a[0] - b[0]) == abs(a[1] - b[1]) {
                    return .wrong("queens at \(a[0]) \(a[1]) and \(b[0]) \(b[1]) attack each other")
                }
            }
        }
        return .correct("\(n) non-attacking queens, placed ones kept, blocked squares free")
    }

    public func oracle(metadata: JSONValue) -> String {
        let n = metadata["size"]?.intValue ?? 8
        let placed = metadata["queens"]?.intGrid ?? []
        let blocked = metadata["blocked"]?.intGrid ?? []
        return """
            n = \(n)
            placed = {r: c for r, c in \(placed)}
            blocked = {tuple(b) for b in \(blocked)}

            def solve(row, cols):
                if row == n:
                    return cols
                options = [placed[row]] if row in placed else range(n)
                for c in options:
                    if (row, c) in blocked:
                        continue
                    if all(c != pc and abs(c - pc) != row - pr for pr, pc in enumerate(cols)):
                        found = solve(row + 1, cols + [c])
                        if found:
                            return found
                return None

            print(", ".join(f"{r} {c}" for r, c in enumerate(solve(0, []))))
            """
    }
}
