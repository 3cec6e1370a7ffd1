// Reversi (SymBench): from a given position, play a list of moves with the
// usual flipping rule and give the resulting board. The moves are legal by
// construction. One answer: the final board, compared exactly.

public struct ReversiTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "reversi",
        title: "Reversi",
        source: .symbench,
        category: "spatial",
        description: "Play a sequence of Reversi (Othello) moves with flips and give the final board.",
        knobs: [
            Knob("size", "board side"),
            Knob("opening", "moves played before the shown position"),
            Knob("moves", "moves to apply to the shown position"),
        ],
        levels: [
            Level("easy", ["size": 6, "opening": 8, "moves": 1]),
            Level("medium", ["size": 6, "opening": 10, "moves": 3]),
            Level("hard", ["size": 8, "opening": 12, "moves": 4]),
            Level("expert", ["size": 8, "opening": 20, "moves": 8]),
        ],
        defaultLevel: 1
    )

    static let directions = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]

    /// The discs `player` would flip by playing at (r, c); empty when the move is illegal.
    static func flips(_ b: [[Character]], _ r: Int, _ c: Int, _ player: Character) -> [(Int, Int)] {
        let n = b.count
        guard b[r][c] == "." else { return [] }
        let other: Character = player == "B" ? "W" : "B"
        var out: [(Int, Int)] = []
        for (dr, dc) in directions {
            var line: [(Int, Int)] = []
            var (i, j) = (r + dr, c + dc)
            while i >= 0, i < n, j >= 0, j < n, b[i][j] == other {
                line.append((i, j))
                i += dr
                j += dc
            }
            if !line.isEmpty, i >= 0, i < n, j >= 0, j < n, b[i][j] == player { out += line }
        }
        return out
    }

    static func start(_ n: Int) -> [[Character]] {
        var b = Array(repeating: Array(repeating: Character("."), count: n), count: n)
        let h = n / 2
        b[h - 1][h - 1] = "W"; b[h][h] = "W"; b[h - 1][h] = "B"; b[h][h - 1] = "B"
        return b
    }

    /// Plays `count` random legal moves from `board`, `player` first; passes when stuck.
    /// Returns nil when the game ends before that.
    static func play(_ board: inout [[Character]], _ player: inout Character, count: Int,
                     rng: inout SplitMix64) -> [(Character, Int, Int)]? {
        var played: [(Character, Int, Int)] = []
        let n = board.count
        while played.count < count {
            var legal = (0..<(n * n)).filter { !flips(board, $0 / n, $0 % n, player).isEmpty }
            if legal.isEmpty {
                player = player == "B" ? "W" : "B"
                legal = (0..<(n * n)).filter { !flips(board, $0 / n, $0 % n, player).isEmpty }
                if legal.isEmpty { return nil }
            }
            let cell = rng.pick(legal)
            let (r, c) = (cell / n, cell % n)
            for (i, j) in flips(board, r, c, player) { board[i][j] = player }
            board[r][c] = player
            played.append((player, r, c))
            player = player == "B" ? "W" : "B"
        }
        return played
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        while true {
            var board = Self.start(n)
            var player: Character = "B"
            guard Self.play(&board, &player, count: level["opening"], rng: &rng) != nil else { continue }
            let shown = board
            guard let moves = Self.play(&board, &player, count: level["moves"], rng: &rng) else { continue }
            let moveText = moves.enumerated().map { i, m in
                "\(i + 1). \(m.0 == "B" ? "Black" : "White") plays at row \(m.1 + 1), column \(m.2 + 1)"
            }.joined(separator: "\n")
            let question = """
                A game of Reversi (Othello) on a \(n)x\(n) board. 'B' is a black disc, 'W' a white disc and '.' an \
                empty square; rows are numbered 1 to \(n) from the top and columns 1 to \(n) from the left.
                \(shown.map { $0.map(String.init).joined(separator: " ") }.joined(separator: "\n"))

                These moves are played, in order (all are legal):
                \(moveText)

                A disc placed on the board flips every straight line (horizontal, vertical or diagonal) of the \
                opponent's discs that runs from it to another disc of the player's colour.
                What is the board after these moves? Give it row by row, top row first, as \(n * n) comma-separated \
                symbols B, W or ., in the form <<<.,.,B,W,...>>>.
                """
            let flat = board.flatMap { $0 }.map(String.init)
            return GeneratedItem(question: question, gold: flat.joined(separator: ","), metadata: [
                "board": JSONValue(shown.map { String($0) }),
                "moves": .array(moves.map { .array([.string(String($0.0)), .int($0.1), .int($0.2)]) }),
                "final": JSONValue(flat),
            ])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let final = metadata["final"]?.stringArray else { return .wrong("item metadata is missing the final board") }
        guard let cells = SymParse.cells(answer.uppercased(), count: final.count) else {
            return .wrong("expected \(final.count) symbols")
        }
        let normal = cells.map { ["*", "0", "_", "-", "E", "."].contains($0) ? "." : $0 }
        guard normal.allSatisfy({ $0 == "." || $0 == "B" || $0 == "W" }) else { return .wrong("symbols must be B, W or .") }
        let wrong = zip(normal, final).filter { $0.0 != $0.1 }.count
        return wrong == 0 ? .correct("the board is right") : .wrong("\(wrong) squares are wrong")
    }

    public func oracle(metadata: JSONValue) -> String {
        let board = metadata["board"]?.stringArray ?? []
        let moves = (metadata["moves"]?.arrayValue ?? []).compactMap { m -> String? in
            guard let a = m.arrayValue, a.count == 3, let p = a[0].stringValue, let r = a[1].intValue, let c = a[2].intValue
            else { return nil }
            return "('\(p)', \(r), \(c))"
        }
        return """
            board = [list(row) for row in \(SymFormat.pyStrings(board))]
            moves = [\(moves.joined(separator: ", "))]  # (player, row, column), 0-based
            n = len(board)
            for player, r, c in moves:
                other = "W" if player == "B" else "B"
                for dr in (-1, 0, 1):
                    for dc in (-1, 0, 1):
                        if dr == dc == 0:
                            continue
                        line, i, j = [], r + dr, c + dc
                        while 0 <= i < n and 0 <= j < n and board[i][j] == other:
                            line.append((i, j))
                            i, j = i + dr, j + dc
                        if line and 0 <= i < n and 0 <= j < n and board[i][j] == player:
                            for a, b in line:
                                board[a][b] = player
                board[r][c] = player
            print(",".join(v for row in board for v in row))
            """
    }
}
