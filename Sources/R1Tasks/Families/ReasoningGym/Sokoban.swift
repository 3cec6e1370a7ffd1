// sokoban (Reasoning Gym, games): push every box onto a goal. The level is
// made by playing backwards from the solved position (the player walks and
// pulls boxes off their goals), so it is solvable by construction; the gold
// answer is that play reversed. The verifier replays the answer's moves and
// accepts any sequence that ends with every box on a goal.

public struct SokobanTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "sokoban", title: "Sokoban", source: .reasoningGym, category: "games",
        description: "Give a sequence of moves that pushes every box onto a goal square.",
        knobs: [Knob("size", "room side including walls"), Knob("boxes", "number of boxes"),
                Knob("pulls", "backward steps used to scramble the solved room")],
        levels: [Level("easy", ["size": 7, "boxes": 1, "pulls": 16]),
                 Level("medium", ["size": 7, "boxes": 2, "pulls": 24]),
                 Level("hard", ["size": 8, "boxes": 3, "pulls": 40])],
        defaultLevel: 1)

    static let steps: [(letter: Character, dr: Int, dc: Int)] = [("U", -1, 0), ("D", 1, 0), ("L", 0, -1), ("R", 0, 1)]

    /// Room cells: # wall, . floor; goals, boxes and the player are kept apart (flat indices).
    struct Room { var walls: [Bool]; var goals: Set<Int>; var boxes: Set<Int>; var player: Int; let side: Int }

    /// Plays one forward move; false when it walks into a wall or pushes a box into a wall or box.
    static func move(_ room: inout Room, _ step: (letter: Character, dr: Int, dc: Int)) -> Bool {
        let d = step.dr * room.side + step.dc
        let next = room.player + d
        guard !room.walls[next] else { return false }
        if room.boxes.contains(next) {
            let beyond = next + d
            guard !room.walls[beyond], !room.boxes.contains(beyond) else { return false }
            room.boxes.remove(next); room.boxes.insert(beyond)
        }
        room.player = next
        return true
    }

    static func render(_ room: Room) -> [String] {
        (0..<room.side).map { r in String((0..<room.side).map { c -> Character in
            let i = r * room.side + c
            if room.walls[i] { return "#" }
            let goal = room.goals.contains(i)
            if room.player == i { return goal ? "+" : "@" }
            if room.boxes.contains(i) { return goal ? "*" : "$" }
            return goal ? "." : " "
        }) }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"], boxCount = level["boxes"]
        for _ in 0..<1000 {
            var walls = (0..<(n * n)).map { i in i / n == 0 || i / n == n - 1 || i % n == 0 || i % n == n - 1 }
            let inner = (0..<(n * n)).filter { !walls[$0] }
            for i in rng.sample(inner, count: (n - 2) * (n - 2) / 8) { walls[i] = true }
            let floor = inner.filter { !walls[$0] }
            let picked = rng.sample(floor, count: boxCount + 1)
            let goals = Set(picked.prefix(boxCount))
            var room = Room(walls: walls, goals: goals, boxes: goals, player: picked[boxCount], side: n)
            // Backwards play: the player steps to a free cell and may pull the box behind them along.
            var backwards: [Character] = []
            for _ in 0..<level["pulls"] {
                let step = rng.pick(Self.steps)
                let d = step.dr * n + step.dc
                let next = room.player + d
                guard !room.walls[next], !room.boxes.contains(next) else { continue }
                let behind = room.player - d
                if room.boxes.contains(behind) && rng.chance(0.7) {
                    room.boxes.remove(behind); room.boxes.insert(room.player)
                }
                room.player = next
                backwards.append(step.letter)
            }
            guard room.boxes != room.goals else { continue }
            let opposite: [Character: Character] = ["U": "D", "D": "U", "L": "R", "R": "L"]
            let gold = String(backwards.reversed().map { opposite[$0]! })
            let map = Self.render(room)
            let question = """
                Solve this Sokoban room. # is a wall, @ is you, $ is a box, . is a goal, * is a box on a goal \
                and + is you standing on a goal.

                \(map.joined(separator: "\n"))

                You move one square up (U), down (D), left (L) or right (R); walking into a box pushes it one \
                square further, which is only possible when that square is free (no wall, no other box). You \
                cannot pull boxes. Give moves that leave every box on a goal as your final answer inside <<< and \
                >>>, as a string of the letters U, D, L and R, for example <<<LURD>>>. Any solution is accepted.
                """
            return GeneratedItem(question: question, gold: gold, metadata: ["map": JSONValue(map)])
        }
        preconditionFailure("sokoban: no scrambled room")
    }

    /// The room a rendered map describes; nil when the map is malformed.
    static func parse(_ map: [String]) -> Room? {
        let side = map.count
        guard side >= 3, map.allSatisfy({ $0.count == side }) else { return nil }
        var room = Room(walls: [], goals: [], boxes: [], player: -1, side: side)
        for (i, ch) in map.joined().enumerated() {
            room.walls.append(ch == "#")
            if ch == "." || ch == "*" || ch == "+" { room.goals.insert(i) }
            if ch == "$" || ch == "*" { room.boxes.insert(i) }
            if ch == "@" || ch == "+" { room.player = i }
        }
        // The border must be wall so moves never leave the map.
        for i in 0..<(side * side) where (i / side == 0 || i / side == side - 1 || i % side == 0 || i % side == side - 1) && !room.walls[i] {
            return nil
        }
        return room.player >= 0 && room.boxes.count == room.goals.count ? room : nil
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let map = metadata["map"]?.stringArray, var room = Self.parse(map) else { return .wrong("item metadata has no room") }
        let letters = answer.uppercased().filter { !$0.isWhitespace && $0 != "," }
        guard !letters.isEmpty, letters.count <= 10_000 else { return .wrong("give the moves as letters U, D, L, R") }
        for ch in letters {
            guard let step = Self.steps.first(where: { $0.letter == ch }) else { return .wrong("'\(ch)' is not a move") }
            guard Self.move(&room, step) else { return .wrong("a move runs into a wall or pushes a box into a wall or box") }
        }
        return room.boxes == room.goals ? .correct("every box is on a goal") : .wrong("not every box ends on a goal")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from collections import deque
        room = \(RGC.py(metadata["map"]))
        n = len(room)
        cells = {(r, c): ch for r, row in enumerate(room) for c, ch in enumerate(row)}
        walls = {p for p, ch in cells.items() if ch == "#"}
        goals = frozenset(p for p, ch in cells.items() if ch in ".*+")
        boxes = frozenset(p for p, ch in cells.items() if ch in "$*")
        player = next(p for p, ch in cells.items() if ch in "@+")
        moves = {"U": (-1, 0), "D": (1, 0), "L": (0, -1), "R": (0, 1)}
        start = (player, boxes)
        came = {start: None}
        queue = deque([start])
        while queue:
            state = queue.popleft()
            (r, c), bx = state
            if bx == goals:
                path = []
                while came[state]:
                    state, letter = came[state]
                    path.append(letter)
                print("".join(reversed(path)))
                break
            for letter, (dr, dc) in moves.items():
                nxt = (r + dr, c + dc)
                if nxt in walls:
                    continue
                nb = bx
                if nxt in bx:
                    beyond = (r + 2 * dr, c + 2 * dc)
                    if beyond in walls or beyond in bx:
                        continue
                    nb = (bx - {nxt}) | {beyond}
                new = (nxt, nb)
                if new not in came:
                    came[new] = (state, letter)
                    queue.append(new)
        """
    }
}
