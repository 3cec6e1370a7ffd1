// sliding_puzzle (Reasoning Gym games family's puzzle_15 idea): tiles 1…k in
// a 3×3 or 4×4 frame with one gap; each move slides a tile next to the gap
// into it. Turn the start frame into the target frame in at most the given
// number of moves. The target is a random arrangement and the start is a
// random walk of that many moves away from it, so a solution that short
// exists (and the 8-puzzle's small state space does not make items repeat);
// the verifier slides the answer's tiles and accepts any solution within the
// bound.

public struct SlidingPuzzleTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "sliding_puzzle", title: "Sliding tile puzzle", source: .reasoningGym, category: "games",
        description: "Slide tiles into the gap to reach a target arrangement within a move limit.",
        knobs: [Knob("side", "frame side (3 or 4)"), Knob("scramble", "random moves from the target frame (the limit)")],
        levels: [Level("easy", ["side": 3, "scramble": 16]),
                 Level("medium", ["side": 3, "scramble": 24]),
                 Level("hard", ["side": 4, "scramble": 20]),
                 Level("expert", ["side": 4, "scramble": 30])],
        defaultLevel: 1)

    /// Slides `tile` into the gap (0) when they are neighbours; false otherwise.
    static func slide(_ board: inout [Int], side: Int, tile: Int) -> Bool {
        guard let t = board.firstIndex(of: tile), let z = board.firstIndex(of: 0), tile != 0 else { return false }
        let (tr, tc, zr, zc) = (t / side, t % side, z / side, z % side)
        guard abs(tr - zr) + abs(tc - zc) == 1 else { return false }
        board.swapAt(t, z)
        return true
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let side = level["side"], moves = level["scramble"]
        // The target: the ordered frame after a long random walk (only half of all
        // arrangements can be reached, so it is not drawn as a plain permutation).
        var goal = Array(1..<(side * side)) + [0]
        for _ in 0..<(side * side * 20) {
            let z = goal.firstIndex(of: 0)!
            let options = [z - side, z + side, z % side > 0 ? z - 1 : -1, z % side < side - 1 ? z + 1 : -1]
                .filter { $0 >= 0 && $0 < side * side }
            goal.swapAt(z, rng.pick(options))
        }
        var board = goal
        var slid: [Int] = []
        while slid.count < moves {
            let z = board.firstIndex(of: 0)!
            let neighbours = [z - side, z + side, z % side > 0 ? z - 1 : -1, z % side < side - 1 ? z + 1 : -1]
                .filter { $0 >= 0 && $0 < side * side && board[$0] != slid.last }
            let tile = board[rng.pick(neighbours)]
            _ = Self.slide(&board, side: side, tile: tile)
            slid.append(tile)
            if board == goal { slid.removeAll() }  // a walk that came home starts again
        }
        let gold = slid.reversed().map(String.init).joined(separator: " ")
        func show(_ b: [Int]) -> String {
            (0..<side).map { r in (0..<side).map { c in b[r * side + c] == 0 ? "_" : String(b[r * side + c]) }
                .joined(separator: " ") }.joined(separator: "\n")
        }
        let question = """
            This \(side)×\(side) sliding puzzle has tiles 1 to \(side * side - 1) and a gap (_). Start:

            \(show(board))

            Target:

            \(show(goal))

            A move slides one tile that is next to the gap (up, down, left or right) into the gap. Reach the \
            target in at most \(moves) moves. Give the numbers of the \
            tiles you slide, in order, as your final answer inside <<< and >>>, separated by spaces, for example \
            <<<\(gold.split(separator: " ").prefix(2).joined(separator: " "))>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "side": .int(side), "board": JSONValue(board), "goal": JSONValue(goal), "limit": .int(moves),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let side = metadata["side"]?.intValue, side > 1, var board = metadata["board"]?.intArray,
              board.count == side * side, let goal = metadata["goal"]?.intArray, let limit = metadata["limit"]?.intValue
        else { return .wrong("item metadata has no board") }
        guard let tiles = RGC.nodeList(answer, limit: limit), !tiles.isEmpty else {
            return .wrong("give at most \(limit) tile numbers")
        }
        for tile in tiles where !Self.slide(&board, side: side, tile: tile) {
            return .wrong("tile \(tile) is not next to the gap when it is moved")
        }
        return board == goal ? .correct("solved in \(tiles.count) moves")
            : .wrong("the tiles are not in the target arrangement after these moves")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        import heapq
        side = \(metadata["side"]?.intValue ?? 0)
        start = tuple(\(RGC.py(metadata["board"])))
        goal = tuple(\(RGC.py(metadata["goal"])))
        home = {v: divmod(i, side) for i, v in enumerate(goal)}
        def distance(b):
            return sum(abs(i // side - home[v][0]) + abs(i % side - home[v][1]) for i, v in enumerate(b) if v)
        # A* with the Manhattan distance: the first time the goal is popped, the path is shortest.
        queue = [(distance(start), 0, start, [])]
        best = {start: 0}
        while queue:
            _, g, b, path = heapq.heappop(queue)
            if b == goal:
                print(" ".join(map(str, path)))
                break
            z = b.index(0)
            zr, zc = divmod(z, side)
            for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                r, c = zr + dr, zc + dc
                if 0 <= r < side and 0 <= c < side:
                    t = r * side + c
                    nb = list(b)
                    nb[z], nb[t] = nb[t], 0
                    nb = tuple(nb)
                    if best.get(nb, 1 << 30) > g + 1:
                        best[nb] = g + 1
                        heapq.heappush(queue, (g + 1 + distance(nb), g + 1, nb, path + [b[t]]))
        """
    }
}
