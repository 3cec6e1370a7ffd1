// knight_swap (Reasoning Gym, games): white and black knights stand on some
// squares of a small board with holes; knights jump as in chess, only onto
// empty squares, and the colours take turns, white first. Can the knights
// swap places (every white knight ending on a square where a black one
// started, and the other way round), and how, in the fewest moves? Breadth-
// first search over (position, side to move) decides; the verifier replays
// the answer and accepts any legal swap of the shortest length, or "No" when
// the search found none.

public struct KnightSwapTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "knight_swap", title: "Knight swap", source: .reasoningGym, category: "games",
        description: "Swap white and black knights on a small board with alternating moves, or say it cannot be done.",
        knobs: [Knob("width", "board files"), Knob("height", "board ranks"), Knob("knights", "knights of each colour"),
                Knob("holes", "squares removed from the board")],
        levels: [Level("easy", ["width": 4, "height": 4, "knights": 1, "holes": 4]),
                 Level("medium", ["width": 4, "height": 4, "knights": 2, "holes": 4]),
                 Level("hard", ["width": 5, "height": 4, "knights": 2, "holes": 4]),
                 Level("expert", ["width": 4, "height": 4, "knights": 3, "holes": 4])],
        defaultLevel: 1)

    static func name(_ cell: Int, width: Int) -> String {
        String(UnicodeScalar(UInt8(65 + cell % width))) + String(cell / width + 1)
    }

    /// Knight-move neighbours of every square that is on the board.
    static func jumps(width: Int, height: Int, on: [Bool]) -> [[Int]] {
        (0..<(width * height)).map { cell in
            guard on[cell] else { return [] }
            let (x, y) = (cell % width, cell / width)
            return [(1, 2), (2, 1), (-1, 2), (-2, 1), (1, -2), (2, -1), (-1, -2), (-2, -1)].compactMap { dx, dy in
                let (nx, ny) = (x + dx, y + dy)
                guard nx >= 0, nx < width, ny >= 0, ny < height, on[ny * width + nx] else { return nil }
                return ny * width + nx
            }
        }
    }

    /// Shortest swap as (from, to) moves, or nil. `board`: 0 empty, 1 white, 2 black per cell.
    /// A state is packed into one integer: cell i's content times 3^i, times 2, plus 1 when
    /// black is to move.
    static func solve(_ board: [Int], jumps: [[Int]]) -> [(Int, Int)]? {
        let n = board.count
        var power = [Int](repeating: 1, count: n)
        for i in 1..<n { power[i] = power[i - 1] * 3 }
        let pack = { (cells: [Int]) in zip(cells, power).reduce(0) { $0 + $1.0 * $1.1 } }
        let goal = pack(board.map { $0 == 1 ? 2 : $0 == 2 ? 1 : 0 }) * 2
        let start = pack(board) * 2
        // parent[state] = (previous state, from, to)
        var parent: [Int: (Int, Int, Int)] = [start: (-1, 0, 0)]
        var frontier = [start]
        while !frontier.isEmpty {
            var next: [Int] = []
            for s in frontier {
                // Either side to move may end in the goal; compare the position only.
                if s / 2 == goal / 2 {
                    var moves: [(Int, Int)] = [], k = s
                    while let (p, from, to) = parent[k], p >= 0 { moves.append((from, to)); k = p }
                    return moves.reversed()
                }
                let colour = s % 2 == 0 ? 1 : 2
                let position = s / 2
                for from in 0..<n where position / power[from] % 3 == colour {
                    for to in jumps[from] where position / power[to] % 3 == 0 {
                        let moved = position - colour * power[from] + colour * power[to]
                        let t = moved * 2 + (colour == 1 ? 1 : 0)
                        if parent[t] == nil { parent[t] = (s, from, to); next.append(t) }
                    }
                }
            }
            frontier = next
        }
        return nil
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let w = level["width"], h = level["height"], k = level["knights"]
        let wantPossible = rng.chance(0.7)
        for _ in 0..<5000 {
            var on = [Bool](repeating: true, count: w * h)
            for cell in rng.sample(Array(0..<(w * h)), count: level["holes"]) { on[cell] = false }
            let squares = (0..<(w * h)).filter { on[$0] }
            let placed = rng.sample(squares, count: 2 * k)
            var board = [Int](repeating: 0, count: w * h)
            for (i, cell) in placed.enumerated() { board[cell] = i < k ? 1 : 2 }
            let jumps = Self.jumps(width: w, height: h, on: on)
            let solution = Self.solve(board, jumps: jumps)
            guard (solution != nil) == wantPossible, solution.map({ $0.count >= 2 }) ?? true else { continue }
            let list = { (colour: Int) in squares.filter { board[$0] == colour }.map { Self.name($0, width: w) }.joined(separator: ", ") }
            let question = """
                A board has files A to \(String(UnicodeScalar(UInt8(64 + w)))) and ranks 1 to \(h); only these squares \
                exist: \(squares.map { Self.name($0, width: w) }.joined(separator: ", ")).
                White knights stand on \(list(1)); black knights stand on \(list(2)); the other squares are empty.

                A knight moves as in chess (two squares one way and one square at right angles), and only onto an \
                existing empty square. White and black move in turn, white first. The goal is to swap the knights: \
                every white knight ends on a square where a black knight started, and every black knight on a square \
                where a white knight started. Give the shortest sequence of moves as your final answer inside <<< \
                and >>>, each written FROM-TO, separated by spaces (for example <<<A1-B3 C1-A2>>>), or answer \
                <<<No>>> if the swap is impossible.
                """
            let gold = solution.map { $0.map { "\(Self.name($0.0, width: w))-\(Self.name($0.1, width: w))" }.joined(separator: " ") } ?? "No"
            return GeneratedItem(question: question, gold: gold, metadata: [
                "width": .int(w), "height": .int(h), "on": .array(on.map { .bool($0) }), "board": JSONValue(board),
                "fewest": solution.map { .int($0.count) } ?? .null,
            ])
        }
        preconditionFailure("knight_swap: no board with the wanted answer")
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let w = metadata["width"]?.intValue, let h = metadata["height"]?.intValue, w > 0, h > 0, w <= 26,
              let on = metadata["on"]?.arrayValue?.compactMap(\.boolValue), on.count == w * h,
              var board = metadata["board"]?.intArray, board.count == w * h, metadata["fewest"] != nil
        else { return .wrong("item metadata has no board") }
        let fewest = metadata["fewest"]?.intValue
        if BBH.tidy(answer).lowercased() == "no" {
            return fewest == nil ? .correct("the swap is impossible") : .wrong("the swap can be done in \(fewest!) moves")
        }
        let names = (0..<(w * h)).map { Self.name($0, width: w) }
        let moves = answer.uppercased().split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == ";" })
        guard !moves.isEmpty, moves.count <= 1000 else { return .wrong("give the moves as FROM-TO, or No") }
        let goal = board.map { $0 == 1 ? 2 : $0 == 2 ? 1 : 0 }
        let jumps = Self.jumps(width: w, height: h, on: on)
        var colour = 1
        for move in moves {
            let ends = move.split(separator: "-").map(String.init)
            guard ends.count == 2, let from = names.firstIndex(of: ends[0]), let to = names.firstIndex(of: ends[1]) else {
                return .wrong("'\(move.prefix(20))' is not a move FROM-TO")
            }
            guard board[from] == colour else { return .wrong("move \(move): no \(colour == 1 ? "white" : "black") knight on \(ends[0]) to move") }
            guard jumps[from].contains(to), board[to] == 0 else { return .wrong("move \(move) is not a knight's jump to an empty square") }
            board[to] = colour; board[from] = 0
            colour = 3 - colour
        }
        guard board == goal else { return .wrong("the knights have not swapped") }
        guard let fewest else { return .wrong("item metadata says the swap is impossible") }
        return moves.count == fewest ? .correct("a shortest swap") : .wrong("\(moves.count) moves; the fewest is \(fewest)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from collections import deque
        w, h = \(metadata["width"]?.intValue ?? 0), \(metadata["height"]?.intValue ?? 0)
        on = \(RGC.py(metadata["on"]))
        start = tuple(\(RGC.py(metadata["board"])))
        goal = tuple({1: 2, 2: 1}.get(v, 0) for v in start)
        def name(c):
            return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[c % w] + str(c // w + 1)
        def jumps(c):
            x, y = c % w, c // w
            for dx, dy in ((1, 2), (2, 1), (-1, 2), (-2, 1), (1, -2), (2, -1), (-1, -2), (-2, -1)):
                nx, ny = x + dx, y + dy
                if 0 <= nx < w and 0 <= ny < h and on[ny * w + nx]:
                    yield ny * w + nx
        first = (start, 1)
        came = {first: None}
        queue = deque([first])
        answer = "No"
        while queue:
            state = queue.popleft()
            cells, colour = state
            if cells == goal:
                moves = []
                while came[state]:
                    state, move = came[state]
                    moves.append(move)
                answer = " ".join(reversed(moves))
                break
            for a in range(w * h):
                if cells[a] != colour:
                    continue
                for b in jumps(a):
                    if cells[b] == 0:
                        nxt = list(cells)
                        nxt[a], nxt[b] = 0, colour
                        new = (tuple(nxt), 3 - colour)
                        if new not in came:
                            came[new] = (state, name(a) + "-" + name(b))
                            queue.append(new)
        print(answer)
        """
    }
}
